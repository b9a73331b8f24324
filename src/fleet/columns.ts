/**
 * Matrix columns: where the rows' pods try to go. By default an Internet sample address (and an IPv6 one on a
 * dual-stack cluster), every RDS instance, ECS instance that is not a cluster node and CLB in the snapshot, every
 * Service with a port, and one representative pod per namespace. `--to` replaces the defaults.
 */
import type { Protocol } from '../model/protocol.js';
import type { QueryDestination } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';

export interface Column {
  /** Stable id: `TO:PORT/PROTOCOL` (`TO/PROTOCOL` for icmp, `TO` when the engine picks the port). */
  readonly id: string;
  /** What the column is, for people: `internet`, `rds`, `ecs`, `slb`, `service`, `namespace`, `custom`. */
  readonly category: string;
  readonly to: QueryDestination;
  readonly label: string;
  readonly port: number | null;
  readonly protocol: Protocol;
}

/** Public sample addresses (Cloudflare's resolver): any Internet address tests the same exit. */
export const INTERNET_SAMPLE_V4 = '1.1.1.1';
export const INTERNET_SAMPLE_V6 = '2606:4700:4700::1111';
const DEFAULT_PORT = 443;

export function columnId(label: string, port: number | null, protocol: Protocol): string {
  if (protocol === 'icmp') return `${label}/icmp`;
  return port === null ? label : `${label}:${port}/${protocol}`;
}

function column(
  category: string,
  to: QueryDestination,
  label: string,
  port: number | null,
  protocol: Protocol = 'tcp',
): Column {
  return { id: columnId(label, port, protocol), category, to, label, port, protocol };
}

/** The default columns; `ports` (from `--port`) replace each destination's own port. */
export function defaultColumns(snapshot: Snapshot, ports: readonly number[] = []): Column[] {
  const each = (fallback: readonly (number | null)[]) => (ports.length > 0 ? ports : fallback);
  const out: Column[] = [];
  const internet: string[] = [INTERNET_SAMPLE_V4];
  const stack = snapshot.facts.ipStack;
  if (stack.known && stack.value === 'dual') internet.push(INTERNET_SAMPLE_V6);
  for (const address of internet) {
    for (const port of each([DEFAULT_PORT]))
      out.push(column('internet', { kind: 'address', address }, address, port));
  }
  for (const rds of [...snapshot.cloud.rdsInstances].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const port of each([null]))
      out.push(column('rds', { kind: 'cloud-resource', id: rds.id }, rds.id, port));
  }
  const nodeInstances = new Set(snapshot.kubernetes.nodes.map((n) => n.instanceId));
  for (const ecs of [...snapshot.cloud.ecsInstances].sort((a, b) => a.id.localeCompare(b.id))) {
    if (nodeInstances.has(ecs.id)) continue;
    for (const port of each([DEFAULT_PORT]))
      out.push(column('ecs', { kind: 'cloud-resource', id: ecs.id }, ecs.id, port));
  }
  for (const lb of [...snapshot.cloud.loadBalancers].sort((a, b) => a.id.localeCompare(b.id))) {
    const listened = [...new Set((lb.listeners ?? []).map((l) => l.port))].sort((a, b) => a - b);
    for (const port of each(listened.length > 0 ? listened : [DEFAULT_PORT]))
      out.push(column('slb', { kind: 'cloud-resource', id: lb.id }, lb.id, port));
  }
  const services = [...snapshot.kubernetes.services]
    .filter((s) => s.type !== 'ExternalName' && s.ports.length > 0)
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  for (const svc of services) {
    const first = svc.ports[0];
    if (first === undefined) continue;
    const protocol = ports.length > 0 ? 'tcp' : first.protocol;
    for (const port of each([first.port])) {
      out.push(
        column(
          'service',
          { kind: 'service', namespace: svc.namespace, name: svc.name },
          `svc/${svc.namespace}/${svc.name}`,
          port,
          protocol,
        ),
      );
    }
  }
  const byNamespace = new Map<string, (typeof snapshot.kubernetes.pods)[number]>();
  const candidates = [...snapshot.kubernetes.pods]
    .filter((p) => !p.hostNetwork && p.ips.length > 0 && (p.phase === undefined || p.phase === 'Running'))
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  for (const pod of candidates) if (!byNamespace.has(pod.namespace)) byNamespace.set(pod.namespace, pod);
  for (const [namespace, pod] of [...byNamespace.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const own = pod.containerPorts.find((p) => p.protocol === 'tcp')?.containerPort;
    for (const port of each([own ?? DEFAULT_PORT])) {
      out.push(
        column('namespace', { kind: 'pod', namespace, name: pod.name }, `${namespace}/${pod.name}`, port),
      );
    }
  }
  return out;
}

/** Columns from `--to` values already parsed by the CLI, each with every `--port` (443 when none is given). */
export function customColumns(
  destinations: readonly { readonly text: string; readonly to: QueryDestination }[],
  ports: readonly number[],
  protocol: Protocol = 'tcp',
): Column[] {
  const out: Column[] = [];
  for (const d of destinations) {
    const implied = d.to.kind === 'cloud-resource' && d.to.id.startsWith('rm-');
    const list: readonly (number | null)[] =
      protocol === 'icmp' ? [null] : ports.length > 0 ? ports : implied ? [null] : [DEFAULT_PORT];
    for (const port of list) out.push(column('custom', d.to, d.text, port, protocol));
  }
  return out;
}
