/**
 * IP address and CIDR parsing on top of ipaddr.js (shared/reference/ecosystem.md §4): we never hand-roll the text
 * forms (IPv6 zero compression, embedded IPv4), but we keep values as `bigint` so containment and range arithmetic
 * are exact integer comparisons.
 */
import ipaddr from 'ipaddr.js';
import type { IpFamily } from '../model/protocol.js';

export interface ParsedIp {
  readonly family: IpFamily;
  readonly value: bigint;
  /** Canonical text: dotted decimal for IPv4, RFC 5952 for IPv6 (`::ffff:a.b.c.d` for IPv4-mapped). */
  readonly text: string;
}

export interface Cidr {
  readonly family: IpFamily;
  /** The network address (host bits cleared). */
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical `network/prefix`. */
  readonly text: string;
}

/** Address width in bits. */
export function familyBits(family: IpFamily): 32 | 128 {
  return family === 4 ? 32 : 128;
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const IPV4_MAPPED_MASK = ~0xffff_ffffn & ((1n << 128n) - 1n);

/** Renders a family-tagged integer in canonical text. */
export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  // Kubernetes (Go netip) and the Alibaba console print IPv4-mapped addresses with a dotted tail; keep that form.
  if ((value & IPV4_MAPPED_MASK) === IPV4_MAPPED_PREFIX) return `::ffff:${formatIp(4, value & 0xffff_ffffn)}`;
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/**
 * Parses one IP address. IPv4 must be four-part decimal without leading zeros (ipaddr.js `isValidFourPartDecimal`;
 * `010.0.0.1` and `10.1` are ambiguous in other tools, so refused). IPv6 with a zone id (`fe80::1%eth0`) is refused:
 * no cloud API or Kubernetes field carries one. IPv4-mapped IPv6 stays IPv6, as Kubernetes treats it.
 */
/**
 * Parsed values are immutable, and the same few thousand addresses and CIDRs are parsed again on every trace
 * (a security group's member IPs, every rule's CIDR): the memo keeps a check in the milliseconds on large
 * clusters. It is bounded so a long-running server cannot grow without limit.
 */
const MEMO_LIMIT = 200_000;
function memoized<T>(parse: (text: string) => T | undefined): (text: string) => T | undefined {
  const memo = new Map<string, T | null>();
  return (text) => {
    const hit = memo.get(text);
    if (hit !== undefined) return hit ?? undefined;
    const value = parse(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, value === undefined ? null : Object.freeze(value));
    return value;
  };
}

export const parseIp: (text: string) => ParsedIp | undefined = memoized(parseIpText);

function parseIpText(text: string): ParsedIp | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const value = ipaddr.IPv4.parse(text).octets.reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
    return { family: 4, value, text: formatIp(4, value) };
  }
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const value = ipaddr.IPv6.parse(text).parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
  return { family: 6, value, text: formatIp(6, value) };
}

export function ipFamily(text: string): IpFamily | undefined {
  return parseIp(text)?.family;
}

/** The mask with the top `prefix` bits set. */
function prefixMask(family: IpFamily, prefix: number): bigint {
  const bits = BigInt(familyBits(family));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Builds a CIDR from parts; host bits of `address` are cleared. */
export function makeCidr(family: IpFamily, address: bigint, prefix: number): Cidr {
  const network = address & prefixMask(family, prefix);
  return { family, network, prefix, text: `${formatIp(family, network)}/${prefix}` };
}

/**
 * Parses `network/prefix` or a bare IP (read as /32 or /128). A CIDR with host bits set (`10.0.0.5/24`) reads as its
 * network (`10.0.0.0/24`), as Kubernetes' ipBlock and the RDS whitelist do. The prefix must be plain decimal.
 */
export const parseCidr: (text: string) => Cidr | undefined = memoized(parseCidrText);

function parseCidrText(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) {
    const ip = parseIp(text);
    return ip === undefined ? undefined : makeCidr(ip.family, ip.value, familyBits(ip.family));
  }
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > familyBits(ip.family)) return undefined;
  return makeCidr(ip.family, ip.value, prefix);
}

/** First and last address of a CIDR, inclusive. */
export function cidrBounds(cidr: Cidr): readonly [start: bigint, end: bigint] {
  const hostBits = BigInt(familyBits(cidr.family) - cidr.prefix);
  return [cidr.network, cidr.network + (1n << hostBits) - 1n];
}

function asCidr(value: Cidr | string): Cidr | undefined {
  return typeof value === 'string' ? parseCidr(value) : value;
}

function asIp(value: ParsedIp | string): ParsedIp | undefined {
  return typeof value === 'string' ? parseIp(value) : value;
}

/** Whether `ip` lies in `cidr`. False across families and for text that does not parse. */
export function cidrContains(cidr: Cidr | string, ip: ParsedIp | string): boolean {
  const range = asCidr(cidr);
  const address = asIp(ip);
  if (range === undefined || address === undefined || range.family !== address.family) return false;
  const [start, end] = cidrBounds(range);
  return address.value >= start && address.value <= end;
}

/** Whether every address of `inner` lies in `outer`. False across families and for text that does not parse. */
export function cidrContainsCidr(outer: Cidr | string, inner: Cidr | string): boolean {
  const a = asCidr(outer);
  const b = asCidr(inner);
  if (a === undefined || b === undefined || a.family !== b.family || b.prefix < a.prefix) return false;
  return cidrContains(a, { family: b.family, value: b.network, text: '' });
}
