/**
 * VPC route table lookup (shared/reference/alibaba-semantics.md §12 DescribeRouteEntryList, §14 step 7): longest
 * prefix match over the entries of one route table, never across families.
 */
import type { RouteEntry } from '../model/cloud.js';
import { type Cidr, cidrContains, type ParsedIp, parseCidr, parseIp } from '../net/ip.js';

export type NextHopClass = 'local' | 'nat-gateway' | 'ipv6-gateway' | 'ipv4-gateway' | 'instance' | 'other';

/** An entry takes effect when its status is absent or `Available` (`Pending` and `Modifying` entries do not route). */
export function isRouteEntryActive(entry: RouteEntry): boolean {
  return entry.status === undefined || entry.status.toLowerCase() === 'available';
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Among equally specific entries: a Custom entry before a System one, then by id, so the answer never depends on order. */
function tieBreak(a: RouteEntry, b: RouteEntry): number {
  const custom = (entry: RouteEntry) => (entry.type?.toLowerCase() === 'custom' ? 0 : 1);
  return custom(a) - custom(b) || compareText(a.id, b.id) || compareText(a.origin.path, b.origin.path);
}

/**
 * The entry that routes `destination` (an IP), or `undefined` when no active entry of its family covers it.
 * Pass the entries of one route table; entries whose destination does not parse are skipped.
 */
export function lookupRoute(entries: readonly RouteEntry[], destination: string): RouteEntry | undefined {
  const ip = parseIp(destination);
  if (ip === undefined) return undefined;
  return matchingRoutes(entries, ip)[0]?.entry;
}

/** Every active entry covering `destination`, best first (longest prefix, then the tie-break above). */
export function matchingRoutes(
  entries: readonly RouteEntry[],
  destination: ParsedIp | string,
): { readonly entry: RouteEntry; readonly cidr: Cidr }[] {
  const ip = typeof destination === 'string' ? parseIp(destination) : destination;
  if (ip === undefined) return [];
  const out: { entry: RouteEntry; cidr: Cidr }[] = [];
  for (const entry of entries) {
    if (!isRouteEntryActive(entry)) continue;
    const cidr = parseCidr(entry.destinationCidr);
    if (cidr !== undefined && cidrContains(cidr, ip)) out.push({ entry, cidr });
  }
  return out.sort((a, b) => b.cidr.prefix - a.cidr.prefix || tieBreak(a.entry, b.entry));
}

function classifyType(type: string): NextHopClass {
  switch (type.toLowerCase()) {
    case 'local':
      return 'local';
    case 'natgateway':
      return 'nat-gateway';
    case 'ipv6gateway':
      return 'ipv6-gateway';
    case 'ipv4gateway':
      return 'ipv4-gateway';
    case 'instance':
      return 'instance';
    default:
      return 'other';
  }
}

/**
 * What kind of next hop an entry sends traffic to. ECMP entries whose hops disagree, and entries without hops,
 * are `other`.
 */
export function classifyNextHop(entry: RouteEntry): NextHopClass {
  const classes = new Set(entry.nextHops.map((hop) => classifyType(hop.type)));
  const [only] = classes;
  return classes.size === 1 && only !== undefined ? only : 'other';
}

/** `0.0.0.0/0 → NatGateway ngw-…` */
export function describeRouteEntry(entry: RouteEntry): string {
  const hops = entry.nextHops.map((hop) => (hop.id === '' ? hop.type : `${hop.type} ${hop.id}`)).join(', ');
  const id = entry.id === undefined ? '' : ` (${entry.id})`;
  return `${entry.destinationCidr} → ${hops || 'no next hop'}${id}`;
}
