/**
 * `podreach dns NS/POD [NAME]`: the pod's resolver as its /etc/resolv.conf would read, the DNS query's own path to
 * each nameserver, and with a name, the queries and the answer: the same fields as the `dns` hop of a trace.
 */
import type { Assumption, DnsOverride, Hop, MissingData, Snapshot } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import type { QueryError } from '../api.js';
import { TraceState } from '../context.js';
import { chooseFamily, dnsDetails, dnsHop, resolveName } from '../hops/dns.js';
import { resolvePodSource } from '../hops/source.js';
import { notFound } from '../query-error.js';
import { indexSnapshot } from '../snapshot-index.js';
import { lookupName } from './lookup.js';
import { formatResolvConf } from './resolv-conf.js';

export type DnsVerdict = 'resolved' | 'unresolved' | 'unknown' | 'reachable' | 'unreachable';

export interface DnsReport {
  readonly schemaVersion: 1;
  readonly pod: string;
  readonly name: string | null;
  /**
   * With a name: `resolved`, `unresolved` or `unknown`. Without: whether the first nameserver that answers is
   * reached (`reachable`), none is (`unreachable`), or it is `unknown`.
   */
  readonly verdict: DnsVerdict;
  readonly reason: string;
  /** The pod's /etc/resolv.conf as the file would read. */
  readonly resolvConf: string;
  /** The `dns` hop's details (docs/dns.md): resolver, queries, answer, queryTrace... */
  readonly dns: Readonly<Record<string, unknown>>;
  readonly assumptions: readonly Assumption[];
  readonly missing: readonly MissingData[];
}

export type DnsReportResult =
  | { readonly ok: true; readonly report: DnsReport }
  | { readonly ok: false; readonly error: QueryError };

export function dnsReport(
  snapshot: Snapshot,
  pod: { readonly namespace: string; readonly name: string },
  name: string | undefined,
  overrides: readonly DnsOverride[] = [],
): DnsReportResult {
  const index = indexSnapshot(snapshot);
  const found = index.pod(pod.namespace, pod.name);
  const label = `${pod.namespace}/${pod.name}`;
  if (found === undefined) {
    return {
      ok: false,
      error: notFound(
        'pod',
        label,
        snapshot.kubernetes.pods.map((p) => `${p.namespace}/${p.name}`),
        `kubectl get pod -n ${pod.namespace} ${pod.name} -o yaml`,
      ),
    };
  }
  const source = resolvePodSource(index, found);
  if (name === undefined) {
    const lookup = lookupName(index, found, undefined);
    const first = lookup.attempts[0];
    const state = new TraceState(
      snapshot,
      index,
      { from: { kind: 'pod', ...pod }, to: { kind: 'name', name: '' }, protocol: 'udp', port: 53 },
      source,
      4,
    );
    for (const a of lookup.resolver.assumptions) state.assume('dns', a.statement, a.basis);
    const verdict: DnsVerdict =
      lookup.path === 'ok'
        ? 'reachable'
        : lookup.path === 'blocked' || lookup.path === 'no-nameserver'
          ? 'unreachable'
          : 'unknown';
    const reason =
      lookup.path === 'ok'
        ? `the DNS query reaches ${lookup.nameserver?.address ?? '?'} over UDP 53`
        : lookup.path === 'blocked'
          ? `no nameserver is reached over UDP 53${first?.udp.blockedAt ? `: ${first.udp.blockedAt.kind}: ${first.udp.blockedAt.reason}` : ''}`
          : lookup.path === 'no-nameserver'
            ? 'the resolv.conf has no nameserver'
            : lookup.path === 'untraced'
              ? 'the DNS query’s path is not traced (see assumptions)'
              : `whether the DNS query reaches ${lookup.nameserver?.address ?? '?'} is unknown`;
    return {
      ok: true,
      report: {
        schemaVersion: 1,
        pod: label,
        name: null,
        verdict,
        reason,
        resolvConf: formatResolvConf(lookup.resolver),
        dns: dnsDetails(lookup, null),
        assumptions: [...state.assumptions],
        missing: [...state.missing],
      },
    };
  }
  const answer = resolveName(index, found, name, { dnsOverrides: overrides });
  const families = [
    ...(source.ipv4 === undefined ? [] : [4 as const]),
    ...(source.ipv6 === undefined ? [] : [6 as const]),
  ];
  const answered = answer.addresses.map((a) => ipFamily(a)).find((f) => f !== undefined);
  const family = chooseFamily(answer.addresses, families, undefined) ?? answered ?? families[0] ?? 4;
  const state = new TraceState(
    snapshot,
    index,
    { from: { kind: 'pod', ...pod }, to: { kind: 'name', name }, protocol: 'tcp', port: null },
    source,
    family,
  );
  dnsHop(state, answer);
  const hop: Hop | undefined = state.hops.at(-1);
  const verdict: DnsVerdict =
    hop === undefined
      ? 'unknown'
      : hop.result === 'drop'
        ? 'unresolved'
        : hop.result === 'unknown'
          ? 'unknown'
          : 'resolved';
  return {
    ok: true,
    report: {
      schemaVersion: 1,
      pod: label,
      name,
      verdict,
      reason: hop?.reason ?? 'no answer',
      resolvConf: formatResolvConf(answer.lookup.resolver),
      dns: hop?.details ?? dnsDetails(answer.lookup, null),
      assumptions: [...state.assumptions],
      missing: [...state.missing],
    },
  };
}
