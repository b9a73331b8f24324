/**
 * Hop 3, service: a Service address is translated to an endpoint the way kube-proxy does it
 * (docs/services.md has the decision table and its sources).
 * - ClusterIP: a usable endpoint (ready, else serving+terminating), internalTrafficPolicy Local → only endpoints on
 *   the client's node; the targetPort is resolved per EndpointSlice (named targetPorts).
 * - LoadBalancer ingress IPs and externalIPs of the cluster's own Services: short-circuited to an endpoint, or not
 *   (service/short-circuit.ts); short-circuited with externalTrafficPolicy Local, a client on a node without a local
 *   endpoint fails (ACK Service FAQ). Not short-circuited, the packet goes to the address itself (the CLB:
 *   hops/load-balancer.ts).
 * - A node IP on a NodePort: said here, translated by kube-proxy on that node when the packet arrives
 *   (destination-access, service/node-port.ts).
 * When endpoints differ in outcome, every endpoint is traced (service/fan-out.ts) and the trace goes on with a
 * representative; the details list each endpoint with its own verdict. sessionAffinity changes no reachability and
 * is not mentioned.
 */
import type { LoadBalancer, RuleRef, Service, ServicePort } from '../../model/index.js';
import { classifyAddress } from '../addresses.js';
import { resource, rule, type TraceState } from '../context.js';
import { memoByIdentity } from '../memo.js';
import {
  describeEndpoint,
  endpointSlicesCommand,
  type ServiceEndpoint,
  servicePortByNodePort,
  servicePortFor,
  usableEndpoints,
} from '../service/endpoints.js';
import { type Continuation, endpointDetails, fanOut } from '../service/fan-out.js';
import { nodePortService } from '../service/node-port.js';
import { shortCircuitDecision } from '../service/short-circuit.js';
import { canonicalIp } from '../snapshot-index.js';

function serviceName(service: Service): string {
  return `${service.namespace}/${service.name}`;
}

function portsText(service: Service): string {
  return service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none';
}

/** The hop that says no port of the Service matches. */
function noSuchPort(state: TraceState, service: Service, what: string): void {
  state.add({
    kind: 'service',
    result: 'drop',
    resource: resource('service', serviceName(service)),
    rule: rule(`service/${serviceName(service)}`, 'Service ports', service.origin),
    reason: `Service ${serviceName(service)} has no port ${state.packet.port ?? '(none)'}/${state.packet.protocol} (ports: ${portsText(service)}): the ${what} answers nothing else`,
  });
  state.halted = true;
}

function pointAt(state: TraceState, endpoint: ServiceEndpoint): void {
  state.setDestination(endpoint.address, endpoint.port);
  state.target = classifyAddress(state.index, endpoint.address);
}

/** Translates to the endpoints of the Service port (already filtered by policy), fanning out per endpoint. */
function translate(
  state: TraceState,
  service: Service,
  servicePort: ServicePort,
  via: string,
  svcRule: RuleRef,
  rest: Continuation,
  onlyNode: { readonly node: string | undefined; readonly why: string } | undefined,
  extraDetails: Readonly<Record<string, unknown>> = {},
): void {
  const res = resource('service', serviceName(service));
  const selection = usableEndpoints(state.index, service, servicePort, state.packet.family, onlyNode);
  if (selection.kind === 'missing') {
    state.need(
      'service',
      `EndpointSlices of Service ${serviceName(service)}`,
      endpointSlicesCommand(service),
    );
    state.add({
      kind: 'service',
      result: 'unknown',
      resource: res,
      rule: svcRule,
      reason: `the endpoints of ${serviceName(service)} are not in the snapshot`,
      details: extraDetails,
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
      reason: `${via}: ${selection.reason}: nothing answers`,
      details: extraDetails,
    });
    state.halted = true;
    return;
  }
  const endpoints = selection.endpoints;
  const fan = fanOut(state, endpoints, pointAt, rest);
  const chosen = fan.representative;
  const others = endpoints.filter((e) => e !== chosen);
  pointAt(state, chosen);
  const fallback = chosen.terminatingFallback
    ? ' (no endpoint is ready: kube-proxy falls back to serving, terminating endpoints)'
    : '';
  const count = endpoints.length > 1 ? ` — ${fan.summary}` : '';
  state.add({
    kind: 'service',
    result: 'rewrite',
    resource: res,
    rule: svcRule,
    reason: `${via}: ${serviceName(service)}:${servicePort.port} → endpoint ${describeEndpoint(chosen)}${fallback}${count}`,
    details: {
      ...extraDetails,
      endpoint: { address: chosen.address, port: chosen.port, node: chosen.endpoint.nodeName ?? null },
      otherEndpoints: others.map((o) => ({
        address: o.address,
        port: o.port,
        node: o.endpoint.nodeName ?? null,
      })),
      endpoints: endpointDetails(fan.outcomes, (a) => classifyAddress(state.index, a)),
      reachableEndpoints: fan.reachable,
      tracedEndpoints: fan.traced,
    },
  });
}

function clusterIp(state: TraceState, service: Service, rest: Continuation): void {
  const servicePort = servicePortFor(service, state.packet.protocol, state.packet.port);
  if (servicePort === undefined) {
    noSuchPort(state, service, 'ClusterIP');
    return;
  }
  const local = service.internalTrafficPolicy === 'Local';
  translate(
    state,
    service,
    servicePort,
    local ? 'ClusterIP, internalTrafficPolicy Local' : 'ClusterIP',
    rule(
      `service/${serviceName(service)}:${servicePort.port}/${servicePort.protocol}`,
      `ClusterIP port ${servicePort.port}/${servicePort.protocol} → targetPort ${servicePort.targetPort}${local ? ', internalTrafficPolicy Local' : ''}`,
      service.origin,
    ),
    rest,
    local
      ? { node: state.source.node?.name, why: 'internalTrafficPolicy Local: only the client node' }
      : undefined,
  );
}

/** A LoadBalancer ingress IP or an externalIP of a Service of this cluster. */
function externalAddress(
  state: TraceState,
  service: Service,
  kind: 'LoadBalancer ingress' | 'externalIP',
  ipMode: string | undefined,
  rest: Continuation,
): void {
  const dst = canonicalIp(state.packet.dst);
  const res = resource('service', serviceName(service));
  const addressRule = rule(
    `service/${serviceName(service)}`,
    `${kind} ${dst}${ipMode === undefined ? '' : ` ipMode ${ipMode}`}`,
    service.origin,
  );
  if (kind === 'LoadBalancer ingress' && ipMode === undefined) {
    state.assume(
      'service',
      `status.loadBalancer.ingress ${dst} has no ipMode: treated as VIP (short-circuit allowed)`,
      'Kubernetes ≥ 1.30 defaults ipMode to VIP; the Alibaba CCM sets none (UNCONFIRMED for newer CCM, alibaba-semantics.md §10)',
    );
  }
  const decision = shortCircuitDecision(state, ipMode);
  if (!decision.decided) {
    state.need('service', decision.what, decision.collect);
    state.add({
      kind: 'service',
      result: 'unknown',
      resource: res,
      rule: addressRule,
      reason: `whether the ${kind} address ${dst} is short-circuited inside the cluster depends on ${decision.what}, which the snapshot lacks`,
    });
    state.halted = true;
    return;
  }
  if (!decision.yes) {
    if (kind === 'LoadBalancer ingress') {
      const lb = state.index.loadBalancerByAddress(dst);
      state.target = { kind: 'slb', address: dst, service, ...(lb === undefined ? {} : { lb }) };
    } else state.target = classifyAddress(state.index, dst);
    state.add({
      kind: 'service',
      result: 'pass',
      resource: res,
      rule: addressRule,
      reason: `not short-circuited: ${decision.reason}`,
      details: { shortCircuit: false, evidence: decision.evidence },
    });
    return;
  }
  const servicePort = servicePortFor(service, state.packet.protocol, state.packet.port);
  if (servicePort === undefined) {
    noSuchPort(state, service, `${kind} address`);
    return;
  }
  const details = { shortCircuit: true, evidence: decision.evidence };
  const local = service.externalTrafficPolicy === 'Local';
  const node = state.source.node?.name;
  if (local) {
    state.assume(
      'service',
      'externalTrafficPolicy Local: an in-cluster client on a node without a local endpoint cannot reach the LoadBalancer IP',
      'ACK Service FAQ "Why is an SLB IP address inaccessible from within a cluster?"; newer kube-proxy versions may route to any endpoint (UNCONFIRMED which ACK release, alibaba-semantics.md §10)',
    );
  }
  translate(
    state,
    service,
    servicePort,
    `${kind} ${dst} short-circuited (${decision.reason})${local ? ', externalTrafficPolicy Local' : ''}`,
    local
      ? rule(`service/${serviceName(service)}`, 'externalTrafficPolicy: Local', service.origin)
      : rule(
          `service/${serviceName(service)}:${servicePort.port}/${servicePort.protocol}`,
          `${kind} port ${servicePort.port}/${servicePort.protocol} → targetPort ${servicePort.targetPort}`,
          service.origin,
        ),
    rest,
    local
      ? {
          node,
          why: 'externalTrafficPolicy Local: an in-cluster client reaches only endpoints on its own node (ACK FAQ); use the Service name or ClusterIP, or externalTrafficPolicy Cluster',
        }
      : undefined,
    details,
  );
}

const LB_ID_ANNOTATIONS = [
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id',
  'service.beta.kubernetes.io/alicloud-loadbalancer-id',
];

/**
 * The Service naming each CLB id in an LB_ID_ANNOTATIONS annotation; when several do, the first by namespace/name
 * (localeCompare), as a scan of the sorted Services finds it. Built once per Services array.
 */
const servicesByLoadBalancerId = memoByIdentity((services: readonly Service[]) => {
  const byId = new Map<string, Service>();
  const sorted = [...services].sort((a, b) => serviceName(a).localeCompare(serviceName(b)));
  for (const service of sorted) {
    for (const key of LB_ID_ANNOTATIONS) {
      const id = service.annotations[key];
      if (id !== undefined && !byId.has(id)) byId.set(id, service);
    }
  }
  return byId;
});

/**
 * A CLB address that no Service lists in status.loadBalancer.ingress[].ip: kube-proxy does not know it, so it is
 * never short-circuited (alibaba-semantics.md §10 (a), (d)). Said here, with the Service that names the CLB by id
 * and only a hostname in its status, if any.
 */
function unmanagedLoadBalancer(state: TraceState, lb: LoadBalancer): void {
  const named = servicesByLoadBalancerId(state.snapshot.kubernetes.services).get(lb.id);
  const hostnames =
    named?.loadBalancerIngress.flatMap((i) => (i.hostname === undefined ? [] : [i.hostname])) ?? [];
  const reason =
    named !== undefined && hostnames.length > 0
      ? `not short-circuited: Service ${serviceName(named)} names ${lb.id} but its status.loadBalancer.ingress has only the hostname ${hostnames.join(', ')}, so kube-proxy has no IP to intercept: the packet goes to the CLB`
      : `not short-circuited: ${lb.id} (${lb.address}) is in no Service's status.loadBalancer.ingress, so kube-proxy does not know it: the packet goes to the CLB`;
  state.add({
    kind: 'service',
    result: 'pass',
    resource: named === undefined ? resource('slb', lb.id, lb.name) : resource('service', serviceName(named)),
    rule:
      named === undefined
        ? null
        : rule(`service/${serviceName(named)}`, 'status.loadBalancer.ingress', named.origin),
    reason,
    details: {
      shortCircuit: false,
      evidence: {
        loadBalancer: lb.id,
        managedBy: named === undefined ? null : serviceName(named),
        ...(hostnames.length > 0 ? { hostnameOnlyIngress: hostnames.join(', ') } : {}),
      },
    },
  });
}

/**
 * Services by canonical externalIP; when several list one, the first by namespace/name (localeCompare), as a scan of
 * the sorted Services finds it. Built once per Services array (a check used to sort every Service).
 */
const servicesByExternalIp = memoByIdentity((services: readonly Service[]) => {
  const byIp = new Map<string, Service>();
  const sorted = [...services].sort((a, b) => serviceName(a).localeCompare(serviceName(b)));
  for (const service of sorted) {
    for (const ip of service.externalIPs) {
      const key = canonicalIp(ip);
      if (!byIp.has(key)) byIp.set(key, service);
    }
  }
  return byIp;
});

function serviceByExternalIp(state: TraceState, dst: string): Service | undefined {
  return servicesByExternalIp(state.snapshot.kubernetes.services).get(dst);
}

/**
 * Applies when the destination is a ClusterIP, a LoadBalancer ingress IP, an externalIP or a node's NodePort of
 * this cluster. `rest` is the engine's hops after this one, run per endpoint when the Service has several.
 */
export function serviceHop(state: TraceState, rest: Continuation = []): void {
  const dst = canonicalIp(state.packet.dst);
  const byClusterIp = state.index.serviceByClusterIp(dst);
  const byLb = byClusterIp === undefined ? state.index.serviceByLoadBalancerIp(dst) : undefined;
  const byExternal =
    byClusterIp === undefined && byLb === undefined ? serviceByExternalIp(state, dst) : undefined;
  const anyService = byClusterIp ?? byLb ?? byExternal;
  if (anyService !== undefined && state.packet.protocol === 'icmp') {
    state.add({
      kind: 'service',
      result: 'drop',
      resource: resource('service', serviceName(anyService)),
      rule: rule(`service/${serviceName(anyService)}`, 'Service ports', anyService.origin),
      reason: `Service ${serviceName(anyService)} forwards tcp/udp/sctp ports only: ICMP never reaches an endpoint (with IPVS the node itself answers ping on kube-ipvs0)`,
    });
    state.halted = true;
    return;
  }
  if (byClusterIp !== undefined) {
    clusterIp(state, byClusterIp, rest);
    return;
  }
  if (byLb !== undefined) {
    const ingress = byLb.loadBalancerIngress.find((i) => i.ip !== undefined && canonicalIp(i.ip) === dst);
    externalAddress(state, byLb, 'LoadBalancer ingress', ingress?.ipMode, rest);
    return;
  }
  if (byExternal !== undefined) {
    externalAddress(state, byExternal, 'externalIP', undefined, rest);
    return;
  }
  const lb = state.index.loadBalancerByAddress(dst);
  if (lb !== undefined) {
    unmanagedLoadBalancer(state, lb);
    return;
  }
  const node = state.index.nodeByIp(dst);
  const nodePort = node === undefined ? undefined : nodePortService(state, state.packet.port);
  if (node !== undefined && nodePort !== undefined) {
    const { service, servicePort } = nodePort;
    state.add({
      kind: 'service',
      result: 'pass',
      resource: resource('service', serviceName(service)),
      rule: rule(
        `service/${serviceName(service)}:nodePort/${servicePort.nodePort}`,
        `nodePort ${servicePort.nodePort}/${servicePort.protocol}`,
        service.origin,
      ),
      reason: `${dst}:${state.packet.port} is NodePort ${servicePort.nodePort} of ${serviceName(service)} on node ${node.name}: kube-proxy there translates it when the packet arrives`,
      details: {
        nodePort: servicePortByNodePort(service, state.packet.protocol, state.packet.port)?.nodePort,
      },
    });
  }
}
