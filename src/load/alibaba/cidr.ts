import ipaddr from 'ipaddr.js';
import { dottedQuad, inPrefix } from '../kubernetes/ip-text.js';

interface Range {
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
  readonly length: number;
  /** The IPv4 network as a number (undefined for IPv6). */
  readonly ipv4?: number;
}

/**
 * Whether `address` lies in `cidr`; `undefined` when either does not parse or their families differ (the caller
 * then says nothing rather than guess).
 */
export function cidrContains(cidr: string, address: string): boolean | undefined {
  return containsIn(parseRange(cidr), address);
}

/**
 * `cidrContains` for many addresses against a few CIDRs (every ENI IP against its vSwitch): each CIDR is validated
 * and parsed once per returned function (ipaddr.parseCIDR tries IPv6 first and throws for every IPv4 CIDR).
 */
export function cidrContainsWithMemo(): (cidr: string, address: string) => boolean | undefined {
  const ranges = new Map<string, Range | undefined>();
  return (cidr, address) => {
    let range = ranges.get(cidr);
    if (range === undefined && !ranges.has(cidr)) {
      range = parseRange(cidr);
      ranges.set(cidr, range);
    }
    return containsIn(range, address);
  };
}

function parseRange(cidr: string): Range | undefined {
  if (!ipaddr.isValidCIDR(cidr)) return undefined;
  const [network, length] = ipaddr.parseCIDR(cidr);
  if (network.kind() !== 'ipv4') return { network, length };
  return { network, length, ipv4: network.toByteArray().reduce((value, byte) => value * 256 + byte, 0) };
}

function containsIn(range: Range | undefined, address: string): boolean | undefined {
  if (range === undefined) return undefined;
  // A plain dotted quad is the IPv4 address ipaddr.js would parse: compared as a number, without parsing.
  const bits = dottedQuad(address);
  if (bits !== undefined)
    return range.ipv4 === undefined ? undefined : inPrefix(bits, range.ipv4, range.length);
  if (!ipaddr.isValid(address)) return undefined;
  const ip = ipaddr.parse(address);
  if (ip.kind() !== range.network.kind()) return undefined;
  return ip.match(range.network, range.length);
}
