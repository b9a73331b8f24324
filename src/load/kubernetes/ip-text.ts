import ipaddr from 'ipaddr.js';

/**
 * Strict textual checks for addresses as the Kubernetes API server and Alibaba Cloud accept them: IPv4 must be
 * dotted-quad decimal (ipaddr.js alone would also accept `0x7f.1`), CIDRs need a prefix length.
 */
export function isIpAddress(text: string): boolean {
  if (text.includes(':')) return ipaddr.IPv6.isValid(text);
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  return isIpAddress(text.slice(0, slash)) && ipaddr.isValidCIDR(text);
}

/** True when `inner` is a strict subset of `outer` (same family, longer prefix, inside). Both must be valid CIDRs. */
export function isStrictSubnet(inner: string, outer: string): boolean {
  const [innerAddr, innerLen] = ipaddr.parseCIDR(inner);
  const [outerAddr, outerLen] = ipaddr.parseCIDR(outer);
  if (innerAddr.kind() !== outerAddr.kind()) return false;
  return innerLen > outerLen && innerAddr.match(outerAddr, outerLen);
}

export function isIpv6(text: string): boolean {
  return text.includes(':');
}

/** True when `ip` lies inside `cidr` (same family); false for anything unparsable. */
export function cidrContainsIp(cidr: string, ip: string): boolean {
  if (!isCidr(cidr) || !isIpAddress(ip)) return false;
  const [network, length] = ipaddr.parseCIDR(cidr);
  const address = ipaddr.parse(ip);
  return address.kind() === network.kind() && address.match(network, length);
}

/**
 * `(ip) => cidrs.some((cidr) => cidrContainsIp(cidr, ip))`, with each CIDR checked and parsed once instead of once
 * per address (150,000 pod IPs against the vSwitches).
 */
export function anyCidrContains(cidrs: readonly string[]): (ip: string) => boolean {
  const networks = cidrs.filter(isCidr).map((cidr) => ipaddr.parseCIDR(cidr));
  return (ip) => {
    if (networks.length === 0 || !isIpAddress(ip)) return false;
    const address = ipaddr.parse(ip);
    return networks.some(
      ([network, length]) => address.kind() === network.kind() && address.match(network, length),
    );
  };
}
