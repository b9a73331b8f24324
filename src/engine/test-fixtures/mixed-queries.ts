/**
 * Test helper: a deterministic sample of many kinds of queries over any snapshot — pods, workloads and addresses as
 * sources; pods, Services (by address, name and DNS name, right and wrong port), Internet names and addresses, RDS,
 * SLB, ECS, node ports, unknown names, with DNS overrides — for differential tests of the engine's caches.
 */
import type { Query, QueryDestination, QuerySource, Snapshot } from '../../model/index.js';

/** A small seeded generator (mulberry32), so a sample is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Target {
  readonly to: QueryDestination;
  readonly port: number | null;
  readonly protocol?: Query['protocol'];
}

function sources(snapshot: Snapshot): QuerySource[] {
  const k = snapshot.kubernetes;
  const out: QuerySource[] = k.pods.map((p) => ({ kind: 'pod', namespace: p.namespace, name: p.name }));
  const workloads = new Set<string>();
  for (const pod of k.pods) {
    if (pod.workload === undefined) continue;
    const key = `${pod.namespace}/${pod.workload.kind.toLowerCase()}/${pod.workload.name}`;
    if (workloads.has(key)) continue;
    workloads.add(key);
    const kind = pod.workload.kind.toLowerCase();
    if (kind === 'deployment' || kind === 'statefulset' || kind === 'daemonset' || kind === 'job')
      out.push({ kind: 'workload', namespace: pod.namespace, workloadKind: kind, name: pod.workload.name });
  }
  for (const node of k.nodes.slice(0, 3))
    for (const ip of node.internalIPs) out.push({ kind: 'address', address: ip });
  out.push({ kind: 'address', address: '203.0.113.7' });
  return out;
}

function targets(snapshot: Snapshot): Target[] {
  const k = snapshot.kubernetes;
  const c = snapshot.cloud;
  const domain = snapshot.facts.clusterDomain.known ? snapshot.facts.clusterDomain.value : 'cluster.local';
  const out: Target[] = [
    { to: { kind: 'name', name: 'api.github.com' }, port: 443 },
    { to: { kind: 'name', name: 'no-such-name.example' }, port: 443 },
    { to: { kind: 'name', name: 'kubernetes.default' }, port: 443 },
    { to: { kind: 'name', name: `kube-dns.kube-system.svc.${domain}` }, port: 53, protocol: 'udp' },
    { to: { kind: 'name', name: `nosuch.nosuch-namespace.svc.${domain}` }, port: 80 },
    { to: { kind: 'address', address: '140.82.112.5' }, port: 443 },
    { to: { kind: 'address', address: '140.82.112.5' }, port: null, protocol: 'icmp' },
    { to: { kind: 'address', address: '2606:50c0:8000::154' }, port: 443 },
    { to: { kind: 'address', address: '100.100.2.136' }, port: 53, protocol: 'udp' },
    { to: { kind: 'address', address: '169.254.20.10' }, port: 53, protocol: 'udp' },
  ];
  for (const record of snapshot.world.dns.slice(0, 6))
    out.push({ to: { kind: 'name', name: record.name }, port: 443 });
  for (const pod of k.pods) {
    const port = pod.containerPorts[0]?.containerPort ?? 80;
    out.push({ to: { kind: 'pod', namespace: pod.namespace, name: pod.name }, port });
    for (const ip of pod.ips) out.push({ to: { kind: 'address', address: ip }, port });
  }
  for (const svc of k.services) {
    const port = svc.ports[0]?.port ?? 80;
    const protocol = svc.ports[0]?.protocol ?? 'tcp';
    out.push({ to: { kind: 'service', namespace: svc.namespace, name: svc.name }, port, protocol });
    out.push({ to: { kind: 'service', namespace: svc.namespace, name: svc.name }, port: 1 });
    out.push({ to: { kind: 'name', name: `${svc.name}.${svc.namespace}.svc.${domain}` }, port, protocol });
    out.push({ to: { kind: 'name', name: `${svc.name}.${svc.namespace}` }, port, protocol });
    out.push({ to: { kind: 'name', name: svc.name }, port, protocol });
    for (const ip of [...svc.clusterIPs, ...svc.externalIPs])
      out.push({ to: { kind: 'address', address: ip }, port, protocol });
    for (const ingress of svc.loadBalancerIngress)
      if (ingress.ip !== undefined)
        out.push({ to: { kind: 'address', address: ingress.ip }, port, protocol });
    for (const p of svc.ports) {
      if (p.nodePort === undefined) continue;
      for (const node of k.nodes.slice(0, 2))
        for (const ip of node.internalIPs)
          out.push({ to: { kind: 'address', address: ip }, port: p.nodePort });
    }
  }
  for (const rds of c.rdsInstances) {
    out.push({ to: { kind: 'cloud-resource', id: rds.id }, port: null });
    for (const conn of rds.connections)
      if (conn.connectionString !== undefined)
        out.push({ to: { kind: 'name', name: conn.connectionString }, port: conn.port ?? 3306 });
  }
  for (const lb of c.loadBalancers) {
    out.push({ to: { kind: 'cloud-resource', id: lb.id }, port: 80 });
    out.push({ to: { kind: 'address', address: lb.address }, port: 443 });
  }
  for (const ecs of c.ecsInstances.slice(0, 4))
    out.push({ to: { kind: 'cloud-resource', id: ecs.id }, port: 22 });
  return out;
}

/**
 * Every source to the Internet, then `count` queries sampled from every source × every target, deterministic for a
 * seed; a few carry DNS overrides or ask for IPv6.
 */
export function mixedQueries(snapshot: Snapshot, count: number, seed: number): Query[] {
  const random = seededRandom(seed);
  const from = sources(snapshot);
  const to = targets(snapshot);
  // Every source towards the Internet by name and by address: what depends on the source alone (SNAT, EIPs).
  const out: Query[] = from.flatMap((source): Query[] => [
    { from: source, to: { kind: 'name', name: 'api.github.com' }, protocol: 'tcp', port: 443 },
    { from: source, to: { kind: 'address', address: '140.82.112.5' }, protocol: 'tcp', port: 443 },
  ]);
  for (let n = 0; n < count; n++) {
    const source = from[Math.floor(random() * from.length)] as QuerySource;
    const target = to[Math.floor(random() * to.length)] as Target;
    const query: Query = {
      from: source,
      to: target.to,
      protocol: target.protocol ?? 'tcp',
      port: target.protocol === 'icmp' ? null : target.port,
    };
    if (n % 17 === 0 && target.to.kind === 'name') {
      const name = target.to.name.toLowerCase().replace(/\.$/, '');
      out.push({ ...query, dnsOverrides: [{ name, addresses: ['140.82.112.5'], source: 'resolve' }] });
    } else if (n % 13 === 0) {
      out.push({ ...query, family: 6 });
    } else out.push(query);
  }
  return out;
}
