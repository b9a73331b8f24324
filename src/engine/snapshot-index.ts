/**
 * Lookup tables over one snapshot. Snapshots are read-only, so every table is cached in a WeakMap keyed by the
 * array(s) it is built from (`snapshot.kubernetes.pods`, `snapshot.cloud.securityGroups`...), not by the whole
 * snapshot: a changed snapshot that shares its unchanged arrays (applyChange and what-if build them with spreads)
 * reuses every table whose arrays it shares, and only the changed arrays are indexed again (issue 9, re-check
 * after a change). Tables are built on first use. Addresses are keyed by their canonical text so `2408:4005::1`
 * and `2408:4005:0:0::1` find the same object.
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
import { memoByIdentities, memoByIdentity } from './memo.js';

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

/** Objects by id; a later duplicate id wins (as `new Map(entries)` does). */
const idTable = memoByIdentity(
  (list: readonly { readonly id: string }[]): ReadonlyMap<string, { readonly id: string }> =>
    new Map(list.map((x) => [x.id, x] as const)),
);
function idTableOf<T extends { readonly id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return idTable(list) as ReadonlyMap<string, T>;
}

interface PodTables {
  readonly byKey: ReadonlyMap<string, Pod>;
  readonly byIp: ReadonlyMap<string, Pod>;
}
const podTables = memoByIdentity((list: readonly Pod[]): PodTables => {
  const byKey = new Map<string, Pod>();
  const byIp = new Map<string, Pod>();
  for (const pod of list) {
    setOnce(byKey, `${pod.namespace}/${pod.name}`, pod);
    if (pod.hostNetwork) continue;
    // A finished pod's IP may be reused by a running one; prefer running pods.
    for (const ip of pod.ips) {
      const key = canonicalIp(ip);
      const existing = byIp.get(key);
      if (existing === undefined || (existing.phase !== 'Running' && pod.phase === 'Running'))
        byIp.set(key, pod);
    }
  }
  return { byKey, byIp };
});

const namespaceTable = memoByIdentity(
  (list: readonly Namespace[]): ReadonlyMap<string, Namespace> =>
    new Map(list.map((n) => [n.name, n] as const)),
);

interface NodeTables {
  readonly byName: ReadonlyMap<string, Node>;
  readonly byIp: ReadonlyMap<string, Node>;
  readonly byInstance: ReadonlyMap<string, Node>;
}
const nodeTables = memoByIdentity((list: readonly Node[]): NodeTables => {
  const byName = new Map<string, Node>();
  const byIp = new Map<string, Node>();
  const byInstance = new Map<string, Node>();
  for (const node of list) {
    setOnce(byName, node.name, node);
    for (const ip of node.internalIPs) setOnce(byIp, canonicalIp(ip), node);
    if (node.instanceId !== undefined) setOnce(byInstance, node.instanceId, node);
  }
  return { byName, byIp, byInstance };
});

const configMapTable = memoByIdentity(
  (list: readonly ConfigMap[]): ReadonlyMap<string, ConfigMap> =>
    new Map(list.map((m) => [`${m.namespace}/${m.name}`, m] as const)),
);

interface InstanceTables {
  readonly byId: ReadonlyMap<string, EcsInstance>;
  readonly byIp: ReadonlyMap<string, EcsInstance>;
}
const instanceTables = memoByIdentity((list: readonly EcsInstance[]): InstanceTables => {
  const byId = new Map<string, EcsInstance>();
  const byIp = new Map<string, EcsInstance>();
  for (const ecs of list) {
    setOnce(byId, ecs.id, ecs);
    for (const ip of ecs.privateIps) setOnce(byIp, canonicalIp(ip), ecs);
  }
  return { byId, byIp };
});

interface EniTables {
  readonly byId: ReadonlyMap<string, NetworkInterface>;
  readonly byIp: ReadonlyMap<string, NetworkInterface>;
  readonly byInstance: ReadonlyMap<string, readonly NetworkInterface[]>;
}
const eniTables = memoByIdentity((list: readonly NetworkInterface[]): EniTables => {
  const byId = new Map<string, NetworkInterface>();
  const byIp = new Map<string, NetworkInterface>();
  const byInstance = new Map<string, NetworkInterface[]>();
  for (const eni of list) {
    setOnce(byId, eni.id, eni);
    for (const p of eni.privateIps) setOnce(byIp, canonicalIp(p.address), eni);
    for (const ip of eni.ipv6Addresses) setOnce(byIp, canonicalIp(ip), eni);
    if (eni.instanceId !== undefined) push(byInstance, eni.instanceId, eni);
  }
  return { byId, byIp, byInstance };
});

const sortedVSwitches = memoByIdentity((list: readonly VSwitch[]): readonly VSwitch[] =>
  [...list].sort((a, b) => a.id.localeCompare(b.id)),
);

const routeEntryTable = memoByIdentity(
  (list: readonly RouteEntry[]): ReadonlyMap<string, readonly RouteEntry[]> => {
    const byTable = new Map<string, RouteEntry[]>();
    for (const entry of list) push(byTable, entry.routeTableId, entry);
    return byTable;
  },
);

interface EipTables {
  readonly byIp: ReadonlyMap<string, readonly Eip[]>;
  readonly byInstance: ReadonlyMap<string, readonly Eip[]>;
}
const eipTables = memoByIdentity((list: readonly Eip[]): EipTables => {
  const byIp = new Map<string, Eip[]>();
  const byInstance = new Map<string, Eip[]>();
  for (const eip of list) {
    if (eip.privateIpAddress !== undefined) push(byIp, canonicalIp(eip.privateIpAddress), eip);
    if (eip.instanceId !== undefined) push(byInstance, eip.instanceId, eip);
  }
  return { byIp, byInstance };
});

const ipv6Table = memoByIdentity(
  (list: readonly Ipv6Address[]): ReadonlyMap<string, Ipv6Address> =>
    new Map(list.map((a) => [canonicalIp(a.address), a] as const)),
);

/** Who is in each security group: from the ENIs and the ECS instances, never from the groups themselves. */
class GroupMembers {
  private readonly sorted = new Map<string, readonly string[]>();
  constructor(private readonly sets: ReadonlyMap<string, ReadonlySet<string>>) {}
  /** Sorted once per group: a Terway pod group holds every pod IP, and this is asked on every SG hop. */
  of(id: string): readonly string[] | undefined {
    let list = this.sorted.get(id);
    if (list === undefined) {
      const set = this.sets.get(id);
      if (set === undefined) return undefined;
      list = Object.freeze([...set].sort());
      this.sorted.set(id, list);
    }
    return list;
  }
}
const groupMemberTable = memoByIdentities(
  (enis: readonly NetworkInterface[], instances: readonly EcsInstance[]): GroupMembers => {
    const sets = new Map<string, Set<string>>();
    const add = (groupIds: readonly string[], ips: readonly string[]) => {
      for (const id of groupIds) {
        let set = sets.get(id);
        if (set === undefined) {
          set = new Set();
          sets.set(id, set);
        }
        for (const ip of ips) set.add(canonicalIp(ip));
      }
    };
    for (const eni of enis)
      add(eni.securityGroupIds, [...eni.privateIps.map((p) => p.address), ...eni.ipv6Addresses]);
    for (const ecs of instances) add(ecs.securityGroupIds, ecs.privateIps);
    return new GroupMembers(sets);
  },
);

interface ServiceTables {
  readonly byKey: ReadonlyMap<string, Service>;
  readonly byClusterIp: ReadonlyMap<string, Service>;
  readonly byLbIp: ReadonlyMap<string, Service>;
}
const serviceTables = memoByIdentity((list: readonly Service[]): ServiceTables => {
  const byKey = new Map<string, Service>();
  const byClusterIp = new Map<string, Service>();
  const byLbIp = new Map<string, Service>();
  for (const svc of list) {
    setOnce(byKey, `${svc.namespace}/${svc.name}`, svc);
    for (const ip of svc.clusterIPs) setOnce(byClusterIp, canonicalIp(ip), svc);
    for (const ingress of svc.loadBalancerIngress) {
      if (ingress.ip !== undefined) setOnce(byLbIp, canonicalIp(ingress.ip), svc);
    }
  }
  return { byKey, byClusterIp, byLbIp };
});

const sliceTable = memoByIdentity(
  (list: readonly EndpointSlice[]): ReadonlyMap<string, readonly EndpointSlice[]> => {
    const byService = new Map<string, EndpointSlice[]>();
    for (const slice of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
      if (slice.serviceName !== undefined) push(byService, `${slice.namespace}/${slice.serviceName}`, slice);
    }
    return byService;
  },
);

const rdsAddressTable = memoByIdentity((list: readonly RdsInstance[]): ReadonlyMap<string, RdsInstance> => {
  const byAddress = new Map<string, RdsInstance>();
  for (const rds of list) {
    for (const conn of rds.connections) {
      if (conn.ipAddress !== undefined) setOnce(byAddress, canonicalIp(conn.ipAddress), rds);
      if (conn.connectionString !== undefined) setOnce(byAddress, conn.connectionString.toLowerCase(), rds);
    }
  }
  return byAddress;
});

const lbAddressTable = memoByIdentity((list: readonly LoadBalancer[]): ReadonlyMap<string, LoadBalancer> => {
  const byAddress = new Map<string, LoadBalancer>();
  for (const lb of list) setOnce(byAddress, canonicalIp(lb.address), lb);
  return byAddress;
});

const cache = new WeakMap<Snapshot, SnapshotIndex>();

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const cached = cache.get(snapshot);
  if (cached !== undefined) return cached;
  const built = buildIndex(snapshot);
  cache.set(snapshot, built);
  return built;
}

/**
 * Builds every table of the snapshot's index now instead of on first use (for a benchmark that times the index
 * build apart from the first check). Answers are the same either way.
 */
export function primeIndex(snapshot: Snapshot): SnapshotIndex {
  const k = snapshot.kubernetes;
  const c = snapshot.cloud;
  podTables(k.pods);
  namespaceTable(k.namespaces);
  nodeTables(k.nodes);
  configMapTable(k.configMaps);
  instanceTables(c.ecsInstances);
  eniTables(c.networkInterfaces);
  for (const list of [
    c.vpcs,
    c.vSwitches,
    c.routeTables,
    c.natGateways,
    c.securityGroups,
    c.rdsInstances,
    c.loadBalancers,
    c.accessControlLists,
    c.networkAcls,
  ] as readonly (readonly { readonly id: string }[])[])
    idTable(list);
  sortedVSwitches(c.vSwitches);
  routeEntryTable(c.routeEntries);
  eipTables(c.eips);
  ipv6Table(c.ipv6Addresses);
  groupMemberTable(c.networkInterfaces, c.ecsInstances);
  serviceTables(k.services);
  sliceTable(k.endpointSlices);
  rdsAddressTable(c.rdsInstances);
  lbAddressTable(c.loadBalancers);
  return indexSnapshot(snapshot);
}

function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const k = snapshot.kubernetes;
  const c = snapshot.cloud;
  // Each table is looked up (or built) on first use, then kept for this index: no WeakMap lookup on hot paths.
  const lazy = <T>(get: () => T): (() => T) => {
    let value: T | undefined;
    let done = false;
    return () => {
      if (!done) {
        value = get();
        done = true;
      }
      return value as T;
    };
  };
  const pods = lazy(() => podTables(k.pods));
  const namespaces = lazy(() => namespaceTable(k.namespaces));
  const nodes = lazy(() => nodeTables(k.nodes));
  const configMaps = lazy(() => configMapTable(k.configMaps));
  const instances = lazy(() => instanceTables(c.ecsInstances));
  const enis = lazy(() => eniTables(c.networkInterfaces));
  const vpcs = lazy(() => idTableOf(c.vpcs));
  const vSwitches = lazy(() => idTableOf(c.vSwitches));
  const vSwitchList = lazy(() => sortedVSwitches(c.vSwitches));
  const routeTables = lazy(() => idTableOf(c.routeTables));
  const routeEntries = lazy(() => routeEntryTable(c.routeEntries));
  const natGateways = lazy(() => idTableOf(c.natGateways));
  const eips = lazy(() => eipTables(c.eips));
  const ipv6 = lazy(() => ipv6Table(c.ipv6Addresses));
  const groups = lazy(() => idTableOf(c.securityGroups));
  const members = lazy(() => groupMemberTable(c.networkInterfaces, c.ecsInstances));
  const services = lazy(() => serviceTables(k.services));
  const slices = lazy(() => sliceTable(k.endpointSlices));
  const rdsById = lazy(() => idTableOf(c.rdsInstances));
  const rdsByAddress = lazy(() => rdsAddressTable(c.rdsInstances));
  const lbs = lazy(() => idTableOf(c.loadBalancers));
  const lbsByAddress = lazy(() => lbAddressTable(c.loadBalancers));
  const acls = lazy(() => idTableOf(c.accessControlLists));
  const networkAcls = lazy(() => idTableOf(c.networkAcls));
  const vpcCidrs = lazy(() => {
    const clusterVpc = snapshot.facts.vpcId.known ? snapshot.facts.vpcId.value : undefined;
    return c.vpcs
      .filter((v) => clusterVpc === undefined || v.id === clusterVpc)
      .flatMap((v) => [...v.cidrBlocks, ...v.ipv6CidrBlocks]);
  });

  return {
    snapshot,
    pod: (namespace, name) => pods().byKey.get(`${namespace}/${name}`),
    podByIp: (ip) => pods().byIp.get(canonicalIp(ip)),
    namespace: (name) => namespaces().get(name),
    node: (name) => nodes().byName.get(name),
    nodeByIp: (ip) => nodes().byIp.get(canonicalIp(ip)),
    nodeByInstance: (id) => nodes().byInstance.get(id),
    configMap: (namespace, name) => configMaps().get(`${namespace}/${name}`),
    instance: (id) => instances().byId.get(id),
    instanceByPrivateIp: (ip) => instances().byIp.get(canonicalIp(ip)),
    eni: (id) => enis().byId.get(id),
    eniByPrivateIp: (ip) => enis().byIp.get(canonicalIp(ip)),
    primaryEni(instanceId) {
      const list = enis().byInstance.get(instanceId) ?? [];
      const typed = list.find((e) => e.type?.toLowerCase() === 'primary');
      if (typed !== undefined) return typed;
      const first = instances().byId.get(instanceId)?.privateIps[0];
      if (first === undefined) return undefined;
      return list.find((e) => e.privateIps.some((p) => canonicalIp(p.address) === canonicalIp(first)));
    },
    vpc: (id) => vpcs().get(id),
    vSwitch: (id) => vSwitches().get(id),
    vSwitchForIp(ip) {
      let best: VSwitch | undefined;
      let bestPrefix = -1;
      for (const vsw of vSwitchList()) {
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
    routeTable: (id) => routeTables().get(id),
    systemRouteTable: (vpcId) =>
      c.routeTables.find((t) => t.vpcId === vpcId && t.type === 'System') ??
      (vpcs().get(vpcId)?.routeTableIds ?? [])
        .map((id) => routeTables().get(id))
        .find((t) => t?.type === 'System'),
    routeEntries: (id) => routeEntries().get(id) ?? [],
    natGateway: (id) => natGateways().get(id),
    snatEntries(natGatewayId) {
      const gateway = natGateways().get(natGatewayId);
      const tables = new Set(gateway?.snatTableIds ?? []);
      return c.snatEntries
        .filter((e) => e.natGatewayId === natGatewayId || tables.has(e.snatTableId))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    eipsByPrivateIp: (ip) => eips().byIp.get(canonicalIp(ip)) ?? [],
    eipsByInstance: (id) => eips().byInstance.get(id) ?? [],
    ipv6Address: (address) => ipv6().get(canonicalIp(address)),
    securityGroup: (id) => groups().get(id),
    securityGroupMembers: (id) => members().of(id),
    service: (namespace, name) => services().byKey.get(`${namespace}/${name}`),
    serviceByClusterIp: (ip) => services().byClusterIp.get(canonicalIp(ip)),
    serviceByLoadBalancerIp: (ip) => services().byLbIp.get(canonicalIp(ip)),
    endpointSlices: (namespace, name) => slices().get(`${namespace}/${name}`) ?? [],
    rds: (id) => rdsById().get(id),
    rdsByAddress: (address) =>
      rdsByAddress().get(canonicalIp(address)) ??
      rdsByAddress().get(address.toLowerCase().replace(/\.$/, '')),
    loadBalancer: (id) => lbs().get(id),
    loadBalancerByAddress: (ip) => lbsByAddress().get(canonicalIp(ip)),
    acl: (id) => acls().get(id),
    networkAcl: (id) => networkAcls().get(id),
    vpcCidrs: () => vpcCidrs(),
  };
}
