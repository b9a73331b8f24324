import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrContainsWithMemo } from './cidr.js';

describe('cidrContains', () => {
  it('is true inside, false outside, undefined when either side does not parse or the families differ', () => {
    expect(cidrContains('192.168.0.0/24', '192.168.0.9')).toBe(true);
    expect(cidrContains('192.168.0.0/24', '192.168.1.9')).toBe(false);
    expect(cidrContains('192.168.0.0/24', '2408::1')).toBeUndefined();
    expect(cidrContains('nope', '192.168.0.9')).toBeUndefined();
    expect(cidrContains('192.168.0.0/24', 'nope')).toBeUndefined();
  });
});

describe('cidrContainsWithMemo', () => {
  it('answers as cidrContains does, a CIDR asked again included (property)', () => {
    const octet = fc.nat({ max: 255 });
    const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
    const cidr = fc.oneof(
      fc.tuple(ipv4, fc.nat({ max: 33 })).map(([ip, bits]) => `${ip}/${bits}`),
      fc.constantFrom('10.0.0.0/8', '2408:4005::/32', 'bad', '10.0.0.0'),
    );
    const address = fc.oneof(ipv4, fc.constantFrom('2408:4005::1', 'bad', ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(cidr, address), { maxLength: 8 }), (pairs) => {
        const contains = cidrContainsWithMemo();
        for (const [c, a] of [...pairs, ...pairs]) expect(contains(c, a)).toBe(cidrContains(c, a));
      }),
      { numRuns: 300 },
    );
  });
});
