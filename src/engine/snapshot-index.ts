/**
 * Lookup tables over one snapshot, built once and cached per snapshot object (snapshots are read-only, so a
 * WeakMap keyed by the snapshot is a safe cache that never outlives it). Addresses are keyed by their canonical
 * text so `2408:4005::1` and `2408:4005:0:0::1` find the same object.
 */
import type {
  AccessControlList,
  ConfigMap,
  EcsInstance,
  Eip,
  EndpointSlice,
  Ipv6Address,
  LoadBalancer,
  Namespace,
  NatGateway,
  NetworkAcl,
  NetworkInterface,
  Node,
  Pod,
  RdsInstance,
  RouteEntry,
  RouteTable,
  SecurityGroup,
  Service,
  Snapshot,
  SnatEntry,
  Vpc,
  VSwitch,
} from '../model/index.js';
import { cidrContains, parseCidr, parseIp } from '../net/ip.js';

/** Canonical text of an address, or the text itself when it does not parse. */
export function canonicalIp(text: string): string {
  return parseIp(text)?.text ?? text;
}

export interface SnapshotIndex {
  readonly snapshot: Snapshot;
  pod(namespace: string, name: string): Pod | undefined;
  /** Pods owning an IP (hostNetwork pods excluded: their IP is the node's). */
  podByIp(ip: string): Pod | undefined;
  namespace(name: string): Namespace | undefined;
  node(name: string): Node | undefined;
  nodeByIp(ip: string): Node | undefined;
  nodeByInstance(instanceId: string): Node | undefined;
  configMap(namespace: string, name: string): ConfigMap | undefined;
  instance(id: string): EcsInstance | undefined;
  instanceByPrivateIp(ip: string): EcsInstance | undefined;
  eni(id: string): NetworkInterface | undefined;
  eniByPrivateIp(ip: string): NetworkInterface | undefined;
  /** The primary ENI of an instance: Type Primary, else the ENI holding the instance's first private IP. */
  primaryEni(instanceId: string): NetworkInterface | undefined;
  vpc(id: string): Vpc | undefined;
  vSwitch(id: string): VSwitch | undefined;
  /** The vSwitch whose IPv4 or IPv6 CIDR holds the address (longest prefix when several do). */
  vSwitchForIp(ip: string): VSwitch | undefined;
  routeTable(id: string): RouteTable | undefined;
  systemRouteTable(vpcId: string): RouteTable | undefined;
  routeEntries(routeTableId: string): readonly RouteEntry[];
  natGateway(id: string): NatGateway | undefined;
  snatEntries(natGatewayId: string): readonly SnatEntry[];
  /** EIPs bound to exactly this private IP (any instance type). */
  eipsByPrivateIp(ip: string): readonly Eip[];
  eipsByInstance(instanceId: string): readonly Eip[];
  ipv6Address(address: string): Ipv6Address | undefined;
  securityGroup(id: string): SecurityGroup | undefined;
  /** Private IPs (v4 and v6) of every ENI or instance in the group; undefined when nothing says who is in it. */
  securityGroupMembers(id: string): readonly string[] | undefined;
  service(namespace: string, name: string): Service | undefined;
  serviceByClusterIp(ip: string): Service | undefined;
  serviceByLoadBalancerIp(ip: string): Service | undefined;
  endpointSlices(namespace: string, serviceName: string): readonly EndpointSlice[];
  rds(id: string): RdsInstance | undefined;
  rdsByAddress(addressOrHost: string): RdsInstance | undefined;
  loadBalancer(id: string): LoadBalancer | undefined;
  loadBalancerByAddress(ip: string): LoadBalancer | undefined;
  acl(id: string): AccessControlList | undefined;
  networkAcl(id: string): NetworkAcl | undefined;
  /** CIDRs of the VPC (v4 and v6) the cluster lives in, or of every VPC when the cluster's is unknown. */
  vpcCidrs(): readonly string[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

const cache = new WeakMap<Snapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached !== undefined) return cached;
  const built = buildIndex(snapshot);
  cache.set(snapshot, built);
  return built;
}

function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const k = snapshot.kubernetes;
  const c = snapshot.cloud;

  const pods = new Map<string, Pod>();
  const podsByIp = new Map<string, Pod>();
  for (const pod of k.pods) {
    setOnce(pods, `${pod.namespace}/${pod.name}`, pod);
    if (pod.hostNetwork) continue;
    // A finished pod's IP may be reused by a running one; prefer running pods.
    for (const ip of pod.ips) {
      const key = canonicalIp(ip);
      const existing = podsByIp.get(key);
      if (existing === undefined || (existing.phase !== 'Running' && pod.phase === 'Running'))
        podsByIp.set(key, pod);
    }
  }
  const namespaces = new Map(k.namespaces.map((n) => [n.name, n] as const));
  const nodes = new Map<string, Node>();
  const nodesByIp = new Map<string, Node>();
  const nodesByInstance = new Map<string, Node>();
  for (const node of k.nodes) {
    setOnce(nodes, node.name, node);
    for (const ip of node.internalIPs) setOnce(nodesByIp, canonicalIp(ip), node);
    if (node.instanceId !== undefined) setOnce(nodesByInstance, node.instanceId, node);
  }
  const configMaps = new Map(k.configMaps.map((m) => [`${m.namespace}/${m.name}`, m] as const));

  const instances = new Map<string, EcsInstance>();
  const instancesByIp = new Map<string, EcsInstance>();
  for (const ecs of c.ecsInstances) {
    setOnce(instances, ecs.id, ecs);
    for (const ip of ecs.privateIps) setOnce(instancesByIp, canonicalIp(ip), ecs);
  }
  const enis = new Map<string, NetworkInterface>();
  const enisByIp = new Map<string, NetworkInterface>();
  const enisByInstance = new Map<string, NetworkInterface[]>();
  for (const eni of c.networkInterfaces) {
    setOnce(enis, eni.id, eni);
    for (const p of eni.privateIps) setOnce(enisByIp, canonicalIp(p.address), eni);
    for (const ip of eni.ipv6Addresses) setOnce(enisByIp, canonicalIp(ip), eni);
    if (eni.instanceId !== undefined) push(enisByInstance, eni.instanceId, eni);
  }
  const vpcs = new Map(c.vpcs.map((v) => [v.id, v] as const));
  const vSwitches = new Map(c.vSwitches.map((v) => [v.id, v] as const));
  const routeTables = new Map(c.routeTables.map((t) => [t.id, t] as const));
  const routeEntries = new Map<string, RouteEntry[]>();
  for (const entry of c.routeEntries) push(routeEntries, entry.routeTableId, entry);
  const natGateways = new Map(c.natGateways.map((n) => [n.id, n] as const));
  const snatByTable = new Map<string, SnatEntry[]>();
  for (const entry of c.snatEntries) push(snatByTable, entry.snatTableId, entry);
  const eipsByIp = new Map<string, Eip[]>();
  const eipsByInstance = new Map<string, Eip[]>();
  for (const eip of c.eips) {
    if (eip.privateIpAddress !== undefined) push(eipsByIp, canonicalIp(eip.privateIpAddress), eip);
    if (eip.instanceId !== undefined) push(eipsByInstance, eip.instanceId, eip);
  }
  const ipv6 = new Map(c.ipv6Addresses.map((a) => [canonicalIp(a.address), a] as const));
  const groups = new Map(c.securityGroups.map((g) => [g.id, g] as const));
  const groupMembers = new Map<string, Set<string>>();
  const addMembers = (groupIds: readonly string[], ips: readonly string[]) => {
    for (const id of groupIds) {
      let set = groupMembers.get(id);
      if (set === undefined) {
        set = new Set();
        groupMembers.set(id, set);
      }
      for (const ip of ips) set.add(canonicalIp(ip));
    }
  };
  for (const eni of c.networkInterfaces) {
    addMembers(eni.securityGroupIds, [...eni.privateIps.map((p) => p.address), ...eni.ipv6Addresses]);
  }
  for (const ecs of c.ecsInstances) addMembers(ecs.securityGroupIds, ecs.privateIps);
  const sortedGroupMembers = new Map<string, readonly string[]>();

  const services = new Map<string, Service>();
  const servicesByClusterIp = new Map<string, Service>();
  const servicesByLbIp = new Map<string, Service>();
  for (const svc of k.services) {
    setOnce(services, `${svc.namespace}/${svc.name}`, svc);
    for (const ip of svc.clusterIPs) setOnce(servicesByClusterIp, canonicalIp(ip), svc);
    for (const ingress of svc.loadBalancerIngress) {
      if (ingress.ip !== undefined) setOnce(servicesByLbIp, canonicalIp(ingress.ip), svc);
    }
  }
  const slices = new Map<string, EndpointSlice[]>();
  for (const slice of [...k.endpointSlices].sort((a, b) => a.name.localeCompare(b.name))) {
    if (slice.serviceName !== undefined) push(slices, `${slice.namespace}/${slice.serviceName}`, slice);
  }
  const rdsById = new Map(c.rdsInstances.map((r) => [r.id, r] as const));
  const rdsByAddress = new Map<string, RdsInstance>();
  for (const rds of c.rdsInstances) {
    for (const conn of rds.connections) {
      if (conn.ipAddress !== undefined) setOnce(rdsByAddress, canonicalIp(conn.ipAddress), rds);
      if (conn.connectionString !== undefined)
        setOnce(rdsByAddress, conn.connectionString.toLowerCase(), rds);
    }
  }
  const lbs = new Map(c.loadBalancers.map((l) => [l.id, l] as const));
  const lbsByAddress = new Map<string, LoadBalancer>();
  for (const lb of c.loadBalancers) setOnce(lbsByAddress, canonicalIp(lb.address), lb);
  const acls = new Map(c.accessControlLists.map((a) => [a.id, a] as const));
  const networkAcls = new Map(c.networkAcls.map((a) => [a.id, a] as const));

  const vSwitchList = [...c.vSwitches].sort((a, b) => a.id.localeCompare(b.id));
  const clusterVpc = snapshot.facts.vpcId.known ? snapshot.facts.vpcId.value : undefined;
  const vpcCidrs = c.vpcs
    .filter((v) => clusterVpc === undefined || v.id === clusterVpc)
    .flatMap((v) => [...v.cidrBlocks, ...v.ipv6CidrBlocks]);

  return {
    snapshot,
    pod: (namespace, name) => pods.get(`${namespace}/${name}`),
    podByIp: (ip) => podsByIp.get(canonicalIp(ip)),
    namespace: (name) => namespaces.get(name),
    node: (name) => nodes.get(name),
    nodeByIp: (ip) => nodesByIp.get(canonicalIp(ip)),
    nodeByInstance: (id) => nodesByInstance.get(id),
    configMap: (namespace, name) => configMaps.get(`${namespace}/${name}`),
    instance: (id) => instances.get(id),
    instanceByPrivateIp: (ip) => instancesByIp.get(canonicalIp(ip)),
    eni: (id) => enis.get(id),
    eniByPrivateIp: (ip) => enisByIp.get(canonicalIp(ip)),
    primaryEni(instanceId) {
      const list = enisByInstance.get(instanceId) ?? [];
      const typed = list.find((e) => e.type?.toLowerCase() === 'primary');
      if (typed !== undefined) return typed;
      const first = instances.get(instanceId)?.privateIps[0];
      if (first === undefined) return undefined;
      return list.find((e) => e.privateIps.some((p) => canonicalIp(p.address) === canonicalIp(first)));
    },
    vpc: (id) => vpcs.get(id),
    vSwitch: (id) => vSwitches.get(id),
    vSwitchForIp(ip) {
      let best: VSwitch | undefined;
      let bestPrefix = -1;
      for (const vsw of vSwitchList) {
        for (const cidr of [vsw.cidrBlock, vsw.ipv6CidrBlock]) {
          if (cidr === undefined || !cidrContains(cidr, ip)) continue;
          const prefix = parseCidr(cidr)?.prefix ?? 0;
          if (prefix > bestPrefix) {
            best = vsw;
            bestPrefix = prefix;
          }
        }
      }
      return best;
    },
    routeTable: (id) => routeTables.get(id),
    systemRouteTable: (vpcId) =>
      c.routeTables.find((t) => t.vpcId === vpcId && t.type === 'System') ??
      (vpcs.get(vpcId)?.routeTableIds ?? [])
        .map((id) => routeTables.get(id))
        .find((t) => t?.type === 'System'),
    routeEntries: (id) => routeEntries.get(id) ?? [],
    natGateway: (id) => natGateways.get(id),
    snatEntries(natGatewayId) {
      const gateway = natGateways.get(natGatewayId);
      const tables = new Set(gateway?.snatTableIds ?? []);
      return c.snatEntries
        .filter((e) => e.natGatewayId === natGatewayId || tables.has(e.snatTableId))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    eipsByPrivateIp: (ip) => eipsByIp.get(canonicalIp(ip)) ?? [],
    eipsByInstance: (id) => eipsByInstance.get(id) ?? [],
    ipv6Address: (address) => ipv6.get(canonicalIp(address)),
    securityGroup: (id) => groups.get(id),
    securityGroupMembers(id) {
      // Sorted once per group: a Terway pod group holds every pod IP, and this is asked on every SG hop.
      let sorted = sortedGroupMembers.get(id);
      if (sorted === undefined) {
        const set = groupMembers.get(id);
        if (set === undefined) return undefined;
        sorted = Object.freeze([...set].sort());
        sortedGroupMembers.set(id, sorted);
      }
      return sorted;
    },
    service: (namespace, name) => services.get(`${namespace}/${name}`),
    serviceByClusterIp: (ip) => servicesByClusterIp.get(canonicalIp(ip)),
    serviceByLoadBalancerIp: (ip) => servicesByLbIp.get(canonicalIp(ip)),
    endpointSlices: (namespace, name) => slices.get(`${namespace}/${name}`) ?? [],
    rds: (id) => rdsById.get(id),
    rdsByAddress: (address) =>
      rdsByAddress.get(canonicalIp(address)) ?? rdsByAddress.get(address.toLowerCase().replace(/\.$/, '')),
    loadBalancer: (id) => lbs.get(id),
    loadBalancerByAddress: (ip) => lbsByAddress.get(canonicalIp(ip)),
    acl: (id) => acls.get(id),
    networkAcl: (id) => networkAcls.get(id),
    vpcCidrs: () => vpcCidrs,
  };
}
