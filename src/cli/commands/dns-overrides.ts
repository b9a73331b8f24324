/**
 * DNS answers the CLI hands to the engine as declared facts: `--resolve NAME=ADDR[,ADDR]` (repeatable) and
 * `--live-dns`, which asks this machine's resolver (node:dns) for the destination name. That lookup is the only
 * network access podreach makes besides `collect`, and only when asked; the engine stays pure and only sees the
 * answers, marked `live`.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { DnsOverride, Query } from '../../model/query.js';
import { ipFamily } from '../../net/ip.js';

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Commander collector for a repeatable option. */
export function collectRepeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseResolveFlags(values: readonly string[]): Parsed<DnsOverride[]> {
  const byName = new Map<string, string[]>();
  for (const value of values) {
    const at = value.indexOf('=');
    const name = at < 0 ? '' : normalise(value.slice(0, at));
    const addresses =
      at < 0
        ? []
        : value
            .slice(at + 1)
            .split(',')
            .map((a) => a.trim())
            .filter((a) => a !== '');
    if (name === '' || addresses.length === 0) {
      return {
        ok: false,
        error: `--resolve ${value}: expected NAME=ADDR (e.g. --resolve api.example.com=203.0.113.5)`,
      };
    }
    if (!/^[a-z0-9_*-]+(\.[a-z0-9_-]+)*$/.test(name))
      return { ok: false, error: `--resolve ${value}: ${name} is not a DNS name` };
    const bad = addresses.find((a) => ipFamily(a) === undefined);
    if (bad !== undefined) return { ok: false, error: `--resolve ${value}: ${bad} is not an IP address` };
    byName.set(name, [...(byName.get(name) ?? []), ...addresses]);
  }
  return {
    ok: true,
    value: [...byName.entries()].map(([name, addresses]) => ({
      name,
      addresses: [...new Set(addresses)],
      source: 'resolve',
    })),
  };
}

export type LiveLookup = (name: string) => Promise<readonly string[]>;

const systemLookup: LiveLookup = async (name) => {
  const found = await dnsLookup(name, { all: true, verbatim: true });
  return found.map((f) => f.address);
};

/**
 * Asks the machine's resolver for `name`. Names of the cluster domain and single labels are not asked: this
 * machine is not in the cluster, so its NXDOMAIN would be wrong there. Returns the override, or a warning.
 */
export async function liveOverride(
  name: string,
  clusterDomain: string,
  lookup: LiveLookup = systemLookup,
): Promise<{ readonly override?: DnsOverride; readonly warning?: string }> {
  const n = normalise(name);
  if (!n.includes('.') || n === clusterDomain || n.endsWith(`.${clusterDomain}`)) {
    return {
      warning: `--live-dns: ${n} is a cluster name; it is answered from the snapshot, not this machine`,
    };
  }
  try {
    const addresses = await lookup(n);
    return { override: { name: n, addresses: [...new Set(addresses)], source: 'live' } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') {
      return { override: { name: n, addresses: [], nxdomain: true, source: 'live' } };
    }
    return {
      warning: `--live-dns: this machine could not resolve ${n} (${code ?? String(error)}); answered from the snapshot instead`,
    };
  }
}

/** --resolve wins over --live-dns for the same name. */
export function mergeOverrides(
  declared: readonly DnsOverride[],
  live: readonly DnsOverride[],
): DnsOverride[] {
  return [...declared, ...live.filter((l) => !declared.some((d) => d.name === l.name))];
}

/**
 * `check --live-dns`: when TO is a host name, asks this machine's resolver and adds the answer to the query as a
 * live override; warnings go to `warn`.
 */
export async function withLiveDns(
  query: Query,
  clusterDomain: string,
  warn: (text: string) => void,
  lookup: LiveLookup = systemLookup,
): Promise<Query> {
  if (query.to.kind !== 'name') {
    warn('--live-dns: the destination is not a host name; nothing to ask');
    return query;
  }
  const result = await liveOverride(query.to.name, clusterDomain, lookup);
  if (result.warning !== undefined) warn(result.warning);
  if (result.override === undefined) return query;
  return { ...query, dnsOverrides: mergeOverrides(query.dnsOverrides ?? [], [result.override]) };
}
