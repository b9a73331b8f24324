/**
 * A packet that arrives at a node on a NodePort (sent there directly, or forwarded by a CLB to its ECS backend):
 * kube-proxy on that node translates it to an endpoint (Kubernetes Service docs, "type: NodePort";
 * externalTrafficPolicy): with `Cluster` any endpoint, the source masqueraded to the node's address; with `Local`
 * only endpoints on that node, the client address kept, and none → the connection fails. When the endpoint is on
 * another node the packet crosses the VPC again: the endpoint's ENI security groups see the node's address.
 */
import type { Node, Service, ServicePort } from '../../model/index.js';
import { classifyAddress } from '../addresses.js';
import { podKey, resource, rule, type TraceState } from '../context.js';
import { evaluateGroupsForHop, groupsResource } from '../hops/security-group-common.js';
import { resolvePodSource } from '../hops/source.js';
import { memoByIdentity } from '../memo.js';
import { canonicalIp } from '../snapshot-index.js';
import { describeEndpoint, endpointSlicesCommand, usableEndpoints } from './endpoints.js';

interface NodePortOwner {
  readonly service: Service;
  readonly servicePort: ServicePort;
}

/**
 * Every (protocol, nodePort) of the NodePort and LoadBalancer Services, to the first Service by namespace/name
 * (localeCompare) and its first port with it (servicePortByNodePort's choice). Built once per Services array: a
 * node destination used to sort every Service.
 */
const nodePortOwners = memoByIdentity((services: readonly Service[]) => {
  const owners = new Map<string, NodePortOwner>();
  const sorted = [...services].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  );
  for (const service of sorted) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
    for (const servicePort of service.ports) {
      if (servicePort.nodePort === undefined) continue;
      const key = `${servicePort.protocol}/${servicePort.nodePort}`;
      if (!owners.has(key)) owners.set(key, { service, servicePort });
    }
  }
  return owners;
});

/** The Service (and port) whose nodePort is the packet's port, or undefined. */
export function nodePortService(state: TraceState, port: number | null): NodePortOwner | undefined {
  if (port === null) return undefined;
  return nodePortOwners(state.snapshot.kubernetes.services).get(`${state.packet.protocol}/${port}`);
}

/**
 * kube-proxy on `node` translates the NodePort the packet arrived on. `via` says how it got there. Returns false
 * when the packet stops here (no endpoint, or missing data).
 */
export function arriveOnNodePort(state: TraceState, node: Node, via: string): boolean {
  const found = nodePortService(state, state.packet.port);
  if (found === undefined) return true;
  const { service, servicePort } = found;
  const name = `${service.namespace}/${service.name}`;
  const local = service.externalTrafficPolicy === 'Local';
  const res = resource('service', name);
  const nodePortRule = rule(
    `service/${name}:nodePort/${servicePort.nodePort}`,
    `nodePort ${servicePort.nodePort}/${servicePort.protocol} → targetPort ${servicePort.targetPort}, externalTrafficPolicy ${service.externalTrafficPolicy}`,
    service.origin,
  );
  const selection = usableEndpoints(
    state.index,
    service,
    servicePort,
    state.packet.family,
    local ? { node: node.name, why: 'externalTrafficPolicy Local' } : undefined,
  );
  if (selection.kind === 'missing') {
    state.need('service', `EndpointSlices of Service ${name}`, endpointSlicesCommand(service));
    state.add({
      kind: 'service',
      result: 'unknown',
      resource: res,
      rule: nodePortRule,
      reason: `${via}: the endpoints of ${name} are not in the snapshot`,
    });
    state.halted = true;
    return false;
  }
  if (selection.kind === 'none') {
    state.add({
      kind: 'service',
      result: 'drop',
      resource: res,
      rule: nodePortRule,
      reason: `${via}: kube-proxy on node ${node.name} finds no endpoint — ${selection.reason}: the connection fails`,
    });
    state.halted = true;
    return false;
  }
  const [chosen, ...others] = selection.endpoints;
  if (chosen === undefined) return false;
  const nodeIp = node.internalIPs.find((ip) => (ip.includes(':') ? 6 : 4) === state.packet.family);
  const client = state.packet.src;
  if (!local && nodeIp !== undefined) state.setSource(nodeIp);
  state.setDestination(chosen.address, chosen.port);
  state.target = classifyAddress(state.index, chosen.address);
  state.add({
    kind: 'service',
    result: 'rewrite',
    resource: res,
    rule: nodePortRule,
    reason: `${via}: kube-proxy on node ${node.name} sends NodePort ${servicePort.nodePort} of ${name} to endpoint ${describeEndpoint(chosen)}${
      others.length > 0 ? ` (one of ${others.length + 1})` : ''
    }; ${
      local
        ? `externalTrafficPolicy Local keeps the client address ${client}`
        : `externalTrafficPolicy Cluster masquerades the client ${client} to the node address ${state.packet.src}`
    }`,
    details: {
      node: node.name,
      endpoint: { address: chosen.address, port: chosen.port, node: chosen.endpoint.nodeName ?? null },
      otherEndpoints: others.map((o) => ({
        address: o.address,
        port: o.port,
        node: o.endpoint.nodeName ?? null,
      })),
    },
  });
  if (!local) {
    state.assume(
      'service',
      'kube-proxy masquerades NodePort traffic of an externalTrafficPolicy Cluster Service to the receiving node’s address',
      'Kubernetes "Using Source IP": type=NodePort with Cluster policy SNATs the client; the exact address (node IP or bridge) depends on the interface (UNCONFIRMED for the ACK datapaths)',
    );
  }
  crossToEndpoint(state, node);
  return !state.halted;
}

/** The node → endpoint leg when the endpoint runs on another node: security groups on the endpoint's ENI. */
function crossToEndpoint(state: TraceState, node: Node): void {
  const target = state.target;
  if (target?.kind !== 'pod' || target.pod.nodeName === node.name) return;
  const info = resolvePodSource(state.index, target.pod);
  if (!info.groups.known) {
    state.need('destination-access', info.groups.what, info.groups.collect);
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: resource('pod', podKey(target.pod)),
      rule: null,
      reason: `node ${node.name} forwards to ${podKey(target.pod)} on another node, whose security groups are not in the snapshot`,
    });
    return;
  }
  const seen = state.packet.src;
  const peerGroups = state.index.eniByPrivateIp(seen)?.securityGroupIds;
  const verdict = evaluateGroupsForHop(
    state,
    'destination-access',
    info.groups.ids,
    'ingress',
    seen,
    peerGroups,
  );
  const owner = info.eni?.id ?? podKey(target.pod);
  state.add({
    kind: 'destination-access',
    result: verdict.result,
    resource: groupsResource(info.groups.ids),
    rule: verdict.rule,
    reason: `node ${node.name} forwards to ${podKey(target.pod)} on node ${target.pod.nodeName ?? '?'}: ${verdict.reason} on ${owner}${
      verdict.result === 'drop' ? `: allow ${seen} in its security group ingress` : ''
    }`,
    ...(verdict.considered === undefined ? {} : { considered: verdict.considered }),
    details: verdict.details,
  });
  if (verdict.result === 'drop') state.halted = true;
}

/** Whether an address is one of the node's. */
export function isNodeAddress(node: Node, address: string): boolean {
  return node.internalIPs.some((ip) => canonicalIp(ip) === canonicalIp(address));
}
