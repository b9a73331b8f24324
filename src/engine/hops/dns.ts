/**
 * Hop 2, dns: the simplest resolver that answers the seed page's first check ("the Pod resolves the target's IP
 * through the cluster's DNS"). Cluster names (`<svc>.<ns>.svc.<domain>`, and the ClusterFirst search-list forms
 * `<svc>.<ns>.svc`, `<svc>.<ns>`, `<svc>`) answer with the Service; RDS connection strings answer with the
 * instance's address; everything else comes from world.yaml (A/AAAA, CNAME chains, NXDOMAIN). The full resolver
 * model (dnsPolicy, ndots, the query's own path) is its own issue and replaces this module.
 */
import type { IpFamily, Origin, Pod, RdsInstance, Service } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { resource, rule, type TraceState } from '../context.js';
import type { SnapshotIndex } from '../snapshot-index.js';

export type NameAnswer =
  | {
      readonly kind: 'service';
      readonly name: string;
      readonly service: Service;
      readonly addresses: readonly string[];
      readonly assumption?: string;
    }
  | {
      readonly kind: 'rds';
      readonly name: string;
      readonly rds: RdsInstance;
      readonly addresses: readonly string[];
    }
  | {
      readonly kind: 'records';
      readonly name: string;
      readonly addresses: readonly string[];
      readonly cnames: readonly string[];
      readonly origin: Origin;
    }
  | {
      readonly kind: 'nxdomain';
      readonly name: string;
      readonly cnames: readonly string[];
      readonly origin?: Origin;
    }
  | { readonly kind: 'unknown'; readonly name: string; readonly cnames: readonly string[] };

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Which cluster Service a name means, under ClusterFirst search-list expansion; undefined when none. */
/** Whether the pod's resolver is the cluster DNS with the ClusterFirst search list (upstream dnsPolicy semantics). */
function usesClusterDns(pod: Pod | undefined, domain: string): boolean {
  if (pod === undefined) return true;
  if (pod.dnsPolicy === 'None') return (pod.dnsConfig?.searches ?? []).some((s) => s === `svc.${domain}`);
  // A hostNetwork pod with ClusterFirst falls back to the node's resolver (Default).
  return pod.hostNetwork ? pod.dnsPolicy === 'ClusterFirstWithHostNet' : pod.dnsPolicy === 'ClusterFirst';
}

/** Which cluster Service a name means, under ClusterFirst search-list expansion; undefined when none. */
function clusterService(
  index: SnapshotIndex,
  pod: Pod | undefined,
  name: string,
  domain: string,
): { service?: Service; authoritative: boolean } {
  const inDomain = name === domain || name.endsWith(`.${domain}`);
  if (!usesClusterDns(pod, domain)) {
    // The VPC resolver does not serve the cluster domain.
    return { authoritative: inDomain };
  }
  const suffix = `.svc.${domain}`;
  if (name.endsWith(suffix)) {
    const parts = name.slice(0, -suffix.length).split('.');
    const [svc, ns] = parts;
    if (parts.length === 2 && svc !== undefined && ns !== undefined) {
      const service = index.service(ns, svc);
      return service === undefined ? { authoritative: true } : { service, authoritative: true };
    }
    return { authoritative: true };
  }
  if (inDomain) return { authoritative: true };
  const parts = name.split('.');
  let candidate: Service | undefined;
  if (parts.length === 3 && parts[2] === 'svc') candidate = index.service(parts[1] ?? '', parts[0] ?? '');
  else if (parts.length === 2) candidate = index.service(parts[1] ?? '', parts[0] ?? '');
  else if (parts.length === 1 && pod !== undefined) candidate = index.service(pod.namespace, parts[0] ?? '');
  return candidate === undefined ? { authoritative: false } : { service: candidate, authoritative: false };
}

export function resolveName(index: SnapshotIndex, pod: Pod | undefined, rawName: string): NameAnswer {
  const name = normalise(rawName);
  const domainFact = index.snapshot.facts.clusterDomain;
  const domain = domainFact.known ? domainFact.value : 'cluster.local';
  const cluster = clusterService(index, pod, name, domain);
  if (cluster.service !== undefined) {
    const service = cluster.service;
    const addresses = service.headless
      ? index
          .endpointSlices(service.namespace, service.name)
          .flatMap((s) => s.endpoints.filter((e) => e.ready).flatMap((e) => e.addresses))
      : service.clusterIPs;
    return {
      kind: 'service',
      name,
      service,
      addresses,
      ...(domainFact.known
        ? {}
        : {
            assumption: 'cluster domain taken as cluster.local (the ACK default); the snapshot does not say',
          }),
    };
  }
  if (cluster.authoritative) return { kind: 'nxdomain', name, cnames: [] };
  const rds = index.rdsByAddress(name);
  if (rds !== undefined) {
    const addresses = rds.connections
      .filter((c) => c.connectionString?.toLowerCase() === name && c.ipAddress !== undefined)
      .map((c) => c.ipAddress as string);
    if (addresses.length > 0) return { kind: 'rds', name, rds, addresses };
  }
  const cnames: string[] = [];
  let current = name;
  for (let depth = 0; depth < 16; depth++) {
    const record = index.snapshot.world.dns.find((r) => r.name === current);
    if (record === undefined) return { kind: 'unknown', name, cnames };
    if (record.nxdomain) return { kind: 'nxdomain', name, cnames, origin: record.origin };
    if (record.a.length > 0 || record.aaaa.length > 0) {
      return {
        kind: 'records',
        name,
        addresses: [...record.a, ...record.aaaa],
        cnames,
        origin: record.origin,
      };
    }
    if (record.cname === undefined) return { kind: 'nxdomain', name, cnames, origin: record.origin };
    current = normalise(record.cname);
    if (cnames.includes(current)) return { kind: 'unknown', name, cnames };
    cnames.push(current);
  }
  return { kind: 'unknown', name, cnames };
}

/** The family to use for a resolved name: the query's, else IPv4 when both ends have it, else IPv6. */
export function chooseFamily(
  addresses: readonly string[],
  sourceFamilies: readonly IpFamily[],
  asked: IpFamily | undefined,
): IpFamily | undefined {
  if (asked !== undefined) return asked;
  const has = (f: IpFamily) => addresses.some((a) => ipFamily(a) === f) && sourceFamilies.includes(f);
  if (has(4)) return 4;
  if (has(6)) return 6;
  return undefined;
}

const SEED_IPV4_ONLY =
  'in an IPv4 single-stack cluster a pod has only an IPv4 address and can reach public IPv4 addresses only, never IPv6 addresses (ACK "Considerations when Pods access external networks")';

/** Adds the dns hop for an answer; sets the packet's destination, or marks the trace unresolved/halted. */
export function dnsHop(state: TraceState, answer: NameAnswer): void {
  const name = answer.name;
  const family = state.packet.family;
  const addresses = 'addresses' in answer ? answer.addresses : [];
  const ofFamily = addresses.filter((a) => ipFamily(a) === family);
  const details = { answer: { name, addresses, cnames: 'cnames' in answer ? answer.cnames : [] } };
  const res = resource('dns-name', name);
  switch (answer.kind) {
    case 'unknown':
      state.need(
        'dns',
        `the DNS answer for ${answer.cnames.at(-1) ?? name}`,
        `add the name to world.yaml dns (e.g. from: dig +short ${answer.cnames.at(-1) ?? name})`,
      );
      state.add({
        kind: 'dns',
        result: 'unknown',
        resource: res,
        rule: null,
        reason: `nothing in the snapshot answers ${answer.cnames.at(-1) ?? name}: add the name to world.yaml dns`,
        details,
      });
      state.halted = true;
      return;
    case 'nxdomain':
      state.unresolved = true;
      state.halted = true;
      state.add({
        kind: 'dns',
        result: 'drop',
        resource: res,
        rule:
          answer.origin === undefined
            ? rule(name, 'cluster DNS is authoritative for the cluster domain')
            : rule(name, 'world.yaml dns: nxdomain', answer.origin),
        reason:
          answer.origin === undefined
            ? `${name} does not resolve: no such Service in the cluster domain (NXDOMAIN)`
            : `${name} does not resolve (NXDOMAIN${answer.cnames.length > 0 ? ` via ${answer.cnames.join(' → ')}` : ''})`,
        details,
      });
      return;
    default:
      break;
  }
  const deciding =
    answer.kind === 'service'
      ? rule(
          `service/${answer.service.namespace}/${answer.service.name}`,
          'cluster Service name',
          answer.service.origin,
        )
      : answer.kind === 'rds'
        ? rule(answer.rds.id, 'RDS connection string', answer.rds.origin)
        : rule(name, 'world.yaml dns', answer.origin);
  if (answer.kind === 'service' && answer.assumption !== undefined) {
    state.assume(
      'dns',
      answer.assumption,
      'ACK default cluster domain; kubelet --cluster-domain not in the snapshot',
    );
  }
  const chosen = ofFamily[0];
  if (chosen === undefined) {
    state.unresolved = true;
    state.halted = true;
    const other = addresses.join(', ') || 'no address';
    const v4only = family === 4 && addresses.some((a) => ipFamily(a) === 6);
    state.add({
      kind: 'dns',
      result: 'drop',
      resource: res,
      rule: deciding,
      reason: v4only
        ? `${name} has only IPv6 (AAAA) answers (${other}) and the pod has only IPv4: ${SEED_IPV4_ONLY}`
        : `${name} has no IPv${family} answer the pod can use (answers: ${other})`,
      details,
    });
    return;
  }
  state.setDestination(chosen);
  state.add({
    kind: 'dns',
    result: 'pass',
    resource: res,
    rule: deciding,
    reason: `${name} resolves to ${chosen}${
      answer.kind === 'service'
        ? ` (Service ${answer.service.namespace}/${answer.service.name})`
        : answer.kind === 'rds'
          ? ` (RDS ${answer.rds.id})`
          : answer.cnames.length > 0
            ? ` via ${answer.cnames.join(' → ')}`
            : ''
    }${ofFamily.length > 1 ? `; other answers: ${ofFamily.slice(1).join(', ')}` : ''}`,
    details,
  });
}

export { SEED_IPV4_ONLY };
