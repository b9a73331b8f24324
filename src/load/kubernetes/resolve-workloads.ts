import type { OwnerRef, Pod, Workload } from '../../model/kubernetes.js';

/** ReplicaSets by namespace, then name; the first of two with one name (dropDuplicates runs before). */
export type ReplicaSetIndex = ReadonlyMap<string, ReadonlyMap<string, Workload>>;

/** Built once per snapshot: looking each pod's ReplicaSet up in the workload list is O(pods × workloads). */
export function indexReplicaSets(workloads: readonly Workload[]): ReplicaSetIndex {
  const index = new Map<string, Map<string, Workload>>();
  for (const workload of workloads) {
    if (workload.kind !== 'ReplicaSet') continue;
    let byName = index.get(workload.namespace);
    if (byName === undefined) {
      byName = new Map();
      index.set(workload.namespace, byName);
    }
    if (!byName.has(workload.name)) byName.set(workload.name, workload);
  }
  return index;
}

/**
 * The workload a pod belongs to. A Deployment owns its pods through a ReplicaSet named
 * `<deployment>-<pod-template-hash>`; the ReplicaSet object, when present, names its Deployment in its own
 * ownerReferences. Without it the pod's `pod-template-hash` label is stripped from the ReplicaSet name.
 * StatefulSet, DaemonSet and Job own their pods directly.
 */
export function resolveWorkload(pod: Pod, replicaSets: ReplicaSetIndex): OwnerRef | undefined {
  const owner = pod.owner;
  if (owner === undefined) return undefined;
  if (owner.kind !== 'ReplicaSet') return owner;
  const replicaSet = replicaSets.get(pod.namespace)?.get(owner.name);
  if (replicaSet !== undefined) return replicaSet.owner ?? owner;
  const hash = pod.labels['pod-template-hash'];
  if (hash !== undefined && owner.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return owner;
}
