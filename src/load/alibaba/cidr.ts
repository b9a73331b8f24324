import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

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
  return ipaddr.isValidCIDR(cidr) ? ipaddr.parseCIDR(cidr) : undefined;
}

function containsIn(range: Range | undefined, address: string): boolean | undefined {
  if (range === undefined || !ipaddr.isValid(address)) return undefined;
  const ip = ipaddr.parse(address);
  if (ip.kind() !== range[0].kind()) return undefined;
  return ip.match(range);
}
