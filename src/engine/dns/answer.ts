/**
 * What one nameserver answers for one fully-qualified name (A and AAAA together). CoreDNS (kube-dns, and
 * NodeLocal DNSCache, which is a transparent cache in front of it: alibaba-semantics.md §11) runs the Corefile's
 * plugins in plugin.cfg order: rewrite → template → hosts → kubernetes → forward. The VPC DNS (100.100.2.136/138)
 * answers names outside the cluster: PrivateZone zones bound to the cluster's VPC, RDS connection strings and
 * world.yaml; it never serves the cluster domain.
 * Answers declared with --resolve or fetched with --live-dns win over everything.
 */
import {
  applyRewrites,
  type Corefile,
  fallsThrough,
  type HostsPlugin,
  inZone,
  type KubernetesPlugin,
  serverFor,
  type TemplateRule,
} from '../../eval/corefile/plugins.js';
import type { DnsOverride, DnsRecordSet, Origin, RuleRef, Service } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { rule } from '../context.js';
import { memoByIdentity } from '../memo.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { type Nameserver, VPC_DNS } from './resolv-conf.js';

export type Lookup =
  /** NOERROR; empty lists are NODATA for that type. */
  | {
      readonly kind: 'records';
      readonly a: readonly string[];
      readonly aaaa: readonly string[];
      readonly rule: RuleRef;
      readonly live?: boolean;
    }
  | { readonly kind: 'cname'; readonly target: string; readonly rule: RuleRef }
  | { readonly kind: 'nxdomain'; readonly rule: RuleRef }
  | {
      readonly kind: 'unknown';
      readonly reason: string;
      readonly collect: string;
      readonly upstream?: string;
    };

export interface CorefileSource {
  readonly corefile: Corefile;
  readonly origin?: Origin;
  /** Data keys of the coredns ConfigMap, for hosts files mounted from it. */
  readonly files: Readonly<Record<string, string>>;
}

export interface AnswerContext {
  readonly index: SnapshotIndex;
  readonly overrides: readonly DnsOverride[];
  readonly coredns: CorefileSource;
  readonly clusterDomain: string;
  /** Notes gathered while answering (rewrites applied, plugins not modelled...). */
  readonly notes: string[];
}

function note(ctx: AnswerContext, text: string): void {
  if (!ctx.notes.includes(text)) ctx.notes.push(text);
}

function split(addresses: readonly string[]): { a: string[]; aaaa: string[] } {
  return {
    a: addresses.filter((x) => ipFamily(x) === 4),
    aaaa: addresses.filter((x) => ipFamily(x) === 6),
  };
}

function override(ctx: AnswerContext, name: string): Lookup | undefined {
  const found = ctx.overrides.find((o) => o.name === name);
  if (found === undefined) return undefined;
  const id = found.source === 'live' ? `live-dns:${name}` : `--resolve ${name}`;
  const description =
    found.source === 'live'
      ? "LIVE: the machine's resolver, asked by the CLI at run time"
      : 'declared on the command line';
  if (found.nxdomain === true) return { kind: 'nxdomain', rule: rule(id, description) };
  return {
    kind: 'records',
    ...split(found.addresses),
    rule: rule(id, description),
    ...(found.source === 'live' ? { live: true } : {}),
  };
}

function recordAnswer(record: DnsRecordSet, source: string): Lookup {
  const name = record.name;
  if (record.nxdomain) return { kind: 'nxdomain', rule: rule(name, `${source}: nxdomain`, record.origin) };
  if (record.a.length > 0 || record.aaaa.length > 0) {
    return {
      kind: 'records',
      a: record.a,
      aaaa: record.aaaa,
      rule: rule(name, source, record.origin),
    };
  }
  if (record.cname !== undefined) {
    return {
      kind: 'cname',
      target: record.cname.toLowerCase().replace(/\.$/, ''),
      rule: rule(name, `${source}: cname ${record.cname}`, record.origin),
    };
  }
  return { kind: 'nxdomain', rule: rule(name, `${source}: no record`, record.origin) };
}

function worldAnswer(ctx: AnswerContext, name: string): Lookup | undefined {
  const record = ctx.index.snapshot.world.dns.find((r) => r.name === name);
  return record === undefined ? undefined : recordAnswer(record, 'world.yaml dns');
}

/**
 * PrivateZone: a zone bound to the cluster's VPC is authoritative for its names at the VPC DNS, ahead of public
 * resolution (alibaba-semantics.md §11, from https://www.alibabacloud.com/help/en/doc-detail/404754.html; the per-VPC
 * binding rule is general PrivateZone semantics, marked UNCONFIRMED there); the most specific bound zone answers, and a
 * name of the zone without a record is NXDOMAIN. Zones bound to other VPCs are invisible (said in the notes).
 */
function privateZoneAnswer(ctx: AnswerContext, name: string): Lookup | undefined {
  const zones = (ctx.index.snapshot.world.privateZones ?? []).filter((z) => inZone(name, z.zone));
  if (zones.length === 0) return undefined;
  const vpc = ctx.index.snapshot.facts.vpcId;
  const bound = vpc.known ? zones.filter((z) => z.vpcs.includes(vpc.value)) : [];
  for (const z of zones.filter((x) => !bound.includes(x))) {
    note(
      ctx,
      vpc.known
        ? `PrivateZone ${z.zone} would match ${name} but is bound to ${z.vpcs.join(', ') || 'no VPC'}, not the cluster's VPC ${vpc.value}: the VPC DNS does not consult it`
        : `PrivateZone ${z.zone} would match ${name}, but the cluster's VPC is unknown (${vpc.missing}): the zone is not consulted`,
    );
  }
  const zone = bound.sort((x, y) => y.zone.length - x.zone.length)[0];
  if (zone === undefined || !vpc.known) return undefined;
  const source = `PrivateZone ${zone.zone} (bound to ${vpc.value})`;
  const record = zone.records.find((r) => r.name === name);
  if (record !== undefined) return recordAnswer(record, source);
  return {
    kind: 'nxdomain',
    rule: rule(`privatezone:${zone.zone}`, `${source}: no record for ${name} in the zone`, zone.origin),
  };
}

/** The VPC DNS: PrivateZone zones bound to the cluster's VPC, RDS connection strings, then world.yaml. */
export function vpcAnswer(ctx: AnswerContext, name: string, upstream: string): Lookup {
  if (inZone(name, ctx.clusterDomain)) {
    return {
      kind: 'nxdomain',
      rule: rule(`vpc-dns:${name}`, `${upstream} does not serve the cluster domain ${ctx.clusterDomain}`),
    };
  }
  const zoned = privateZoneAnswer(ctx, name);
  if (zoned !== undefined) return zoned;
  const rds = ctx.index.rdsByAddress(name);
  const rdsAddresses =
    rds?.connections
      .filter((c) => c.connectionString?.toLowerCase() === name && c.ipAddress !== undefined)
      .map((c) => c.ipAddress as string) ?? [];
  if (rds !== undefined && rdsAddresses.length > 0) {
    return {
      kind: 'records',
      ...split(rdsAddresses),
      rule: rule(rds.id, 'RDS connection string', rds.origin),
    };
  }
  return (
    worldAnswer(ctx, name) ?? {
      kind: 'unknown',
      reason: `nothing in the snapshot answers ${name}; ${upstream} would be asked`,
      collect: `add the name to world.yaml dns (e.g. from: dig +short ${name}), or pass --resolve ${name}=ADDR or --live-dns`,
      upstream,
    }
  );
}

/** A nameserver podreach knows nothing about: only world.yaml answers. */
function otherAnswer(ctx: AnswerContext, name: string, upstream: string): Lookup {
  return (
    worldAnswer(ctx, name) ?? {
      kind: 'unknown',
      reason: `nothing in the snapshot answers ${name}; ${upstream} would be asked`,
      collect: `add the name to world.yaml dns (e.g. from: dig @${upstream.split(' ')[0]} +short ${name}), or pass --resolve ${name}=ADDR`,
      upstream,
    }
  );
}

/** The namespaces some object of a list lives in, once per list (a lookup used to scan every pod). */
const namespacesOf = memoByIdentity(
  (objects: readonly { readonly namespace: string }[]) => new Set(objects.map((o) => o.namespace)),
);

function namespaceExists(index: SnapshotIndex, ns: string): boolean {
  if (index.namespace(ns) !== undefined) return true;
  const k = index.snapshot.kubernetes;
  return namespacesOf(k.pods).has(ns) || namespacesOf(k.services).has(ns);
}

function serviceRecords(index: SnapshotIndex, service: Service): { a: string[]; aaaa: string[] } {
  if (service.headless) {
    const addresses = index
      .endpointSlices(service.namespace, service.name)
      .flatMap((s) => s.endpoints.filter((e) => e.ready).flatMap((e) => e.addresses));
    return split(addresses);
  }
  return split(service.clusterIPs);
}

/** The kubernetes plugin (https://coredns.io/plugins/kubernetes/): Services, headless endpoints, pod IP names. */
function kubernetesAnswer(
  ctx: AnswerContext,
  plugin: KubernetesPlugin,
  name: string,
  zone: string,
): Lookup | 'missing' {
  const index = ctx.index;
  const relative = name === zone ? '' : name.slice(0, -(zone.length + 1));
  const labels = relative === '' ? [] : relative.split('.');
  const at = `Corefile kubernetes (line ${plugin.line})`;
  if (labels.at(-1) === 'svc' && (labels.length === 3 || labels.length === 4)) {
    const [first = '', second = '', third = ''] = labels;
    const [svcName, ns] = labels.length === 3 ? [first, second] : [second, third];
    if (!namespaceExists(index, ns)) return 'missing';
    const service = index.service(ns, svcName);
    if (service === undefined) return 'missing';
    const id = `service/${ns}/${svcName}`;
    if (labels.length === 4) {
      // <hostname>.<svc>.<ns>.svc: one endpoint of a headless Service, by hostname (StatefulSet pod name).
      const endpoint = index
        .endpointSlices(ns, svcName)
        .flatMap((s) => s.endpoints)
        .find((e) => e.ready && e.targetRef?.name === first);
      if (!service.headless || endpoint === undefined) return 'missing';
      return {
        kind: 'records',
        ...split(endpoint.addresses),
        rule: rule(id, `headless Service endpoint ${first}`, service.origin),
      };
    }
    if (service.type === 'ExternalName' && service.externalName !== undefined) {
      return {
        kind: 'cname',
        target: service.externalName.toLowerCase().replace(/\.$/, ''),
        rule: rule(id, `ExternalName Service → ${service.externalName}`, service.origin),
      };
    }
    const records = serviceRecords(index, service);
    return {
      kind: 'records',
      ...records,
      rule: rule(
        id,
        service.headless ? 'headless Service: ready endpoint addresses' : 'cluster Service name',
        service.origin,
      ),
    };
  }
  if (labels.at(-1) === 'pod' && labels.length === 3) {
    const [dashed = '', ns = ''] = labels;
    if (plugin.pods === 'disabled') return 'missing';
    const address =
      dashed.includes('--') || dashed.split('-').length > 4
        ? dashed.replaceAll('-', ':')
        : dashed.replaceAll('-', '.');
    const family = ipFamily(address);
    if (family === undefined) return 'missing';
    if (plugin.pods === 'verified') {
      const pod = index.podByIp(address);
      if (pod === undefined || pod.namespace !== ns) return 'missing';
      return {
        kind: 'records',
        ...split([address]),
        rule: rule(`pod/${ns}/${pod.name}`, `${at}: pods verified`, pod.origin),
      };
    }
    return {
      kind: 'records',
      ...split([address]),
      rule: rule(`pod-name:${name}`, `${at}: pods insecure (no check that the pod exists)`),
    };
  }
  return 'missing';
}

function hostsAnswer(ctx: AnswerContext, plugin: HostsPlugin, name: string): Lookup | 'missing' {
  const inline = plugin.inline.filter((e) => e.names.includes(name)).map((e) => e.address);
  const fromFile: string[] = [];
  const file = plugin.file;
  if (file !== undefined) {
    const key = file.split('/').pop() ?? '';
    const text = ctx.coredns.files[key];
    if (text !== undefined && file !== '/etc/hosts') {
      for (const line of text.split('\n')) {
        const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
        if (address !== undefined && names.map((n) => n.toLowerCase()).includes(name)) fromFile.push(address);
      }
    } else if (file !== '/etc/hosts') {
      note(
        ctx,
        `hosts file ${file} (Corefile line ${plugin.line}) is not in the snapshot: only inline entries are known`,
      );
    }
  }
  const all = [...inline, ...fromFile];
  if (all.length === 0) return 'missing';
  return {
    kind: 'records',
    ...split(all),
    rule: rule(`corefile-hosts:${name}`, `Corefile hosts (line ${plugin.line})`, ctx.coredns.origin),
  };
}

function templateAnswer(
  ctx: AnswerContext,
  t: TemplateRule,
  name: string,
  zone: string,
): Lookup | 'missing' | 'pass' {
  if (!t.zones.some((z) => inZone(name, z))) return 'pass';
  const at = rule(`corefile-template:${t.line}`, `Corefile template (line ${t.line})`, ctx.coredns.origin);
  const matched =
    t.match.length === 0 ||
    t.match.some((m) => {
      try {
        return new RegExp(m).test(`${name}.`);
      } catch {
        return false;
      }
    });
  if (!matched) return fallsThrough(t.fallthrough, name) ? 'pass' : 'missing';
  if (t.rcode === 'NXDOMAIN') return { kind: 'nxdomain', rule: at };
  const a: string[] = [];
  const aaaa: string[] = [];
  for (const rr of t.answers) {
    const filled = rr
      .replaceAll(/\{\{\s*\.Name\s*\}\}/g, `${name}.`)
      .replaceAll(/\{\{\s*\.Zone\s*\}\}/g, `${zone}.`);
    const parts = filled.trim().split(/\s+/);
    const typeAt = parts.findIndex((p) => ['A', 'AAAA', 'CNAME'].includes(p.toUpperCase()));
    const type = parts[typeAt]?.toUpperCase();
    const value = parts[typeAt + 1];
    if (value === undefined) continue;
    if (type === 'CNAME') return { kind: 'cname', target: value.toLowerCase().replace(/\.$/, ''), rule: at };
    if (type === 'A') a.push(value);
    if (type === 'AAAA') aaaa.push(value);
  }
  if (a.length === 0 && aaaa.length === 0) {
    note(
      ctx,
      `template at Corefile line ${t.line} is not simple enough to model (only literal A/AAAA/CNAME answers are)`,
    );
    return 'pass';
  }
  return { kind: 'records', a, aaaa, rule: at };
}

/** CoreDNS with the cluster's Corefile. */
export function coreDnsAnswer(ctx: AnswerContext, asked: string): Lookup {
  const served = serverFor(ctx.coredns.corefile, asked);
  if (served === undefined) {
    return {
      kind: 'unknown',
      reason: `no server block of the Corefile serves ${asked} (CoreDNS answers REFUSED)`,
      collect: 'kubectl get configmap -n kube-system coredns -o yaml',
    };
  }
  const { server, zone } = served;
  for (const u of server.unmodelled) note(ctx, `Corefile plugin ${u.name} (line ${u.line}) is not modelled`);
  const { name, applied } = applyRewrites(server.rewrites, asked);
  for (const r of applied)
    note(
      ctx,
      `Corefile rewrite name ${r.match} ${r.from} ${r.to} (line ${r.line}) turns ${asked} into ${name}`,
    );
  for (const t of server.templates) {
    if (!['A', 'AAAA', 'ANY'].includes(t.qtype)) continue;
    const result = templateAnswer(ctx, t, name, zone);
    if (result === 'pass') continue;
    if (result === 'missing')
      return {
        kind: 'nxdomain',
        rule: rule(
          `corefile-template:${t.line}`,
          `Corefile template (line ${t.line}): no match, no fallthrough`,
          ctx.coredns.origin,
        ),
      };
    return result;
  }
  if (server.hosts?.zones.some((z) => inZone(name, z))) {
    const result = hostsAnswer(ctx, server.hosts, name);
    if (result !== 'missing') return result;
    if (!fallsThrough(server.hosts.fallthrough, name)) {
      return {
        kind: 'nxdomain',
        rule: rule(
          `corefile-hosts:${name}`,
          `Corefile hosts (line ${server.hosts.line}) without fallthrough`,
          ctx.coredns.origin,
        ),
      };
    }
  }
  const k8s = server.kubernetes;
  const k8sZone = k8s?.zones.find((z) => inZone(name, z));
  if (k8s !== undefined && k8sZone !== undefined) {
    const result = kubernetesAnswer(ctx, k8s, name, k8sZone);
    if (result !== 'missing') return result;
    if (!fallsThrough(k8s.fallthrough, name)) {
      return {
        kind: 'nxdomain',
        rule: rule(
          `corefile-kubernetes:${name}`,
          `no such Service, pod or namespace in ${k8sZone} (Corefile kubernetes, line ${k8s.line})`,
          ctx.coredns.origin,
        ),
      };
    }
  }
  const forward = server.forward;
  if (forward !== undefined && inZone(name, forward.from) && !forward.except.some((e) => inZone(name, e))) {
    const targets = forward.to.map((t) => t.replace(/^(dns|tls):\/\//, ''));
    if (
      targets.some(
        (t) => t === '/etc/resolv.conf' || (VPC_DNS as readonly string[]).includes(t.replace(/:53$/, '')),
      )
    ) {
      return vpcAnswer(
        ctx,
        name,
        `the VPC DNS ${VPC_DNS.join('/')} (Corefile forward ${forward.from} ${forward.to.join(' ')}, line ${forward.line})`,
      );
    }
    return otherAnswer(
      ctx,
      name,
      `${targets.join(', ')} (Corefile forward ${forward.from}, line ${forward.line})`,
    );
  }
  return {
    kind: 'unknown',
    reason: `no plugin of the Corefile server block ${zone} (line ${server.line}) answers ${name} (SERVFAIL)`,
    collect: 'kubectl get configmap -n kube-system coredns -o yaml',
  };
}

/** What `nameserver` answers for `name` (lower-case, no trailing dot). */
export function answerFrom(ctx: AnswerContext, nameserver: Nameserver, name: string): Lookup {
  const declared = override(ctx, name);
  if (declared !== undefined) return declared;
  switch (nameserver.kind) {
    case 'cluster':
    case 'node-local':
      return coreDnsAnswer(ctx, name);
    case 'vpc':
      return vpcAnswer(ctx, name, `the VPC DNS ${nameserver.address}`);
    case 'other':
      return otherAnswer(ctx, name, nameserver.address);
  }
}
