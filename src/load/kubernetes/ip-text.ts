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
 * per address (150,000 pod IPs against the vSwitches), and plain dotted-quad addresses compared as numbers.
 */
export function anyCidrContains(cidrs: readonly string[]): (ip: string) => boolean {
  const networks = cidrs.filter(isCidr).map((cidr) => ipaddr.parseCIDR(cidr));
  const ipv4 = networks.flatMap(([network, length]) =>
    network.kind() === 'ipv4' ? [{ bits: ipv4Number(network.toByteArray()), length }] : [],
  );
  return (ip) => {
    if (networks.length === 0) return false;
    const bits = dottedQuad(ip);
    if (bits !== undefined) return ipv4.some((network) => inPrefix(bits, network.bits, network.length));
    if (!isIpAddress(ip)) return false;
    const address = ipaddr.parse(ip);
    return networks.some(
      ([network, length]) => address.kind() === network.kind() && address.match(network, length),
    );
  };
}

/**
 * The address as a 32-bit number when the text is a plain dotted quad (four decimal parts without leading zeros,
 * each at most 255): exactly the texts isIpAddress and ipaddr.js read as that IPv4 address. Otherwise undefined.
 */
export function dottedQuad(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 0x2e : text.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (digits === 0 || part > 255) return undefined;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      // A leading zero makes the text octal to some readers: not a plain dotted quad.
      if (digits === 1 && part === 0) return undefined;
      part = part * 10 + (c - 0x30);
      digits++;
    } else return undefined;
  }
  return parts === 4 ? value : undefined;
}

function ipv4Number(bytes: readonly number[]): number {
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

/** Whether the first `length` bits of two IPv4 addresses (as numbers) are equal. */
export function inPrefix(address: number, network: number, length: number): boolean {
  if (length <= 0) return true;
  const shift = 32 - Math.min(length, 32);
  return Math.floor(address / 2 ** shift) === Math.floor(network / 2 ** shift);
}
