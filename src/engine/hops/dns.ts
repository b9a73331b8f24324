/**
 * Hop 2, dns: the seed page's first check ("the Pod resolves the target's IP through the cluster's DNS"), modelled
 * as the pod's own stub resolver would do it (src/engine/dns): the resolv.conf it gets from dnsPolicy, dnsConfig
 * and NodeLocal DNSCache; the search-list candidates in order with their A/AAAA outcomes; the DNS query's own path
 * (a nested trace through the engine's hops, UDP and TCP 53); and the answer from the Corefile, the cluster's
 * objects, world.yaml, --resolve or --live-dns. Failures: the name does not exist (NXDOMAIN), the query never
 * reaches a nameserver (a NetworkPolicy or security group drops port 53), or nothing in the snapshot answers.
 */
import type { DnsOverride, IpFamily, Pod, Query, Trace } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { resource, type TraceState } from '../context.js';
import { type DnsLookup, lookupName } from '../dns/lookup.js';
import { NODE_LOCAL_DNS } from '../dns/resolv-conf.js';
import type { SnapshotIndex } from '../snapshot-index.js';

export interface NameAnswer {
  /** The name as asked, lower-case, without the trailing dot. */
  readonly name: string;
  /** Every address of the answer (A then AAAA); empty unless the name resolved. */
  readonly addresses: readonly string[];
  readonly cnames: readonly string[];
  readonly lookup: DnsLookup;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Resolves `rawName` as `pod` would (an address source: the cluster DNS, no search list). */
export function resolveName(
  index: SnapshotIndex,
  pod: Pod | undefined,
  rawName: string,
  query?: Pick<Query, 'family'> & { readonly dnsOverrides?: readonly DnsOverride[] },
): NameAnswer {
  const lookup = lookupName(index, pod, rawName, {
    ...(query?.dnsOverrides === undefined ? {} : { overrides: query.dnsOverrides }),
    ...(query?.family === undefined ? {} : { family: query.family }),
  });
  const result = lookup.resolution?.result;
  const answered =
    result?.kind === 'answer' &&
    (lookup.path === 'ok' || lookup.path === 'untraced' || lookup.path === 'unknown');
  return {
    name: normalise(rawName),
    addresses: answered ? result.addresses : [],
    cnames: result === undefined || (result.kind === 'answer' && !answered) ? [] : result.cnames,
    lookup,
  };
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

/** The fix for a DNS query dropped on its way (alibaba-semantics.md §11, "NetworkPolicy + DNS failure"). */
export function dnsFixText(nodeLocal: boolean): string {
  return `allow egress UDP and TCP 53 to pods k8s-app=kube-dns in namespace kube-system (namespaceSelector kubernetes.io/metadata.name: kube-system + podSelector k8s-app: kube-dns)${
    nodeLocal ? `, plus ipBlock ${NODE_LOCAL_DNS}/32 on UDP/TCP 53 for NodeLocal DNSCache` : ''
  }`;
}

function formatOption(o: { name: string; value?: string }): string {
  return o.value === undefined ? o.name : `${o.name}:${o.value}`;
}

/** The `dns` hop's details (stable JSON contract, docs/dns.md). */
export function dnsDetails(
  lookup: DnsLookup,
  answer: { name: string; addresses: readonly string[]; cnames: readonly string[] } | null,
): Record<string, unknown> {
  const r = lookup.resolver;
  const attempt = lookup.attempts.find((a) => a.nameserver === lookup.nameserver) ?? lookup.attempts[0];
  return {
    resolver: {
      dnsPolicy: r.dnsPolicy,
      effective: r.effective,
      nameservers: r.nameservers.map((n) => n.address),
      searches: r.searches,
      ndots: r.ndots,
      options: r.options.map(formatOption),
      nodeLocalDnsCache: r.nodeLocal,
      sources: r.sources,
    },
    queries: lookup.resolution?.queries.map((q) => ({ ...q })) ?? [],
    answer,
    nameserver: lookup.nameserver?.address ?? null,
    queryTrace: attempt?.udp ?? null,
    tcpQueryTrace: attempt?.tcp ?? null,
    nameserverAttempts: lookup.attempts.map((a) => ({
      nameserver: a.nameserver.address,
      kind: a.nameserver.kind,
      udp: a.udp.verdict,
      tcp: a.tcp.verdict,
    })),
  };
}

function blockerOf(trace: Trace): Trace['blockedAt'] {
  return trace.blockedAt;
}

/** Adds the dns hop for an answer; sets the packet's destination, or marks the trace unresolved/halted. */
export function dnsHop(state: TraceState, answer: NameAnswer): void {
  const lookup = answer.lookup;
  const name = answer.name;
  const res = resource('dns-name', name);
  for (const a of lookup.resolver.assumptions) state.assume('dns', a.statement, a.basis);
  for (const n of lookup.notes) state.assume('dns', n.statement, n.basis);
  const result = lookup.resolution?.result;
  const answerDetail =
    result?.kind === 'answer'
      ? {
          name: result.name,
          addresses: result.addresses,
          cnames: result.cnames,
          ...(result.live ? { live: true } : {}),
        }
      : {
          name: `${name}.`,
          addresses: [],
          cnames: result?.kind === 'nxdomain' || result?.kind === 'unknown' ? result.cnames : [],
        };
  const details = dnsDetails(lookup, answerDetail);

  if (lookup.path === 'no-nameserver') {
    state.unresolved = true;
    state.halted = true;
    state.add({
      kind: 'dns',
      result: 'drop',
      resource: res,
      rule: null,
      reason: `the pod's resolv.conf has no nameserver (dnsPolicy ${lookup.resolver.dnsPolicy} without dnsConfig.nameservers): ${name} cannot resolve`,
      details,
    });
    return;
  }

  const nodeLocal = lookup.resolver.nameservers.some((n) => n.kind === 'node-local');
  if (lookup.path === 'blocked') {
    const first = lookup.attempts[0];
    const blocked = first === undefined ? null : blockerOf(first.udp);
    state.unresolved = true;
    state.halted = true;
    const where = lookup.attempts
      .map((a) => `${a.nameserver.address} (${a.udp.blockedAt?.kind ?? a.udp.verdict})`)
      .join(', ');
    const fix = dnsFixText(nodeLocal);
    // Every nameserver timed out on the first candidate: glibc's res_search gives up there (TRY_AGAIN), so later
    // candidates are never sent. What the nameserver would have answered is kept as answerIfReached.
    const queries = lookup.resolution?.queries ?? [];
    const firstName = queries[0]?.name;
    const timedOut = queries.map((q) =>
      q.name === firstName
        ? {
            name: q.name,
            type: q.type,
            outcome: 'unknown',
            by: 'timed out: the query is dropped on its way to every nameserver',
          }
        : { name: q.name, type: q.type, outcome: 'not-asked' },
    );
    state.add({
      kind: 'dns',
      result: 'drop',
      resource: blocked?.resource ?? res,
      rule: blocked?.rule ?? null,
      reason: `the DNS query for ${name} never reaches a nameserver: UDP 53 to ${where} is dropped${
        blocked === null ? '' : ` at ${blocked.kind}: ${blocked.reason}`
      }; fix: ${fix}`,
      details: { ...details, queries: timedOut, answer: null, answerIfReached: answerDetail, fix },
    });
    return;
  }

  // Nameservers skipped before the one that answered: each lookup waits for the timeout first.
  const skipped = lookup.attempts.filter((a) => a.nameserver !== lookup.nameserver);
  if (skipped.length > 0) {
    state.assume(
      'dns',
      `the DNS query to ${skipped.map((a) => a.nameserver.address).join(', ')} is dropped (${skipped
        .map((a) => a.udp.blockedAt?.reason ?? a.udp.verdict)
        .join(
          '; ',
        )}); the resolver falls back to ${lookup.nameserver?.address ?? '?'} after the timeout on every lookup: slow, fix: ${dnsFixText(nodeLocal)}`,
      'resolv.conf(5): nameservers are tried in order when one does not answer',
    );
  }
  const used = lookup.attempts.find((a) => a.nameserver === lookup.nameserver);
  if (used !== undefined && used.tcp.verdict === 'blocked') {
    state.assume(
      'dns',
      `only UDP 53 reaches ${used.nameserver.address}: TCP 53 is dropped at ${used.tcp.blockedAt?.kind ?? '?'} (${used.tcp.blockedAt?.reason ?? ''}), so answers too large for UDP (truncated, TC bit) fail`,
      'RFC 7766: DNS over TCP is required for truncated responses; stub resolvers ask UDP first',
    );
  }
  if (lookup.path === 'unknown' && used !== undefined) {
    for (const m of used.udp.missing)
      state.need('dns', `${m.what} (for the DNS query to ${used.nameserver.address})`, m.collect);
  }

  if (result === undefined) return;
  if (result.kind === 'unknown') {
    const target = result.name;
    state.need('dns', `the DNS answer for ${target}`, result.collect);
    state.add({
      kind: 'dns',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `${result.reason}: add the name to world.yaml dns, or pass --resolve ${target}=ADDR (or --live-dns)`,
      details,
    });
    state.halted = true;
    return;
  }
  if (result.kind === 'nxdomain') {
    state.unresolved = true;
    state.halted = true;
    state.add({
      kind: 'dns',
      result: 'drop',
      resource: res,
      rule: result.rule,
      reason: `${name} does not resolve (NXDOMAIN): ${result.reason}`,
      details,
    });
    return;
  }
  if (result.live) {
    state.assume(
      'dns',
      `LIVE: the answer for ${result.name} came from the machine running podreach (--live-dns), not from the snapshot; the pod's own resolver may answer differently`,
      'node:dns lookup at run time',
    );
  }
  const family = state.packet.family;
  const addresses = result.addresses;
  const ofFamily = addresses.filter((a) => ipFamily(a) === family);
  const deciding = result.rule;
  const via = result.cnames.length > 0 ? ` via ${result.cnames.join(' → ')}` : '';
  const pathNote =
    lookup.path === 'unknown'
      ? `; whether the DNS query reaches ${lookup.nameserver?.address ?? '?'} is unknown`
      : '';
  const chosen = ofFamily[0];
  if (chosen === undefined) {
    state.unresolved = true;
    state.halted = true;
    const other = addresses.join(', ') || 'no address';
    const onlyOtherFamily = addresses.some((a) => ipFamily(a) !== family);
    // The seed's point holds only for a pod without IPv6; a dual-stack pod asked for IPv4 (--family 4) could use
    // the AAAA answers, so it is told that instead.
    const podHasIpv6 = state.source.ipv6 !== undefined;
    state.add({
      kind: 'dns',
      result: 'drop',
      resource: res,
      rule: deciding,
      reason:
        family === 4 && onlyOtherFamily && !podHasIpv6
          ? `${name} has only IPv6 (AAAA) answers (${other}) and the pod has only IPv4: ${SEED_IPV4_ONLY}`
          : `${name} has no IPv${family} answer the pod can use (answers: ${other})${
              state.query.family === family ? `; IPv${family} was asked for (--family ${family})` : ''
            }`,
      details,
    });
    return;
  }
  state.setDestination(chosen);
  state.add({
    kind: 'dns',
    result: lookup.path === 'unknown' ? 'unknown' : 'pass',
    resource: res,
    rule: deciding,
    reason: `${result.live ? 'LIVE DNS: ' : ''}${name} resolves to ${chosen} as ${result.name} (${deciding.description})${via}${
      ofFamily.length > 1 ? `; other answers: ${ofFamily.slice(1).join(', ')}` : ''
    }${pathNote}`,
    details,
  });
}

export { SEED_IPV4_ONLY };
