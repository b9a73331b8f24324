/**
 * Hop 3, service: a ClusterIP (or a short-circuited LoadBalancer IP) is translated to one ready endpoint.
 * LoadBalancer ingress IPs of the cluster's own Services (alibaba-semantics.md §1.5, §10, seed page "The cluster's
 * own Server Load Balancer"):
 * - kube-proxy (iptables and IPVS) short-circuits in-cluster traffic to LB IPs to the endpoints;
 * - Terway IPvlan+eBPF / DataPathV2 pod traffic is handled by Cilium: short-circuited only with Terway ≥ v1.2.0 AND
 *   eni-config `in_cluster_loadbalance: "true"` (v1.2.0+ turns it on for newly created clusters only);
 * - `ipMode: Proxy` is never short-circuited;
 * - externalTrafficPolicy Local: a client on a node without a local endpoint fails (ACK Service FAQ).
 * Not short-circuited, the packet goes to the SLB itself (destination-access then checks listener, ACL, hairpin).
 */
import type {
  Endpoint,
  EndpointSlice,
  LoadBalancerIngress,
  Service,
  ServicePort,
} from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { classifyAddress } from '../addresses.js';
import { resource, rule, type TraceState } from '../context.js';
import { canonicalIp } from '../snapshot-index.js';

interface ChosenEndpoint {
  readonly address: string;
  readonly port: number | null;
  readonly endpoint: Endpoint;
  readonly slice: EndpointSlice;
}

type Selection =
  | { readonly kind: 'chosen'; readonly chosen: ChosenEndpoint; readonly others: readonly ChosenEndpoint[] }
  | { readonly kind: 'none'; readonly reason: string; readonly origin?: EndpointSlice['origin'] }
  | { readonly kind: 'missing'; readonly collect: string };

function servicePortFor(service: Service, protocol: string, port: number | null): ServicePort | undefined {
  if (port === null) return service.ports.length === 1 ? service.ports[0] : undefined;
  return service.ports.find((p) => p.port === port && p.protocol === protocol);
}

/** Ready endpoints of the family, in slice-name then list order; the first is the one traced. */
function selectEndpoint(
  state: TraceState,
  service: Service,
  servicePort: ServicePort | undefined,
  onlyNode: string | undefined,
): Selection {
  const slices = state.index.endpointSlices(service.namespace, service.name);
  const familyType = state.packet.family === 4 ? 'IPv4' : 'IPv6';
  if (slices.length === 0) {
    if (service.selector === undefined) {
      return {
        kind: 'none',
        reason: `Service ${service.namespace}/${service.name} has no selector and no EndpointSlice`,
      };
    }
    return {
      kind: 'missing',
      collect: `kubectl get endpointslices -n ${service.namespace} -l kubernetes.io/service-name=${service.name} -o yaml`,
    };
  }
  const candidates: ChosenEndpoint[] = [];
  for (const slice of slices) {
    if (slice.addressType !== familyType) continue;
    const slicePort =
      servicePort === undefined
        ? undefined
        : slice.ports.find(
            (p) => (p.name ?? '') === (servicePort.name ?? '') && p.protocol === servicePort.protocol,
          );
    const port =
      slicePort?.port ??
      (typeof servicePort?.targetPort === 'number' ? servicePort.targetPort : null) ??
      servicePort?.port ??
      null;
    for (const endpoint of slice.endpoints) {
      if (!endpoint.ready) continue;
      if (onlyNode !== undefined && endpoint.nodeName !== onlyNode) continue;
      for (const address of endpoint.addresses) {
        if (ipFamily(address) === state.packet.family) candidates.push({ address, port, endpoint, slice });
      }
    }
  }
  const [chosen, ...others] = candidates;
  if (chosen === undefined) {
    const where = onlyNode === undefined ? '' : ` on node ${onlyNode}`;
    return {
      kind: 'none',
      reason: `Service ${service.namespace}/${service.name} has no ready IPv${state.packet.family} endpoint${where}`,
      origin: slices[0]?.origin,
    } as Selection;
  }
  return { kind: 'chosen', chosen, others };
}

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = (version.replace(/^v/i, '').match(/^\d+(\.\d+)*/)?.[0] ?? '').split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const a = parts[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

type ShortCircuit =
  | {
      readonly decided: true;
      readonly yes: boolean;
      readonly reason: string;
      readonly evidence: readonly string[];
    }
  | { readonly decided: false; readonly what: string; readonly collect: string };

function shortCircuit(state: TraceState, ingress: LoadBalancerIngress): ShortCircuit {
  const facts = state.snapshot.facts;
  const s = state.source;
  if (ingress.ipMode === 'Proxy') {
    return {
      decided: true,
      yes: false,
      reason: 'status.loadBalancer.ingress ipMode is Proxy: kube-proxy does not short-circuit it',
      evidence: [],
    };
  }
  const kubeProxy = facts.kubeProxyMode.known
    ? `kube-proxy ${facts.kubeProxyMode.value} (${facts.kubeProxyMode.evidence})`
    : 'kube-proxy (iptables or IPVS)';
  if (s.kind === 'address') {
    return { decided: true, yes: false, reason: 'the source is not a pod of the cluster', evidence: [] };
  }
  if (!s.cni.known) return { decided: false, what: 'the CNI of the cluster', collect: s.cni.missing };
  const ebpf =
    s.cni.value === 'terway' &&
    !s.usesNodeNetwork &&
    (s.terwayMode === 'ipvlan-ebpf' || s.terwayMode === 'datapathv2');
  if (s.cni.value === 'terway' && !s.usesNodeNetwork && s.terwayMode === undefined) {
    const mode = facts.terwayMode;
    return {
      decided: false,
      what: 'the Terway mode (IPvlan/DataPathV2 pods bypass kube-proxy)',
      collect: mode.known ? 'kubectl get configmap -n kube-system eni-config -o yaml' : mode.missing,
    };
  }
  if (!ebpf) {
    return {
      decided: true,
      yes: true,
      reason: `${kubeProxy} short-circuits in-cluster traffic to the LoadBalancer IP to the Service endpoints`,
      evidence: facts.kubeProxyMode.known ? [facts.kubeProxyMode.evidence] : [],
    };
  }
  const version = facts.terwayVersion;
  const inCluster = facts.inClusterLoadBalance;
  const mode = s.terwayMode === 'datapathv2' ? 'DataPathV2' : 'IPvlan+eBPF';
  if (inCluster.known && !inCluster.value) {
    return {
      decided: true,
      yes: false,
      reason: `Terway ${mode} pods are handled by Cilium, not kube-proxy, and in_cluster_loadbalance is not "true" (${inCluster.evidence}): the packet goes to the SLB`,
      evidence: [inCluster.evidence],
    };
  }
  if (!version.known) return { decided: false, what: 'the Terway version', collect: version.missing };
  if (!versionAtLeast(version.value, [1, 2, 0])) {
    return {
      decided: true,
      yes: false,
      reason: `Terway ${version.value} < v1.2.0 in ${mode} mode does not short-circuit LoadBalancer IPs (${version.evidence}): the packet goes to the SLB`,
      evidence: [version.evidence],
    };
  }
  if (!inCluster.known)
    return { decided: false, what: 'eni-config in_cluster_loadbalance', collect: inCluster.missing };
  return {
    decided: true,
    yes: true,
    reason: `Terway ${version.value} ≥ v1.2.0 with in_cluster_loadbalance "true" short-circuits the LoadBalancer IP to the endpoints (${mode})`,
    evidence: [version.evidence, inCluster.evidence],
  };
}

function translate(
  state: TraceState,
  service: Service,
  servicePort: ServicePort,
  via: string,
  onlyNode?: string,
): void {
  const svcRule = rule(
    `service/${service.namespace}/${service.name}:${servicePort.port}/${servicePort.protocol}`,
    `${via} port ${servicePort.port}/${servicePort.protocol} → targetPort ${servicePort.targetPort}`,
    service.origin,
  );
  const res = resource('service', `${service.namespace}/${service.name}`);
  const selection = selectEndpoint(state, service, servicePort, onlyNode);
  if (selection.kind === 'missing') {
    state.need(
      'service',
      `EndpointSlices of Service ${service.namespace}/${service.name}`,
      selection.collect,
    );
    state.add({
      kind: 'service',
      result: 'unknown',
      resource: res,
      rule: svcRule,
      reason: `the endpoints of ${service.namespace}/${service.name} are not in the snapshot`,
    });
    state.halted = true;
    return;
  }
  if (selection.kind === 'none') {
    state.add({
      kind: 'service',
      result: 'drop',
      resource: res,
      rule: svcRule,
      reason: `${selection.reason}: nothing answers`,
    });
    state.halted = true;
    return;
  }
  const { chosen, others } = selection;
  state.setDestination(chosen.address, chosen.port);
  state.target = classifyAddress(state.index, chosen.address);
  const podName =
    chosen.endpoint.targetRef === undefined
      ? ''
      : ` (${chosen.endpoint.targetRef.kind} ${chosen.endpoint.targetRef.name})`;
  state.add({
    kind: 'service',
    result: 'rewrite',
    resource: res,
    rule: svcRule,
    reason: `${via}: ${service.namespace}/${service.name}:${servicePort.port} → endpoint ${chosen.address}:${chosen.port ?? '-'}${podName}${
      others.length > 0 ? ` (one of ${others.length + 1} ready endpoints)` : ''
    }`,
    details: {
      endpoint: { address: chosen.address, port: chosen.port, node: chosen.endpoint.nodeName ?? null },
      otherEndpoints: others.map((o) => ({
        address: o.address,
        port: o.port,
        node: o.endpoint.nodeName ?? null,
      })),
    },
  });
}

/** Applies when the destination is a ClusterIP or a LoadBalancer ingress IP of a Service of this cluster. */
export function serviceHop(state: TraceState): void {
  const dst = canonicalIp(state.packet.dst);
  const byClusterIp = state.index.serviceByClusterIp(dst);
  const port = state.packet.port;
  const anyService = byClusterIp ?? state.index.serviceByLoadBalancerIp(dst);
  if (anyService !== undefined && state.packet.protocol === 'icmp') {
    state.add({
      kind: 'service',
      result: 'drop',
      resource: resource('service', `${anyService.namespace}/${anyService.name}`),
      rule: rule(`service/${anyService.namespace}/${anyService.name}`, 'Service ports', anyService.origin),
      reason: `Service ${anyService.namespace}/${anyService.name} forwards tcp/udp/sctp ports only: ICMP never reaches an endpoint (with IPVS the node itself answers ping on kube-ipvs0)`,
    });
    state.halted = true;
    return;
  }
  if (byClusterIp !== undefined) {
    const servicePort = servicePortFor(byClusterIp, state.packet.protocol, port);
    if (servicePort === undefined) {
      state.add({
        kind: 'service',
        result: 'drop',
        resource: resource('service', `${byClusterIp.namespace}/${byClusterIp.name}`),
        rule: rule(
          `service/${byClusterIp.namespace}/${byClusterIp.name}`,
          'Service ports',
          byClusterIp.origin,
        ),
        reason: `Service ${byClusterIp.namespace}/${byClusterIp.name} has no port ${port ?? '(none)'}/${state.packet.protocol} (ports: ${
          byClusterIp.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none'
        }): the ClusterIP answers nothing else`,
      });
      state.halted = true;
      return;
    }
    const local = byClusterIp.internalTrafficPolicy === 'Local' ? state.source.node?.name : undefined;
    translate(state, byClusterIp, servicePort, 'ClusterIP', local);
    return;
  }
  const byLb = state.index.serviceByLoadBalancerIp(dst);
  if (byLb === undefined) return;
  const ingress = byLb.loadBalancerIngress.find((i) => i.ip !== undefined && canonicalIp(i.ip) === dst) ?? {};
  const res = resource('service', `${byLb.namespace}/${byLb.name}`);
  const lbRule = rule(
    `service/${byLb.namespace}/${byLb.name}`,
    `LoadBalancer ingress ${dst}${ingress.ipMode === undefined ? '' : ` ipMode ${ingress.ipMode}`}`,
    byLb.origin,
  );
  const decision = shortCircuit(state, ingress);
  if (ingress.ipMode === undefined) {
    state.assume(
      'service',
      `status.loadBalancer.ingress ${dst} has no ipMode: treated as VIP (short-circuit allowed)`,
      'Kubernetes ≥ 1.30 defaults ipMode to VIP; the Alibaba CCM sets none (UNCONFIRMED for newer CCM, alibaba-semantics.md §10)',
    );
  }
  const lb = state.index.loadBalancerByAddress(dst);
  if (!decision.decided) {
    state.need('service', decision.what, decision.collect);
    state.add({
      kind: 'service',
      result: 'unknown',
      resource: res,
      rule: lbRule,
      reason: `whether the LoadBalancer IP ${dst} is short-circuited inside the cluster depends on ${decision.what}, which the snapshot lacks`,
    });
    state.halted = true;
    return;
  }
  if (!decision.yes) {
    state.target = { kind: 'slb', address: dst, service: byLb, ...(lb === undefined ? {} : { lb }) };
    state.add({
      kind: 'service',
      result: 'pass',
      resource: res,
      rule: lbRule,
      reason: `not short-circuited: ${decision.reason}`,
      details: { shortCircuit: false, evidence: decision.evidence },
    });
    return;
  }
  const servicePort = servicePortFor(byLb, state.packet.protocol, port);
  if (servicePort === undefined) {
    state.add({
      kind: 'service',
      result: 'drop',
      resource: res,
      rule: lbRule,
      reason: `Service ${byLb.namespace}/${byLb.name} has no port ${port ?? '(none)'}/${state.packet.protocol}`,
    });
    state.halted = true;
    return;
  }
  if (byLb.externalTrafficPolicy === 'Local') {
    const node = state.source.node?.name;
    state.assume(
      'service',
      'externalTrafficPolicy Local: an in-cluster client on a node without a local endpoint cannot reach the LoadBalancer IP',
      'ACK Service FAQ "Why is an SLB IP address inaccessible from within a cluster?"; newer kube-proxy versions may route to any endpoint (UNCONFIRMED which ACK release, alibaba-semantics.md §10)',
    );
    const local = selectEndpoint(state, byLb, servicePort, node);
    if (local.kind === 'none') {
      state.add({
        kind: 'service',
        result: 'drop',
        resource: res,
        rule: rule(`service/${byLb.namespace}/${byLb.name}`, 'externalTrafficPolicy: Local', byLb.origin),
        reason: `short-circuited, but externalTrafficPolicy is Local and node ${node ?? '?'} has no ready endpoint of ${byLb.namespace}/${byLb.name}: the connection fails (ACK FAQ)`,
        details: { shortCircuit: true, evidence: decision.evidence },
      });
      state.halted = true;
      return;
    }
    translate(state, byLb, servicePort, `LoadBalancer IP short-circuited (${decision.reason})`, node);
    return;
  }
  translate(state, byLb, servicePort, `LoadBalancer IP short-circuited (${decision.reason})`);
}
