/**
 * The DNS query is a packet too (issue 5, ACK DNS troubleshooting: "If the Pod NetworkPolicy does not allow traffic
 * on DNS ports (default UDP and TCP port 53), the pod cannot communicate with CoreDNS"). Its path is traced with the
 * engine's own hops, into a nested Trace of the same shape:
 * - kube-dns ClusterIP: service (→ a CoreDNS endpoint), egress-policy, egress-security-group, ingress-policy of the
 *   CoreDNS pod, destination;
 * - NodeLocal DNSCache 169.254.20.10: egress-policy, then the node's host stack (Terway IPvlan/DataPathV2 need
 *   `host_stack_cidrs: ["169.254.20.10/32"]` in eni-config 10-terway.conf), destination; it never leaves the ENI, so
 *   no security group applies;
 * - the VPC DNS: egress-policy, egress-security-group, destination;
 * - any other nameserver: the full path of the main trace after the service hop.
 */
import type { Origin, Query, Trace } from '../../model/index.js';
import { cidrContains, ipFamily } from '../../net/ip.js';
import { classifyAddress } from '../addresses.js';
import { assembleTrace } from '../assemble.js';
import { resource, rule, type SourceInfo, TraceState } from '../context.js';
import { destinationHop } from '../hops/destination.js';
import { destinationAccessHop } from '../hops/destination-access.js';
import { egressPolicyHop } from '../hops/egress-policy.js';
import { egressSecurityGroupHop } from '../hops/egress-security-group.js';
import { ingressPolicyHop } from '../hops/ingress-policy.js';
import { internetExitHop } from '../hops/internet-exit.js';
import { routeHop } from '../hops/route.js';
import { serviceHop } from '../hops/service.js';
import { sourceHop } from '../hops/source.js';
import { sourceNatHop } from '../hops/source-nat.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { type Nameserver, NODE_LOCAL_DNS } from './resolv-conf.js';

export type DnsTransport = 'udp' | 'tcp';

function run(state: TraceState, hops: readonly ((s: TraceState) => void)[]): void {
  for (const hop of hops) {
    if (state.halted) break;
    hop(state);
  }
}

/**
 * eni-config `10-terway.conf` host_stack_cidrs, undefined when the key's ConfigMap is not in the snapshot, `invalid`
 * when the file is not JSON (Terway would not start with it; what it does then is not ours to guess).
 */
function hostStackCidrs(
  index: SnapshotIndex,
): { cidrs: readonly string[]; origin?: Origin; invalid?: true } | undefined {
  const cm = index.configMap('kube-system', 'eni-config');
  const text = cm?.data['10-terway.conf'];
  if (cm === undefined || text === undefined) return undefined;
  const origin = cm.dataOrigins?.['10-terway.conf'] ?? cm.origin;
  try {
    const parsed = JSON.parse(text) as { host_stack_cidrs?: unknown };
    const cidrs = Array.isArray(parsed.host_stack_cidrs)
      ? parsed.host_stack_cidrs.filter((c): c is string => typeof c === 'string')
      : [];
    return { cidrs, origin };
  } catch {
    return { cidrs: [], origin, invalid: true };
  }
}

function hostStackHop(state: TraceState): void {
  const s = state.source;
  const ebpf =
    s.cni.known &&
    s.cni.value === 'terway' &&
    !s.usesNodeNetwork &&
    (s.terwayMode === 'ipvlan-ebpf' || s.terwayMode === 'datapathv2');
  if (!ebpf) {
    state.add({
      kind: 'route',
      result: 'pass',
      resource: resource('node', s.node?.name ?? 'node'),
      rule: null,
      reason: `${NODE_LOCAL_DNS} is a link-local address on the pod's node: the packet goes to the node's host stack`,
    });
    return;
  }
  const mode = s.terwayMode === 'datapathv2' ? 'DataPathV2' : 'IPvlan+eBPF';
  const conf = hostStackCidrs(state.index);
  if (conf === undefined) {
    state.need(
      'route',
      'eni-config 10-terway.conf (host_stack_cidrs)',
      'kubectl get configmap -n kube-system eni-config -o yaml',
    );
    state.add({
      kind: 'route',
      result: 'unknown',
      resource: resource('configmap', 'kube-system/eni-config'),
      rule: null,
      reason: `Terway ${mode}: whether ${NODE_LOCAL_DNS} goes to the host stack depends on host_stack_cidrs in 10-terway.conf, which the snapshot lacks`,
    });
    return;
  }
  if (conf.invalid === true) {
    state.add({
      kind: 'route',
      result: 'unknown',
      resource: resource('configmap', 'kube-system/eni-config'),
      rule: rule('eni-config/10-terway.conf', '10-terway.conf is not valid JSON', conf.origin),
      reason: `Terway ${mode}: 10-terway.conf in kube-system/eni-config is not valid JSON, so whether host_stack_cidrs sends ${NODE_LOCAL_DNS} to the host stack is unknown`,
    });
    return;
  }
  // Terway routes every destination inside a listed CIDR to the host stack, so a wider CIDR covers it too.
  const listed = conf.cidrs.some((c) => c === NODE_LOCAL_DNS || cidrContains(c, NODE_LOCAL_DNS));
  const deciding = rule(
    'eni-config/10-terway.conf#host_stack_cidrs',
    `host_stack_cidrs: [${conf.cidrs.join(', ')}]`,
    conf.origin,
  );
  if (!listed) {
    state.add({
      kind: 'route',
      result: 'drop',
      resource: resource('configmap', 'kube-system/eni-config'),
      rule: deciding,
      reason: `Terway ${mode}: ${NODE_LOCAL_DNS}/32 is not in host_stack_cidrs of 10-terway.conf, so the pod's packet to NodeLocal DNSCache does not reach the node's host stack (ACK "Configure NodeLocal DNSCache")`,
    });
    state.halted = true;
    return;
  }
  state.add({
    kind: 'route',
    result: 'pass',
    resource: resource('configmap', 'kube-system/eni-config'),
    rule: deciding,
    reason: `Terway ${mode}: host_stack_cidrs covers ${NODE_LOCAL_DNS}: the packet goes to the node's host stack`,
  });
}

function nodeLocalDestination(state: TraceState): void {
  const fact = state.snapshot.facts.nodeLocalDns;
  const node = state.source.node?.name ?? 'the node';
  if (fact.known && fact.value) {
    state.add({
      kind: 'destination',
      result: 'pass',
      resource: resource('node-local-dns', node),
      rule: rule('daemonset/kube-system/node-local-dns', fact.evidence, fact.origin),
      reason: `reaches NodeLocal DNSCache on ${node} (${NODE_LOCAL_DNS}:53); it forwards to CoreDNS from the host network (not traced)`,
    });
    state.assume(
      'destination',
      'NodeLocal DNSCache forwards cache misses to CoreDNS from the host network; that hop is not traced',
      'ACK "Configure NodeLocal DNSCache": a transparent caching proxy for CoreDNS',
    );
    return;
  }
  if (fact.known) {
    state.add({
      kind: 'destination',
      result: 'drop',
      resource: resource('node-local-dns', node),
      rule: null,
      reason: `nothing listens on ${NODE_LOCAL_DNS}: NodeLocal DNSCache is not installed (${fact.evidence})`,
    });
    return;
  }
  state.need('destination', 'whether NodeLocal DNSCache runs', fact.missing);
  state.add({
    kind: 'destination',
    result: 'unknown',
    resource: resource('node-local-dns', node),
    rule: null,
    reason: `whether NodeLocal DNSCache listens on ${NODE_LOCAL_DNS} is unknown`,
  });
}

function skipSecurityGroup(state: TraceState): void {
  state.add({
    kind: 'egress-security-group',
    result: 'skip',
    resource: null,
    rule: null,
    reason: `${NODE_LOCAL_DNS} is on the pod's own node: the packet never leaves the ENI, so no security group applies`,
  });
}

function vpcDnsDestination(state: TraceState): void {
  state.add({
    kind: 'destination',
    result: 'pass',
    resource: resource('vpc-dns', state.packet.dst),
    rule: null,
    reason: `reaches the VPC DNS ${state.packet.dst}:53`,
  });
}

export function traceDnsQuery(
  index: SnapshotIndex,
  source: SourceInfo,
  nameserver: Nameserver,
  transport: DnsTransport,
): Trace {
  const address = nameserver.address;
  const family = ipFamily(address) ?? 4;
  const query: Query = {
    from:
      source.pod === undefined
        ? { kind: 'address', address: source.label }
        : { kind: 'pod', namespace: source.pod.namespace, name: source.pod.name },
    to: { kind: 'address', address },
    protocol: transport,
    port: 53,
  };
  const state = new TraceState(index.snapshot, index, query, source, family);
  state.setDestination(address);
  state.target = classifyAddress(index, address);
  const traceQuery = { from: source.label, to: address, protocol: transport, port: 53, family };
  sourceHop(state);
  if (state.hops.at(-1)?.result === 'drop') return assembleTrace(state, traceQuery);
  if (state.packet.src === '') {
    state.add({
      kind: 'source',
      result: 'drop',
      resource: resource(source.kind === 'pod' ? 'pod' : 'address', source.label),
      rule: null,
      reason: `${source.label} has no IPv${family} address to send the DNS query to ${address} from`,
    });
    return assembleTrace(state, traceQuery);
  }
  switch (nameserver.kind) {
    case 'node-local':
      run(state, [egressPolicyHop, skipSecurityGroup, hostStackHop, nodeLocalDestination]);
      break;
    case 'cluster':
      run(state, [serviceHop, egressPolicyHop, egressSecurityGroupHop, ingressPolicyHop, destinationHop]);
      break;
    case 'vpc':
      state.assume(
        'egress-security-group',
        'security group egress rules are evaluated for the VPC DNS address like for any other address',
        'whether ECS security groups filter 100.100.2.136/138 is not documented (UNCONFIRMED)',
      );
      run(state, [egressPolicyHop, egressSecurityGroupHop, vpcDnsDestination]);
      break;
    case 'other':
      run(state, [
        serviceHop,
        egressPolicyHop,
        egressSecurityGroupHop,
        sourceNatHop,
        routeHop,
        internetExitHop,
        destinationAccessHop,
        ingressPolicyHop,
        destinationHop,
      ]);
      break;
  }
  return assembleTrace(state, traceQuery);
}
