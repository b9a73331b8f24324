/**
 * The ACK enforcement of each pod, as the engine's policy hops read it (src/engine/hops/policy-common.ts calls
 * networkPolicyEnforcement with the pod's node when the snapshot has it). networkPolicyEnforcement reads the cluster
 * facts and workloads, and of the node only whether it carries the exclusive-ENI label
 * (src/eval/policy-enforcement.ts; the pod argument is unused), so it is called once per such kind of node — on
 * large clusters the Flannel branch scans every workload, which per pod would cost minutes.
 */
import {
  EXCLUSIVE_ENI_NODE_LABEL,
  EXCLUSIVE_ENI_NODE_VALUE,
  networkPolicyEnforcement,
} from '../../eval/policy-enforcement.js';
import type { Node, Pod } from '../../model/kubernetes.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { PodEnforcement } from './subject-classes.js';

export type PolicySnapshot = Pick<Snapshot, 'kubernetes' | 'facts'>;

export function snapshotEnforcement(snapshot: PolicySnapshot): (pod: Pod) => PodEnforcement {
  const nodes = new Map<string, Node>();
  for (const node of snapshot.kubernetes.nodes) if (!nodes.has(node.name)) nodes.set(node.name, node);
  const memo = new Map<string, PodEnforcement>();
  return (pod) => {
    const node = pod.nodeName === undefined ? undefined : nodes.get(pod.nodeName);
    const kind =
      node === undefined
        ? 'none'
        : node.labels[EXCLUSIVE_ENI_NODE_LABEL] === EXCLUSIVE_ENI_NODE_VALUE
          ? 'exclusive'
          : 'other';
    let found = memo.get(kind);
    if (found === undefined) {
      const e = networkPolicyEnforcement(
        snapshot.facts,
        pod,
        snapshot.kubernetes.workloads,
        ...(node === undefined ? [] : [node]),
      );
      found = { enforced: e.enforced, ipBlockMatchesPods: e.ipBlockMatchesPods };
      memo.set(kind, found);
    }
    return found;
  };
}
