import type { CloudResources } from '../../model/cloud.js';
import type { ClusterFacts } from '../../model/cluster-facts.js';
import type { KubernetesObjects } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import { deriveCni, deriveTerwayMode, deriveTerwayVersion } from './cni.js';
import { deriveContext } from './context.js';
import { deriveNodeLocalDns, deriveRegionId, deriveVpcId } from './location.js';
import { deriveClusterDomain, deriveKubeProxyMode, derivePodCidrs, deriveServiceCidrs } from './network.js';
import {
  deriveInClusterLoadBalance,
  deriveIpStack,
  deriveNetworkPolicyDisabled,
  deriveTerwayPodVSwitches,
  deriveTerwaySecurityGroups,
} from './terway-config.js';

export { computeGaps, type Gap } from './gaps.js';
export { warnPodIpsOutsideVSwitches } from './pod-addresses.js';

/**
 * The cluster facts the engine asks about, each known with its evidence or unknown with what to collect.
 * Unreadable JSON inside a ConfigMap is reported in `problems` (as a warning) and leaves its facts unknown.
 */
export function deriveClusterFacts(
  k8s: KubernetesObjects,
  cloud: CloudResources,
  problems: LoadProblem[],
): ClusterFacts {
  const ctx = deriveContext(k8s, cloud, problems);
  const cni = deriveCni(ctx);
  return {
    cni,
    terwayMode: deriveTerwayMode(ctx, cni),
    terwayVersion: deriveTerwayVersion(ctx, cni),
    inClusterLoadBalance: deriveInClusterLoadBalance(ctx, cni),
    ipStack: deriveIpStack(ctx, cni),
    kubeProxyMode: deriveKubeProxyMode(ctx),
    podCidrs: derivePodCidrs(ctx, cni),
    serviceCidrs: deriveServiceCidrs(ctx, cni),
    clusterDomain: deriveClusterDomain(ctx),
    networkPolicyDisabled: deriveNetworkPolicyDisabled(ctx, cni),
    terwayPodVSwitches: deriveTerwayPodVSwitches(ctx, cni),
    terwaySecurityGroups: deriveTerwaySecurityGroups(ctx, cni),
    regionId: deriveRegionId(ctx),
    vpcId: deriveVpcId(ctx),
    nodeLocalDns: deriveNodeLocalDns(ctx),
  };
}
