/**
 * Shared by egress-policy and ingress-policy: enforcement first (ACK enforces NetworkPolicy only on Terway
 * shared-ENI pods, alibaba-semantics.md §13), then the upstream evaluation. A policy that is not enforced never
 * drops: the hop passes and says which policy exists and why it does not apply.
 */
import type { PolicyDecision, PolicyPeer } from '../../eval/network-policy.js';
import { networkPolicyEnforcement } from '../../eval/policy-enforcement.js';
import type { HopKind, Labels, NetworkPolicy, Pod, RuleRef } from '../../model/index.js';
import { podKey, resource, rule, type Target, type TraceState } from '../context.js';

export function namespaceLabels(state: TraceState, hop: HopKind, namespace: string): Labels {
  const ns = state.index.namespace(namespace);
  if (ns !== undefined) return ns.labels;
  state.assume(
    hop,
    `namespace ${namespace} is not in the snapshot: its labels are taken as only kubernetes.io/metadata.name=${namespace}`,
    'the API server adds that label to every namespace; others are unknown',
  );
  return { 'kubernetes.io/metadata.name': namespace };
}

export function peerOf(
  state: TraceState,
  hop: HopKind,
  target: Target | undefined,
  address: string,
): PolicyPeer {
  if (target?.kind === 'pod') {
    return {
      kind: 'pod',
      pod: target.pod,
      namespaceLabels: namespaceLabels(state, hop, target.pod.namespace),
    };
  }
  return target?.kind === 'node' ? { kind: 'address', address, nodeIp: true } : { kind: 'address', address };
}

function policyRule(policy: NetworkPolicy, detail: string, origin = policy.origin): RuleRef {
  return rule(`networkpolicy/${policy.namespace}/${policy.name}`, detail, origin);
}

export function evaluatePolicyHop(
  state: TraceState,
  kind: 'egress-policy' | 'ingress-policy',
  pod: Pod,
  evaluate: (ipBlockMatchesPods: boolean) => PolicyDecision,
): void {
  const node = pod.nodeName === undefined ? undefined : state.index.node(pod.nodeName);
  const enforcement = networkPolicyEnforcement(
    state.snapshot.facts,
    pod,
    state.snapshot.kubernetes.workloads,
    ...(node === undefined ? [] : [node]),
  );
  const decision = evaluate(enforcement.ipBlockMatchesPods);
  const res = resource('pod', podKey(pod));
  const direction = kind === 'egress-policy' ? 'egress' : 'ingress';
  if (enforcement.assumption !== undefined) {
    state.assume(kind, enforcement.assumption, enforcement.evidence);
  }
  for (const note of decision.notes) state.assume(kind, note, 'Kubernetes API docs: implementation-defined');
  const names = decision.isolatingPolicies.map((p) => `${p.namespace}/${p.name}`).join(', ');
  const details = {
    enforced: enforcement.enforced,
    enforcement: enforcement.reason,
    evidence: enforcement.evidence,
    isolatingPolicies: decision.isolatingPolicies.map((p) => `${p.namespace}/${p.name}`),
  };
  if (!decision.isolated) {
    state.add({
      kind,
      result: 'pass',
      resource: res,
      rule: null,
      reason: `no NetworkPolicy selects ${podKey(pod)} for ${direction}: ${direction} is not isolated`,
      details,
    });
    return;
  }
  if (enforcement.enforced === false) {
    const first = decision.isolatingPolicies[0];
    state.add({
      kind,
      result: 'pass',
      resource: res,
      rule: first === undefined ? null : policyRule(first, 'selects the pod but is not enforced'),
      reason: `NetworkPolicy ${names} ${decision.verdict === 'deny' ? 'would deny this' : 'selects the pod'} but is not enforced: ${enforcement.reason}`,
      details,
    });
    return;
  }
  if (decision.verdict === 'allow') {
    const by = decision.allowedBy;
    state.add({
      kind,
      result: 'pass',
      resource: res,
      rule:
        by === undefined ? null : policyRule(by.policy, `${direction} rule ${by.ruleIndex}`, by.rule.origin),
      reason: decision.reason,
      details,
    });
    return;
  }
  const closest = decision.closest;
  const first = decision.isolatingPolicies[0];
  const deciding =
    closest !== undefined
      ? policyRule(
          closest.policy,
          `${direction} rule ${closest.ruleIndex} (${closest.failed}: ${closest.detail})`,
          closest.rule.origin,
        )
      : first === undefined
        ? null
        : policyRule(first, `isolates ${podKey(pod)} for ${direction}`);
  if (enforcement.enforced === 'unknown') {
    const command =
      /add: ([^)]+)\)/.exec(enforcement.evidence)?.[1] ?? 'kubectl get daemonset -n kube-system -o yaml';
    state.need(kind, 'whether NetworkPolicy is enforced for this pod', command);
    state.add({
      kind,
      result: 'unknown',
      resource: res,
      rule: deciding,
      reason: `${decision.reason}; whether it is enforced is unknown: ${enforcement.reason}`,
      details,
    });
    return;
  }
  state.add({ kind, result: 'drop', resource: res, rule: deciding, reason: decision.reason, details });
}
