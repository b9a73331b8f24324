/** An empty snapshot whose facts are all unknown: the base of hand-built snapshots in tests. */
import { emptyBuilder } from '../../load/snapshot-builder.js';
import { unknown } from '../../model/fact.js';
import type { Snapshot } from '../../model/snapshot.js';

export function emptySnapshot(): Snapshot {
  const { kubernetes, cloud, world } = emptyBuilder();
  const missing = unknown('kubectl get configmap -n kube-system eni-config -o yaml');
  return {
    kubernetes,
    cloud,
    world,
    facts: {
      cni: missing,
      terwayMode: missing,
      terwayVersion: missing,
      inClusterLoadBalance: missing,
      ipStack: missing,
      kubeProxyMode: missing,
      podCidrs: missing,
      serviceCidrs: missing,
      clusterDomain: missing,
      networkPolicyDisabled: missing,
      terwayPodVSwitches: missing,
      terwaySecurityGroups: missing,
      regionId: missing,
      vpcId: missing,
      nodeLocalDns: missing,
    },
  };
}
