/**
 * What a column's destination can bring into relation with a source: the pods the packet may end at (the target
 * pod, every endpoint of a Service it reaches, the backends of a CLB), the nodes those run on (the engine compares
 * the source's node with them: same-node delivery, internalTrafficPolicy Local, a CLB backend on the client's own
 * ECS) and the NetworkPolicies that may judge the source on ingress (those selecting one of those pods: the
 * only ones the ingress evaluator reads). Over-approximated on purpose: a source outside these sets is judged by
 * the same rules as any other with the same profile. A column whose destination is a name adds, for every distinct
 * resolv.conf among the sources, the nameservers (the DNS query is itself traced to them) and the addresses the
 * name resolves to, by the engine's own lookupName; when the nameservers are not all the cluster's CoreDNS (whose
 * answers do not depend on which one is reached), the column relates to every node and policy.
 */
import { lookupName } from '../engine/dns/lookup.js';
import { podResolver } from '../engine/dns/resolv-conf.js';
import type { SnapshotIndex } from '../engine/snapshot-index.js';
import { matchesSelector } from '../eval/label-selector.js';
import type { NetworkPolicy, Pod, Service } from '../model/kubernetes.js';
import type { Column } from './columns.js';

export interface ColumnReach {
  /** Nodes a source on which may be treated differently; `all` for every node. */
  readonly nodes: ReadonlySet<string> | 'all';
  /** `ns/name` of pods the packet may end at (a source that is one of them is its own class). */
  readonly pods: ReadonlySet<string>;
  /** The NetworkPolicies whose ingress peers may read the source; `all` for every policy. */
  readonly ingressPolicies: readonly NetworkPolicy[] | 'all';
  /**
   * resolv.conf keys (resolverKey) of sources for which the sets above are not known (a name asked through
   * nameservers other than CoreDNS): such a source relates to every node and policy.
   */
  readonly unsureResolvers: ReadonlySet<string>;
}

const EVERYTHING: ColumnReach = {
  nodes: 'all',
  pods: new Set(),
  ingressPolicies: 'all',
  unsureResolvers: new Set(),
};

/** What a pod's resolv.conf is made of (resolv-conf.ts podResolver reads these). */
export function resolverKey(pod: Pod): string {
  return JSON.stringify([
    pod.namespace,
    pod.dnsPolicy,
    pod.dnsConfig ?? null,
    pod.hostNetwork,
    pod.labels['node-local-dns-injection'] ?? null,
  ]);
}

class ReachBuilder {
  readonly nodes = new Set<string>();
  readonly pods = new Set<string>();
  private readonly podObjects = new Set<Pod>();
  readonly unsureResolvers = new Set<string>();
  private readonly addresses = new Set<string>();
  private readonly expandedNodes = new Set<string>();
  private readonly services = new Set<Service>();
  everything = false;

  constructor(
    private readonly index: SnapshotIndex,
    private readonly port: number | null,
  ) {}

  pod(pod: Pod): void {
    if (this.podObjects.has(pod)) return;
    this.podObjects.add(pod);
    this.pods.add(`${pod.namespace}/${pod.name}`);
    if (pod.nodeName !== undefined) this.nodes.add(pod.nodeName);
    for (const ip of pod.ips) this.address(ip);
  }

  node(name: string | undefined): void {
    if (name === undefined || this.expandedNodes.has(name)) return;
    this.expandedNodes.add(name);
    this.nodes.add(name);
    // A node address with a nodePort forwards to a Service's endpoints (node-port.ts).
    if (this.port === null) return;
    for (const svc of this.index.snapshot.kubernetes.services)
      if (svc.ports.some((p) => p.nodePort === this.port)) this.service(svc);
  }

  instance(id: string | undefined): void {
    if (id === undefined) return;
    this.node(this.index.nodeByInstance(id)?.name);
    for (const ip of this.index.instance(id)?.privateIps ?? []) this.address(ip);
  }

  service(svc: Service): void {
    if (this.services.has(svc)) return;
    this.services.add(svc);
    if (svc.type === 'ExternalName') this.everything = true;
    for (const slice of this.index.endpointSlices(svc.namespace, svc.name)) {
      for (const endpoint of slice.endpoints) {
        this.node(endpoint.nodeName);
        const ref = endpoint.targetRef;
        if (ref?.kind === 'Pod') {
          const pod = this.index.pod(ref.namespace ?? svc.namespace, ref.name);
          if (pod !== undefined) this.pod(pod);
        }
        for (const a of endpoint.addresses) this.address(a);
      }
    }
    for (const ip of [...svc.clusterIPs, ...svc.externalIPs]) this.address(ip);
    for (const ingress of svc.loadBalancerIngress) if (ingress.ip !== undefined) this.address(ingress.ip);
  }

  address(address: string): void {
    if (this.addresses.has(address)) return;
    this.addresses.add(address);
    const index = this.index;
    const pod = index.podByIp(address);
    if (pod !== undefined) this.pod(pod);
    this.node(index.nodeByIp(address)?.name);
    const instance = index.instanceByPrivateIp(address);
    if (instance !== undefined) this.instance(instance.id);
    const eni = index.eniByPrivateIp(address);
    if (eni?.instanceId !== undefined) this.instance(eni.instanceId);
    const byClusterIp = index.serviceByClusterIp(address);
    if (byClusterIp !== undefined) this.service(byClusterIp);
    const byLbIp = index.serviceByLoadBalancerIp(address);
    if (byLbIp !== undefined) this.service(byLbIp);
    for (const svc of index.snapshot.kubernetes.services)
      if (svc.externalIPs.includes(address)) this.service(svc);
    const lb = index.loadBalancerByAddress(address);
    if (lb !== undefined) this.loadBalancer(lb.id);
  }

  loadBalancer(id: string): void {
    const lb = this.index.loadBalancer(id);
    if (lb === undefined) return;
    this.address(lb.address);
    for (const backend of lb.backends ?? []) {
      this.instance(backend.serverId);
      const eni = this.index.eni(backend.serverId);
      if (eni !== undefined) {
        this.instance(eni.instanceId);
        for (const ip of eni.privateIps) this.address(ip.address);
      }
      if (backend.serverIp !== undefined) this.address(backend.serverIp);
    }
    // The Service the CLB was made for (the CCM annotates it with the CLB id).
    for (const svc of this.index.snapshot.kubernetes.services)
      if (Object.values(svc.annotations).includes(id)) this.service(svc);
  }

  /** The policies selecting any pod reached: the ones evaluateIngress reads. */
  ingressPolicies(): NetworkPolicy[] {
    const pods = [...this.podObjects];
    return this.index.snapshot.kubernetes.networkPolicies.filter((policy) =>
      pods.some(
        (pod) => pod.namespace === policy.namespace && matchesSelector(policy.podSelector, pod.labels),
      ),
    );
  }

  /** A name: the nameservers and the answers for each resolv.conf of the sources; false when unsure. */
  name(name: string, sources: readonly Pod[]): boolean {
    const byResolver = new Map<string, Pod>();
    for (const pod of sources) {
      const key = resolverKey(pod);
      if (!byResolver.has(key)) byResolver.set(key, pod);
    }
    for (const [key, pod] of byResolver) {
      const resolver = podResolver(this.index, pod);
      // Which nameserver answers depends on the source's path to each; CoreDNS answers alike through any.
      if (resolver.nameservers.some((ns) => ns.kind !== 'cluster' && ns.kind !== 'node-local')) {
        this.unsureResolvers.add(key);
        continue;
      }
      for (const ns of resolver.nameservers) this.address(ns.address);
      const result = lookupName(this.index, pod, name).resolution?.result;
      if (result === undefined) return false;
      if (result.kind === 'answer') for (const a of result.addresses) this.address(a);
    }
    return true;
  }
}

export function columnReach(index: SnapshotIndex, column: Column, sources: readonly Pod[]): ColumnReach {
  const b = new ReachBuilder(index, column.port);
  const to = column.to;
  switch (to.kind) {
    case 'name':
      if (!b.name(to.name, sources)) return EVERYTHING;
      break;
    case 'address':
      b.address(to.address);
      break;
    case 'pod': {
      const pod = index.pod(to.namespace, to.name);
      if (pod !== undefined) b.pod(pod);
      break;
    }
    case 'service': {
      const svc = index.service(to.namespace, to.name);
      if (svc !== undefined) b.service(svc);
      break;
    }
    case 'cloud-resource': {
      const id = to.id;
      if (id.startsWith('lb-')) b.loadBalancer(id);
      else if (id.startsWith('rm-') || id.startsWith('pgm-')) {
        const rds = index.rds(id);
        const connections = rds?.connections ?? [];
        // An RDS known only by its connection string is reached by name.
        if (!connections.some((c) => c.ipAddress !== undefined)) {
          const named = connections.find((c) => c.connectionString !== undefined)?.connectionString;
          if (named === undefined || !b.name(named, sources)) return EVERYTHING;
        }
        for (const c of connections) if (c.ipAddress !== undefined) b.address(c.ipAddress);
      } else b.instance(id);
      break;
    }
  }
  return b.everything
    ? EVERYTHING
    : {
        nodes: b.nodes,
        pods: b.pods,
        ingressPolicies: b.ingressPolicies(),
        unsureResolvers: b.unsureResolvers,
      };
}
