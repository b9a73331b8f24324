/**
 * The plain path: one pod pair and one port answered by the engine's own evaluators, exactly as the egress and
 * ingress policy hops combine them (src/engine/hops/policy-common.ts): a direction passes when the pod is not
 * isolated, when its policies are not enforced, or when the evaluator allows; a deny is a drop when enforced and
 * `unknown` when enforcement is unknown. A connection needs both directions (netpol-semantics.md rule 5); a drop
 * on either side wins over unknown. Used to check the class tables (differential tests, the benchmark's sample).
 */
import { evaluateEgress, evaluateIngress, type PolicyDecision } from '../../eval/network-policy.js';
import { networkPolicyEnforcement } from '../../eval/policy-enforcement.js';
import type { Labels, Pod } from '../../model/kubernetes.js';
import type { PolicySnapshot } from './enforcement.js';
import type { PortQuery } from './port-keys.js';
import type { PodEnforcement } from './subject-classes.js';

export type PairVerdict = 'allow' | 'deny' | 'unknown';

/** As the engine's namespaceLabels: a namespace missing from the snapshot has only its name label. */
export function namespaceLabelsOf(snapshot: PolicySnapshot, namespace: string): Labels {
  return (
    snapshot.kubernetes.namespaces.find((n) => n.name === namespace)?.labels ?? {
      'kubernetes.io/metadata.name': namespace,
    }
  );
}

function podEnforcement(snapshot: PolicySnapshot, pod: Pod): PodEnforcement {
  const node =
    pod.nodeName === undefined ? undefined : snapshot.kubernetes.nodes.find((n) => n.name === pod.nodeName);
  return networkPolicyEnforcement(
    snapshot.facts,
    pod,
    snapshot.kubernetes.workloads,
    ...(node === undefined ? [] : [node]),
  );
}

function hopVerdict(decision: PolicyDecision, enforcement: PodEnforcement): PairVerdict {
  if (!decision.isolated || enforcement.enforced === false || decision.verdict === 'allow') return 'allow';
  return enforcement.enforced === 'unknown' ? 'unknown' : 'deny';
}

function combineVerdicts(a: PairVerdict, b: PairVerdict): PairVerdict {
  if (a === 'deny' || b === 'deny') return 'deny';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'allow';
}

export function directPolicyVerdict(
  snapshot: PolicySnapshot,
  source: Pod,
  destination: Pod,
  query: PortQuery,
  enforcementOf: (pod: Pod) => PodEnforcement = (pod) => podEnforcement(snapshot, pod),
): PairVerdict {
  const policies = snapshot.kubernetes.networkPolicies;
  const sourceLabels = namespaceLabelsOf(snapshot, source.namespace);
  const destinationLabels = namespaceLabelsOf(snapshot, destination.namespace);
  const sourceEnforcement = enforcementOf(source);
  const destinationEnforcement = enforcementOf(destination);
  const egress = evaluateEgress(
    { policies, ipBlockMatchesPods: sourceEnforcement.ipBlockMatchesPods },
    source,
    sourceLabels,
    { kind: 'pod', pod: destination, namespaceLabels: destinationLabels },
    query.protocol,
    query.port,
  );
  const ingress = evaluateIngress(
    { policies, ipBlockMatchesPods: destinationEnforcement.ipBlockMatchesPods },
    destination,
    destinationLabels,
    { kind: 'pod', pod: source, namespaceLabels: sourceLabels },
    query.protocol,
    query.port,
  );
  return combineVerdicts(hopVerdict(egress, sourceEnforcement), hopVerdict(ingress, destinationEnforcement));
}
