/**
 * Subject classes, per direction: pods whose own policies for that direction are the same. In the evaluator
 * (src/eval/network-policy.ts) a pod's verdict as the SUBJECT reads only: whether it uses the host network (then it
 * is never restricted), the policies of its namespace that isolate it for the direction (isolatingPoliciesFor),
 * and — in the engine's policy hops (src/engine/hops/policy-common.ts) — the ACK enforcement of the pod
 * (src/eval/policy-enforcement.ts): not enforced ⇒ never dropped; enforcement unknown ⇒ a deny is only "unknown";
 * and whether ipBlocks match in-cluster IPs. Pods agreeing on all of these answer every peer and port alike.
 */
import { isolatingPoliciesFor } from '../../eval/network-policy.js';
import type { NetworkPolicy, Pod } from '../../model/kubernetes.js';
import { type LabelReads, labelSignature, selectorReads } from './label-signature.js';

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

export interface SubjectClassings {
  readonly egress: SubjectClassing;
  readonly ingress: SubjectClassing;
}

interface MutableClass {
  id: number;
  open: boolean;
  policies: readonly NetworkPolicy[];
  enforcementUnknown: boolean;
  ipBlockMatchesPods: boolean;
  size: number;
  representativeIndex: number;
}

/** Read for pods nothing isolates: they are open whatever the enforcement. */
const OPEN_ENFORCEMENT: PodEnforcement = { enforced: true, ipBlockMatchesPods: true };

/** Both directions in one pass over the pods (the label signature is computed once per pod). */
export function classifySubjects(
  pods: readonly Pod[],
  policies: readonly NetworkPolicy[],
  enforcementOf: (pod: Pod) => PodEnforcement,
): SubjectClassings {
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace) ?? [];
    list.push(policy);
    byNamespace.set(policy.namespace, list);
  }
  // What the podSelectors of each namespace's policies read of a pod's labels (label-signature.ts): pods of one
  // namespace with equal signatures are selected by the same policies, so isolatingPoliciesFor runs once for them.
  const readsOf = new Map<string, LabelReads>();
  for (const [namespace, list] of byNamespace) {
    readsOf.set(namespace, selectorReads(list.map((p) => p.podSelector)));
  }
  const policyId = new Map<NetworkPolicy, number>();
  for (const [i, p] of policies.entries()) policyId.set(p, i);
  const NONE: readonly NetworkPolicy[] = [];
  // The isolating lists are shared through isolatingMemo, so their id text is built once per list.
  const idTexts = new Map<readonly NetworkPolicy[], string>();
  const idsOf = (list: readonly NetworkPolicy[]): string => {
    let text = idTexts.get(list);
    if (text === undefined) {
      text = list.map((p) => policyId.get(p)).join(',');
      idTexts.set(list, text);
    }
    return text;
  };
  const isolatingMemo = new Map<string, { egress: NetworkPolicy[]; ingress: NetworkPolicy[] }>();

  const side = () => ({
    classOf: new Int32Array(pods.length),
    byKey: new Map<string, number>(),
    classes: [] as MutableClass[],
  });
  const egress = side();
  const ingress = side();
  const place = (
    target: ReturnType<typeof side>,
    index: number,
    isolating: readonly NetworkPolicy[],
    enforcementOfPod: () => PodEnforcement,
  ): void => {
    const enforcement: PodEnforcement = isolating.length > 0 ? enforcementOfPod() : OPEN_ENFORCEMENT;
    const open = isolating.length === 0 || enforcement.enforced === false;
    const key = open
      ? 'open'
      : `${enforcement.enforced === 'unknown' ? 'u' : 'e'}${enforcement.ipBlockMatchesPods ? 1 : 0}|${idsOf(isolating)}`;
    let id = target.byKey.get(key);
    if (id === undefined) {
      id = target.classes.length;
      target.byKey.set(key, id);
      target.classes.push({
        id,
        open,
        policies: open ? [] : isolating,
        enforcementUnknown: !open && enforcement.enforced === 'unknown',
        ipBlockMatchesPods: enforcement.ipBlockMatchesPods,
        size: 0,
        representativeIndex: index,
      });
    }
    const entry = target.classes[id];
    if (entry !== undefined) entry.size++;
    target.classOf[index] = id;
  };

  for (const [index, pod] of pods.entries()) {
    const reads = readsOf.get(pod.namespace);
    let egressPolicies = NONE;
    let ingressPolicies = NONE;
    // A host-network pod is never restricted (network-policy.ts): it stays in the open class.
    if (!pod.hostNetwork && reads !== undefined) {
      const memoKey = `${pod.namespace}\u0000${labelSignature(reads, pod.labels)}`;
      let found = isolatingMemo.get(memoKey);
      if (found === undefined) {
        const list = byNamespace.get(pod.namespace) ?? [];
        found = {
          egress: isolatingPoliciesFor(list, pod, 'egress'),
          ingress: isolatingPoliciesFor(list, pod, 'ingress'),
        };
        isolatingMemo.set(memoKey, found);
      }
      egressPolicies = found.egress;
      ingressPolicies = found.ingress;
    }
    let enforcement: PodEnforcement | undefined;
    const enforcementOfPod = () => {
      enforcement ??= enforcementOf(pod);
      return enforcement;
    };
    place(egress, index, egressPolicies, enforcementOfPod);
    place(ingress, index, ingressPolicies, enforcementOfPod);
  }
  return {
    egress: { classes: egress.classes, classOf: egress.classOf },
    ingress: { classes: ingress.classes, classOf: ingress.classOf },
  };
}
