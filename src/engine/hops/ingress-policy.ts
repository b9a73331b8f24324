/**
 * Hop 10, ingress-policy: the NetworkPolicies selecting the destination pod. In-cluster pod-to-pod traffic keeps
 * the pod IP on both CNIs (Flannel masquerades only outside the pod CIDR), so the peer is the source pod; other
 * sources are the address the pod sees.
 */
import { evaluateIngress, type PolicyPeer } from '../../eval/network-policy.js';
import { resource, type TraceState } from '../context.js';
import { canonicalIp } from '../snapshot-index.js';
import { evaluatePolicyHop, namespaceLabels } from './policy-common.js';

export function ingressPolicyHop(state: TraceState): void {
  const target = state.target;
  if (target?.kind !== 'pod') {
    state.add({
      kind: 'ingress-policy',
      result: 'skip',
      resource: target === undefined ? null : resource('address', target.address),
      rule: null,
      reason: 'the destination is not a pod of this cluster: NetworkPolicy ingress does not apply',
    });
    return;
  }
  const pod = target.pod;
  const src = state.packet.src;
  const sourcePod = state.source.pod;
  const keepsPodIp =
    sourcePod !== undefined &&
    !sourcePod.hostNetwork &&
    sourcePod.ips.some((ip) => canonicalIp(ip) === canonicalIp(src));
  const peer: PolicyPeer =
    keepsPodIp && sourcePod !== undefined
      ? {
          kind: 'pod',
          pod: sourcePod,
          namespaceLabels: namespaceLabels(state, 'ingress-policy', sourcePod.namespace),
        }
      : state.index.nodeByIp(src) !== undefined
        ? { kind: 'address', address: src, nodeIp: true }
        : { kind: 'address', address: src };
  const labels = namespaceLabels(state, 'ingress-policy', pod.namespace);
  evaluatePolicyHop(state, 'ingress-policy', pod, (ipBlockMatchesPods) =>
    evaluateIngress(
      { policies: state.snapshot.kubernetes.networkPolicies, ipBlockMatchesPods },
      pod,
      labels,
      peer,
      state.packet.protocol,
      state.packet.port,
    ),
  );
}
