export type IpFamily = 4 | 6;

/** Transport protocols a query can name. `icmp` covers ICMPv6 for IPv6 packets. */
export type Protocol = 'tcp' | 'udp' | 'sctp' | 'icmp';

export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp', 'icmp'];

/** Inclusive port range; `[1, 65535]` is every port. */
export type PortRange = readonly [from: number, to: number];
