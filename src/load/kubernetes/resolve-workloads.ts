import type { OwnerRef, Pod, Workload } from '../../model/kubernetes.js';

/**
 * The workload a pod belongs to. A Deployment owns its pods through a ReplicaSet named
 * `<deployment>-<pod-template-hash>`; the ReplicaSet object, when present, names its Deployment in its own
 * ownerReferences. Without it the pod's `pod-template-hash` label is stripped from the ReplicaSet name.
 * StatefulSet, DaemonSet and Job own their pods directly.
 */
export function resolveWorkload(pod: Pod, workloads: readonly Workload[]): OwnerRef | undefined {
  const owner = pod.owner;
  if (owner === undefined) return undefined;
  if (owner.kind !== 'ReplicaSet') return owner;
  const replicaSet = workloads.find(
    (w) => w.kind === 'ReplicaSet' && w.namespace === pod.namespace && w.name === owner.name,
  );
  if (replicaSet !== undefined) return replicaSet.owner ?? owner;
  const hash = pod.labels['pod-template-hash'];
  if (hash !== undefined && owner.name.endsWith(`-${hash}`)) {
    return { kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return owner;
}
