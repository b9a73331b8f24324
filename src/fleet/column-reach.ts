/**
 * What a column's destination can bring into relation with a source: the pods the packet may end at (the target
 * pod, every endpoint of a Service it reaches, the backends of a CLB), the nodes those run on (the engine compares
 * the source's node with them: same-node delivery, internalTrafficPolicy Local, a CLB backend on the client's own
 * ECS) and the namespaces whose NetworkPolicies may judge the source on ingress. Over-approximated on purpose: a
 * source outside these sets is judged by the same rules as any other with the same profile. A column whose
 * destination is a name (DNS answers depend on the pod's resolv.conf, and the query itself travels to CoreDNS)
 * relates to every node and namespace.
 */
import type { SnapshotIndex } from '../engine/snapshot-index.js';
import type { Pod, Service } from '../model/kubernetes.js';
import type { Column } from './columns.js';

export interface ColumnReach {
  /** Nodes a source on which may be treated differently; `all` for every node. */
  readonly nodes: ReadonlySet<string> | 'all';
  /** `ns/name` of pods the packet may end at (a source that is one of them is its own class). */
  readonly pods: ReadonlySet<string>;
  /** Namespaces whose NetworkPolicies' ingress peers may read the source; `all` for every namespace. */
  readonly namespaces: ReadonlySet<string> | 'all';
}

const EVERYTHING: ColumnReach = { nodes: 'all', pods: new Set(), namespaces: 'all' };

class ReachBuilder {
  readonly nodes = new Set<string>();
  readonly pods = new Set<string>();
  readonly namespaces = new Set<string>();
  private readonly addresses = new Set<string>();
  private readonly expandedNodes = new Set<string>();
  private readonly services = new Set<Service>();
  everything = false;

  constructor(
    private readonly index: SnapshotIndex,
    private readonly port: number | null,
  ) {}

  pod(pod: Pod): void {
    this.pods.add(`${pod.namespace}/${pod.name}`);
    this.namespaces.add(pod.namespace);
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
    this.namespaces.add(svc.namespace);
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
}

export function columnReach(index: SnapshotIndex, column: Column): ColumnReach {
  const b = new ReachBuilder(index, column.port);
  const to = column.to;
  switch (to.kind) {
    case 'name':
      return EVERYTHING;
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
        if (!connections.some((c) => c.ipAddress !== undefined)) return EVERYTHING;
        for (const c of connections) if (c.ipAddress !== undefined) b.address(c.ipAddress);
      } else b.instance(id);
      break;
    }
  }
  return b.everything ? EVERYTHING : { nodes: b.nodes, pods: b.pods, namespaces: b.namespaces };
}
