/**
 * A pod's name lookup, whole: its resolver (resolv-conf.ts), whether its query reaches each nameserver in turn
 * (query-path.ts; the stub resolver moves to the next nameserver only when one does not answer), and what the first
 * nameserver that does answer says for each search-list candidate (resolve.ts).
 */
import type { DnsOverride, IpFamily, Pod, Trace } from '../../model/index.js';
import type { SourceInfo } from '../context.js';
import { resolvePodSource } from '../hops/source.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { AnswerContext } from './answer.js';
import { clusterCorefile } from './corefile.js';
import { expandName } from './expand.js';
import { traceDnsQuery } from './query-path.js';
import { KUBE_DNS_UNKNOWN, type Nameserver, type PodResolver, podResolver } from './resolv-conf.js';
import { type RecordType, type Resolution, resolveCandidates } from './resolve.js';

export interface NameserverAttempt {
  readonly nameserver: Nameserver;
  readonly udp: Trace;
  readonly tcp: Trace;
}

/**
 * `ok`: a nameserver answers over UDP; `blocked`: every nameserver's UDP query is dropped; `unknown`: the first
 * that is not blocked has an unknown path; `untraced`: the path cannot be traced (kube-dns not in the snapshot, or
 * the source is an address); `no-nameserver`: resolv.conf has none.
 */
export type PathState = 'ok' | 'blocked' | 'unknown' | 'untraced' | 'no-nameserver';

export interface DnsLookup {
  readonly resolver: PodResolver;
  readonly attempts: readonly NameserverAttempt[];
  /** The nameserver whose answers count: the first that is reached (or the first, when none is). */
  readonly nameserver: Nameserver | undefined;
  readonly path: PathState;
  /** Absent when no name was asked. */
  readonly name?: string;
  readonly types: readonly RecordType[];
  readonly resolution?: Resolution;
  /** Plain-words notes from answering (rewrites applied, plugins not modelled, Corefile assumed...). */
  readonly notes: readonly { readonly statement: string; readonly basis: string }[];
}

export interface LookupOptions {
  readonly overrides?: readonly DnsOverride[];
  readonly family?: IpFamily;
}

/**
 * Every candidate is asked for A and AAAA, as Go's resolver and musl do, and glibc getaddrinfo(AF_UNSPEC) without
 * AI_ADDRCONFIG. (glibc with AI_ADDRCONFIG, its default hints, skips AAAA on a host without a non-loopback IPv6
 * address; the AAAA outcome is still shown so the user sees what exists.) --family only picks among the answers.
 */
const TYPES: readonly RecordType[] = ['A', 'AAAA'];

export function lookupName(
  index: SnapshotIndex,
  pod: Pod | undefined,
  name: string | undefined,
  options: LookupOptions = {},
): DnsLookup {
  const resolver = podResolver(index, pod);
  const source: SourceInfo | undefined = pod === undefined ? undefined : resolvePodSource(index, pod);
  const attempts: NameserverAttempt[] = [];
  let nameserver: Nameserver | undefined;
  let path: PathState = resolver.nameservers.length === 0 ? 'no-nameserver' : 'blocked';
  for (const ns of resolver.nameservers) {
    if (source === undefined || ns.address === KUBE_DNS_UNKNOWN) {
      nameserver = ns;
      path = 'untraced';
      break;
    }
    const udp = traceDnsQuery(index, source, ns, 'udp');
    const tcp = traceDnsQuery(index, source, ns, 'tcp');
    attempts.push({ nameserver: ns, udp, tcp });
    if (udp.verdict === 'reachable') {
      nameserver = ns;
      path = 'ok';
      break;
    }
    if (udp.verdict === 'unknown') {
      nameserver = ns;
      path = 'unknown';
      break;
    }
  }
  const notes: { statement: string; basis: string }[] = [];
  const types = TYPES;
  if (name === undefined) return { resolver, attempts, nameserver, path, types, notes };
  const asking = nameserver ?? resolver.nameservers[0];
  if (asking === undefined) return { resolver, attempts, nameserver, path, name, types, notes };
  const corefile = clusterCorefile(index, resolver.clusterDomain);
  const ctx: AnswerContext = {
    index,
    overrides: options.overrides ?? [],
    coredns: corefile.source,
    clusterDomain: resolver.clusterDomain,
    notes: [],
  };
  const candidates = expandName(name, resolver.searches, resolver.ndots);
  const resolution = resolveCandidates(ctx, asking, candidates, types);
  const usedCoreDns =
    asking.kind === 'cluster' || asking.kind === 'node-local'
      ? resolution.queries.some((q) => q.outcome !== 'not-asked')
      : false;
  if (usedCoreDns && corefile.assumption !== undefined) notes.push(corefile.assumption);
  for (const text of ctx.notes) {
    const basis = text.startsWith('PrivateZone ')
      ? 'PrivateZone answers only VPCs it is bound to (alibaba-semantics.md §11)'
      : 'CoreDNS plugin semantics (https://coredns.io/plugins/)';
    notes.push({ statement: text, basis });
  }
  return { resolver, attempts, nameserver, path, name, types, resolution, notes };
}
