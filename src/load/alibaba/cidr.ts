import ipaddr from 'ipaddr.js';

/**
 * Whether `address` lies in `cidr`; `undefined` when either does not parse or their families differ (the caller
 * then says nothing rather than guess).
 */
export function cidrContains(cidr: string, address: string): boolean | undefined {
  if (!ipaddr.isValidCIDR(cidr) || !ipaddr.isValid(address)) return undefined;
  const range = ipaddr.parseCIDR(cidr);
  const ip = ipaddr.parse(address);
  if (ip.kind() !== range[0].kind()) return undefined;
  return ip.match(range);
}
