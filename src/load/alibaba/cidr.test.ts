import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrContainsWithMemo } from './cidr.js';

/** The implementation before the dotted-quad shortcut and the memo: the oracle. */
function byIpaddr(cidr: string, address: string): boolean | undefined {
  if (!ipaddr.isValidCIDR(cidr) || !ipaddr.isValid(address)) return undefined;
  const range = ipaddr.parseCIDR(cidr);
  const ip = ipaddr.parse(address);
  if (ip.kind() !== range[0].kind()) return undefined;
  return ip.match(range);
}

const octet = fc.oneof(fc.nat({ max: 255 }), fc.constantFrom('256', '01', '0x1f', '', '00', '1e1'));
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const cidr = fc.oneof(
  fc.tuple(ipv4, fc.nat({ max: 33 })).map(([ip, bits]) => `${ip}/${bits}`),
  fc.constantFrom(
    '10.0.0.0/8',
    '0.0.0.0/0',
    '2408:4005::/32',
    '::ffff:10.0.0.0/104',
    'bad',
    '10.0.0.0',
    '10.0.0.0/08',
  ),
);
const address = fc.oneof(
  ipv4,
  fc.constantFrom('2408:4005::1', '::ffff:10.0.0.1', '10.1', '012.0.0.1', '1.2.3.4.5', '1.2.3.4 ', 'bad', ''),
);

describe('cidrContains', () => {
  it('is true inside, false outside, undefined when either side does not parse or the families differ', () => {
    expect(cidrContains('192.168.0.0/24', '192.168.0.9')).toBe(true);
    expect(cidrContains('192.168.0.0/24', '192.168.1.9')).toBe(false);
    expect(cidrContains('192.168.0.0/24', '2408::1')).toBeUndefined();
    expect(cidrContains('nope', '192.168.0.9')).toBeUndefined();
    expect(cidrContains('192.168.0.0/24', 'nope')).toBeUndefined();
    expect(cidrContains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(cidrContains('10.0.0.7/32', '10.0.0.7')).toBe(true);
    expect(cidrContains('10.0.0.7/32', '10.0.0.6')).toBe(false);
    // ipaddr.js reads these IPv4 forms too; they take the slow path and answer as it does.
    expect(cidrContains('10.0.0.0/8', '10.1')).toBe(true);
    expect(cidrContains('8.0.0.0/8', '010.0.0.1')).toBe(true);
  });

  it('answers as ipaddr.js does (property)', () => {
    fc.assert(
      fc.property(cidr, address, (c, a) => {
        expect(cidrContains(c, a)).toBe(byIpaddr(c, a));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cidrContainsWithMemo', () => {
  it('answers as ipaddr.js does, a CIDR asked again included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cidr, address), { maxLength: 8 }), (pairs) => {
        const contains = cidrContainsWithMemo();
        for (const [c, a] of [...pairs, ...pairs]) expect(contains(c, a)).toBe(byIpaddr(c, a));
      }),
      { numRuns: 1000 },
    );
  });
});
