/**
 * Hop 6, source-nat: which address the pod's packet carries once it leaves the node (seed page "Resources in the
 * VPC"; alibaba-semantics.md §1.2, §2):
 * - Terway: "the Pod uses its own IP" (the ENI-provided IP) everywhere in the VPC;
 * - Flannel: "the Pod uses the IP of the node it runs on" for destinations outside the cluster pod CIDR; pod-to-pod
 *   inside the pod CIDR keeps the pod IP (flannel `--ip-masq` accepts `-d <network>` before MASQUERADE);
 *   an ip-masq-agent ConfigMap, when present, decides with its nonMasqueradeCIDRs;
 * - hostNetwork pods already send from the node IP.
 */
import { parse } from 'yaml';
import { cidrContains } from '../../net/ip.js';
import { resource, rule, type TraceState } from '../context.js';

/** Upstream ip-masq-agent default when the config names none (kubernetes.io "IP Masquerade Agent User Guide"). */
const IP_MASQ_AGENT_DEFAULT = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

function ipMasqAgentCidrs(config: string | undefined): readonly string[] | undefined {
  if (config === undefined) return undefined;
  try {
    const value = parse(config) as { nonMasqueradeCIDRs?: unknown; masqLinkLocal?: unknown } | null;
    const cidrs = value?.nonMasqueradeCIDRs;
    const list = Array.isArray(cidrs)
      ? cidrs.filter((c): c is string => typeof c === 'string')
      : IP_MASQ_AGENT_DEFAULT;
    return value?.masqLinkLocal === true ? list : [...list, '169.254.0.0/16'];
  } catch {
    return undefined;
  }
}

export function sourceNatHop(state: TraceState): void {
  const s = state.source;
  const dst = state.packet.dst;
  if (s.kind === 'address' || s.pod === undefined) {
    state.add({
      kind: 'source-nat',
      result: 'skip',
      resource: resource('address', s.label),
      rule: null,
      reason: 'the source is an address, not a pod: pod address translation is not part of the question',
    });
    return;
  }
  const pod = s.pod;
  const nodeRes = resource('node', s.node?.name ?? pod.nodeName ?? '(unscheduled)');
  if (pod.hostNetwork) {
    state.add({
      kind: 'source-nat',
      result: 'pass',
      resource: nodeRes,
      rule: rule(`${s.label}:hostNetwork`, 'hostNetwork: true', pod.origin),
      reason: `hostNetwork pod: it sends from the node IP ${state.packet.src} itself`,
    });
    return;
  }
  if (!s.cni.known) {
    state.need(
      'source-nat',
      'the CNI of the cluster (Terway keeps the pod IP, Flannel masquerades)',
      s.cni.missing,
    );
    state.add({
      kind: 'source-nat',
      result: 'unknown',
      resource: nodeRes,
      rule: null,
      reason:
        'whether the pod IP is kept (Terway) or replaced by the node IP (Flannel) depends on the CNI, which is unknown',
    });
    return;
  }
  const cniRule = rule(`cni:${s.cni.value}`, s.cni.evidence, s.cni.origin);
  if (s.cni.value === 'terway') {
    state.add({
      kind: 'source-nat',
      result: 'pass',
      resource: s.eni === undefined ? nodeRes : resource('network-interface', s.eni.id),
      rule: cniRule,
      reason: `Terway: the pod uses its own IP ${state.packet.src} (ENI-provided), not the node IP`,
    });
    return;
  }
  // Flannel.
  const nodeIp = state.packet.family === 4 ? s.nodeIpv4 : s.nodeIpv6;
  const podCidrs = state.snapshot.facts.podCidrs;
  const masqMap = state.index.configMap('kube-system', 'ip-masq-agent');
  const agentCidrs = ipMasqAgentCidrs(masqMap?.data.config);
  let keep: boolean;
  let why: string;
  let deciding = cniRule;
  if (podCidrs.known && podCidrs.value.some((c) => cidrContains(c, dst))) {
    keep = true;
    why = `${dst} is inside the cluster pod CIDR ${podCidrs.value.join(', ')}: pod-to-pod traffic keeps the pod IP`;
    deciding = rule('flannel:pod-cidr', podCidrs.evidence, podCidrs.origin);
  } else if (masqMap !== undefined && agentCidrs !== undefined) {
    const hit = agentCidrs.find((c) => cidrContains(c, dst));
    keep = hit !== undefined;
    deciding = rule(
      `configmap/kube-system/ip-masq-agent`,
      `nonMasqueradeCIDRs ${agentCidrs.join(', ')}`,
      masqMap.origin,
    );
    why =
      hit === undefined
        ? `ip-masq-agent masquerades ${dst} (not in nonMasqueradeCIDRs ${agentCidrs.join(', ')})`
        : `ip-masq-agent leaves ${dst} unmasqueraded (in nonMasqueradeCIDRs ${hit})`;
  } else if (!podCidrs.known && state.target?.kind === 'pod') {
    keep = true;
    why = `${dst} is a pod IP: pod-to-pod traffic keeps the pod IP`;
    state.need('source-nat', 'the Flannel cluster pod CIDR', podCidrs.missing);
  } else {
    keep = false;
    why = `Flannel: the pod reaches ${dst}, outside the pod CIDR, through the node (node NAT)`;
    state.assume(
      'source-nat',
      'Flannel masquerades every destination outside the cluster pod CIDR to the node IP, VPC destinations included',
      'ACK: "Flannel: the Pod uses the IP of the node it runs on" (seed page); exact masquerade exemptions of ACK Flannel are UNCONFIRMED (alibaba-semantics.md §2, open question 7); no ip-masq-agent ConfigMap in the snapshot',
    );
  }
  if (keep) {
    state.add({ kind: 'source-nat', result: 'pass', resource: nodeRes, rule: deciding, reason: why });
    return;
  }
  if (nodeIp === undefined) {
    state.need(
      'source-nat',
      `the IP of node ${pod.nodeName ?? '?'}`,
      `kubectl get node ${pod.nodeName ?? '<node>'} -o yaml`,
    );
    state.add({
      kind: 'source-nat',
      result: 'unknown',
      resource: nodeRes,
      rule: deciding,
      reason: `${why}, but the node IP is not in the snapshot`,
    });
    state.halted = true;
    return;
  }
  const podIp = state.packet.src;
  state.setSource(nodeIp);
  state.add({
    kind: 'source-nat',
    result: 'rewrite',
    resource: nodeRes,
    rule: deciding,
    reason: `${why}: source ${podIp} → node IP ${nodeIp}`,
  });
}
