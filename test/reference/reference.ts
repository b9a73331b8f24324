/**
 * A deliberately naive second opinion on the core rules, written straight from shared/reference/alibaba-semantics.md
 * (§3 SNAT, §5 security groups, §8 RDS) and the VPC routing rule (longest prefix wins), for clarity, not speed. It
 * reads the raw API shapes (the same JSON bodies the loader reads) and shares no code with src/: if both agree over
 * thousands of random inputs, a bug would have to be made twice, independently. IPv4 only.
 */

/** `a.b.c.d` → its 32-bit value; undefined for anything else. */
export function ipv4ToNumber(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** `a.b.c.d/n` or a bare address (= /32). Host bits are ignored, as the APIs do. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText] = text.trim().split('/');
  const base = ipv4ToNumber(address ?? '');
  if (base === undefined) return undefined;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { base, prefix };
}

/** The plainest possible containment test: compare the first `prefix` bits one by one. */
export function cidrContains(cidr: Cidr, ip: number): boolean {
  for (let bit = 31; bit > 31 - cidr.prefix; bit--) {
    const mask = 2 ** bit;
    if (Math.floor(cidr.base / mask) % 2 !== Math.floor(ip / mask) % 2) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// §5 Security groups: union the rules of the direction; keep those that match; the smallest Priority number wins;
// at that priority a Drop beats an Accept; no match → the type's default (normal: egress accept, ingress drop;
// enterprise: both drop). Policy and IpProtocol compared case-insensitively.

export interface RawSecurityGroupRule {
  readonly Direction: string;
  readonly Policy: string;
  readonly Priority: string;
  readonly IpProtocol: string;
  readonly PortRange: string;
  readonly SourceCidrIp?: string;
  readonly DestCidrIp?: string;
}

export type SgVerdict = { readonly verdict: 'accept' | 'drop'; readonly by: 'rule' | 'default' };

export function securityGroupVerdict(
  rules: readonly RawSecurityGroupRule[],
  groupType: 'normal' | 'enterprise',
  direction: 'ingress' | 'egress',
  peer: string,
  protocol: 'tcp' | 'udp',
  port: number,
): SgVerdict {
  const peerNumber = ipv4ToNumber(peer);
  const matching: RawSecurityGroupRule[] = [];
  for (const rule of rules) {
    if (rule.Direction.toLowerCase() !== direction) continue;
    const ruleProtocol = rule.IpProtocol.toLowerCase();
    if (ruleProtocol !== 'all' && ruleProtocol !== protocol) continue;
    if (ruleProtocol !== 'all') {
      const [from, to] = rule.PortRange.split('/').map(Number);
      if (from === undefined || to === undefined || port < from || port > to) continue;
    }
    const cidrText = direction === 'ingress' ? rule.SourceCidrIp : rule.DestCidrIp;
    const cidr = parseCidr(cidrText ?? '');
    if (cidr === undefined || peerNumber === undefined || !cidrContains(cidr, peerNumber)) continue;
    matching.push(rule);
  }
  if (matching.length === 0) {
    const accept = groupType === 'normal' && direction === 'egress';
    return { verdict: accept ? 'accept' : 'drop', by: 'default' };
  }
  let best = 101;
  for (const rule of matching) best = Math.min(best, Number(rule.Priority));
  const atBest = matching.filter((rule) => Number(rule.Priority) === best);
  const anyDrop = atBest.some((rule) => rule.Policy.toLowerCase() === 'drop');
  return { verdict: anyDrop ? 'drop' : 'accept', by: 'rule' };
}

// ---------------------------------------------------------------------------------------------------------------
// §8 RDS whitelist: allowed iff the source address is in any entry of any group; a bare address is a /32.

export interface RawWhitelistGroup {
  readonly DBInstanceIPArrayName: string;
  readonly SecurityIPList: string;
}

export function rdsWhitelistAllows(groups: readonly RawWhitelistGroup[], source: string): boolean {
  const ip = ipv4ToNumber(source);
  if (ip === undefined) return false;
  for (const group of groups) {
    for (const entry of group.SecurityIPList.split(',')) {
      const cidr = parseCidr(entry);
      if (cidr !== undefined && cidrContains(cidr, ip)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// §3 SNAT: an EIP on the source address wins; otherwise the SNAT entry whose source CIDR (SourceCIDR, or the CIDR of
// SourceVSwitchId) is the longest prefix holding the address; the destination sees one of its SnatIp list.

export interface RawSnatEntry {
  readonly SnatEntryId: string;
  readonly SourceCIDR: string;
  readonly SourceVSwitchId: string;
  readonly SnatIp: string;
  readonly Status: string;
}

export function snatChoice(
  entries: readonly RawSnatEntry[],
  vSwitchCidrs: Readonly<Record<string, string>>,
  source: string,
): { readonly entryId: string; readonly addresses: string[] } | undefined {
  const ip = ipv4ToNumber(source);
  if (ip === undefined) return undefined;
  let best: { entry: RawSnatEntry; prefix: number } | undefined;
  for (const entry of entries) {
    if (entry.Status !== 'Available') continue;
    const cidrText = entry.SourceCIDR !== '' ? entry.SourceCIDR : vSwitchCidrs[entry.SourceVSwitchId];
    const cidr = parseCidr(cidrText ?? '');
    if (cidr === undefined || !cidrContains(cidr, ip)) continue;
    if (best === undefined || cidr.prefix > best.prefix) best = { entry, prefix: cidr.prefix };
  }
  if (best === undefined) return undefined;
  const addresses = best.entry.SnatIp.split(',').map((a) => a.trim());
  return { entryId: best.entry.SnatEntryId, addresses: [...new Set(addresses)].sort() };
}

// ---------------------------------------------------------------------------------------------------------------
// VPC routes: the entry with the longest destination prefix holding the address decides.

export interface RawRouteEntry {
  readonly RouteEntryId: string;
  readonly DestinationCidrBlock: string;
  readonly Status: string;
}

export function longestPrefixRoute(
  entries: readonly RawRouteEntry[],
  destination: string,
): string | undefined {
  const ip = ipv4ToNumber(destination);
  if (ip === undefined) return undefined;
  let best: { id: string; prefix: number } | undefined;
  for (const entry of entries) {
    const cidr = parseCidr(entry.DestinationCidrBlock);
    if (cidr === undefined || !cidrContains(cidr, ip)) continue;
    if (best === undefined || cidr.prefix > best.prefix)
      best = { id: entry.RouteEntryId, prefix: cidr.prefix };
  }
  return best?.id;
}
