/**
 * Subject classes, per direction: pods whose own policies for that direction are the same. In the evaluator
 * (src/eval/network-policy.ts) a pod's verdict as the SUBJECT reads only: whether it uses the host network (then it
 * is never restricted), the policies of its namespace that isolate it for the direction (isolatingPoliciesFor),
 * and — in the engine's policy hops (src/engine/hops/policy-common.ts) — the ACK enforcement of the pod
 * (src/eval/policy-enforcement.ts): not enforced ⇒ never dropped; enforcement unknown ⇒ a deny is only "unknown";
 * and whether ipBlocks match in-cluster IPs. Pods agreeing on all of these answer every peer and port alike.
 */
import { isolatingPoliciesFor, type PolicyDirection } from '../../eval/network-policy.js';
import type { NetworkPolicy, Pod } from '../../model/kubernetes.js';

/** The enforcement facts a verdict reads (a projection of src/eval/policy-enforcement.ts's Enforcement). */
export interface PodEnforcement {
  readonly enforced: boolean | 'unknown';
  readonly ipBlockMatchesPods: boolean;
}

export interface SubjectClass {
  readonly id: number;
  /** Never restricted: host network, no isolating policy, or policies not enforced. */
  readonly open: boolean;
  /** The isolating policies (sorted by name as the evaluator sorts them); empty when open. */
  readonly policies: readonly NetworkPolicy[];
  /** Enforcement unknown: a deny is reported as unknown, as the engine's policy hop does. */
  readonly enforcementUnknown: boolean;
  readonly ipBlockMatchesPods: boolean;
  readonly size: number;
  readonly representativeIndex: number;
}

export interface SubjectClassing {
  readonly classes: readonly SubjectClass[];
  readonly classOf: Int32Array;
}

export function classifySubjects(
  pods: readonly Pod[],
  policies: readonly NetworkPolicy[],
  direction: PolicyDirection,
  enforcementOf: (pod: Pod) => PodEnforcement,
): SubjectClassing {
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace) ?? [];
    list.push(policy);
    byNamespace.set(policy.namespace, list);
  }
  const policyId = new Map<NetworkPolicy, number>();
  for (const [i, p] of policies.entries()) policyId.set(p, i);
  // Pods of one ReplicaSet share their labels: select once per (namespace, labels).
  const isolatingMemo = new Map<string, NetworkPolicy[]>();
  const classOf = new Int32Array(pods.length);
  const byKey = new Map<string, number>();
  const classes: {
    id: number;
    open: boolean;
    policies: readonly NetworkPolicy[];
    enforcementUnknown: boolean;
    ipBlockMatchesPods: boolean;
    size: number;
    representativeIndex: number;
  }[] = [];
  pods.forEach((pod, index) => {
    let isolating: NetworkPolicy[] = [];
    let enforcement: PodEnforcement = { enforced: true, ipBlockMatchesPods: true };
    if (!pod.hostNetwork) {
      const memoKey = `${pod.namespace}\u0000${JSON.stringify(Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
      let found = isolatingMemo.get(memoKey);
      if (found === undefined) {
        found = isolatingPoliciesFor(byNamespace.get(pod.namespace) ?? [], pod, direction);
        isolatingMemo.set(memoKey, found);
      }
      isolating = found;
      if (isolating.length > 0) enforcement = enforcementOf(pod);
    }
    const open = pod.hostNetwork || isolating.length === 0 || enforcement.enforced === false;
    const key = open
      ? 'open'
      : `${enforcement.enforced === 'unknown' ? 'u' : 'e'}${enforcement.ipBlockMatchesPods ? 1 : 0}|${isolating.map((p) => policyId.get(p)).join(',')}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = classes.length;
      byKey.set(key, id);
      classes.push({
        id,
        open,
        policies: open ? [] : isolating,
        enforcementUnknown: !open && enforcement.enforced === 'unknown',
        ipBlockMatchesPods: enforcement.ipBlockMatchesPods,
        size: 0,
        representativeIndex: index,
      });
    }
    const entry = classes[id];
    if (entry !== undefined) entry.size++;
    classOf[index] = id;
  });
  return { classes, classOf };
}
