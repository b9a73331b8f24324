import type { CloudResources } from '../../model/cloud.js';
import type { ClusterFacts } from '../../model/cluster-facts.js';
import type { KubernetesObjects } from '../../model/kubernetes.js';
import { formatOrigin } from '../../model/origin.js';
import { anyCidrContains, isIpv6 } from '../kubernetes/ip-text.js';
import { problemAtOrigin } from '../kubernetes/problems.js';
import type { LoadProblem } from '../problem.js';

/**
 * On Terway a pod's IPv4 address comes from the vSwitch of its ENI (alibaba-semantics.md §1.2), so it lies inside
 * one of the VPC's vSwitches. A pod IP outside every vSwitch of the snapshot means a vSwitch response is missing
 * (a page not saved) or the dumps were taken at different times. Checked only when vSwitches were loaded.
 */
export function warnPodIpsOutsideVSwitches(
  k8s: KubernetesObjects,
  cloud: CloudResources,
  facts: ClusterFacts,
  problems: LoadProblem[],
): void {
  if (!facts.cni.known || facts.cni.value !== 'terway' || cloud.vSwitches.length === 0) return;
  const first = cloud.vSwitches[0];
  const inSomeVSwitch = anyCidrContains(cloud.vSwitches.map((v) => v.cidrBlock));
  for (const pod of k8s.pods) {
    if (pod.hostNetwork || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    for (const ip of pod.ips) {
      if (isIpv6(ip) || inSomeVSwitch(ip)) continue;
      const where = first ? ` (DescribeVSwitches at ${formatOrigin(first.origin)})` : '';
      problems.push(
        problemAtOrigin(pod.origin, {
          severity: 'warning',
          message: `Pod ${pod.namespace}/${pod.name} has IP ${ip}, outside every vSwitch of the snapshot: ${cloud.vSwitches.map((v) => `${v.id} ${v.cidrBlock}`).join(', ')}${where}`,
          expected: 'a Terway pod IP inside the CIDR of a vSwitch of the VPC',
          hint: 'add the missing DescribeVSwitches page, or collect pods and vSwitches again at the same time',
        }),
      );
    }
  }
}
