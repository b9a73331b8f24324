/**
 * Hop 4, egress-policy: the NetworkPolicies selecting the source pod (seed page "Network policies"). The peer is
 * the packet's destination as it stands after any Service translation: a pod when the address is a pod IP,
 * else an address.
 */
import { evaluateEgress } from '../../eval/network-policy.js';
import { resource, type TraceState } from '../context.js';
import { evaluatePolicyHop, namespaceLabels, peerOf } from './policy-common.js';

export function egressPolicyHop(state: TraceState): void {
  const pod = state.source.pod;
  if (pod === undefined) {
    state.add({
      kind: 'egress-policy',
      result: 'skip',
      resource: resource('address', state.source.label),
      rule: null,
      reason: 'the source is an address, not a pod: NetworkPolicy egress is not part of the question',
    });
    return;
  }
  const peer = peerOf(state, 'egress-policy', state.target, state.packet.dst);
  const labels = namespaceLabels(state, 'egress-policy', pod.namespace);
  evaluatePolicyHop(state, 'egress-policy', pod, (ipBlockMatchesPods) =>
    evaluateEgress(
      { policies: state.snapshot.kubernetes.networkPolicies, ipBlockMatchesPods },
      pod,
      labels,
      peer,
      state.packet.protocol,
      state.packet.port,
    ),
  );
}
