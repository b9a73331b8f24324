import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyCidrContains, cidrContainsIp } from './ip-text.js';

describe('anyCidrContains', () => {
  const inVSwitches = anyCidrContains(['10.0.0.0/16', 'bad', '2408:4005::/56', '192.168.1.0/24']);

  it('is true for an address inside one of the CIDRs, of its family', () => {
    expect(inVSwitches('10.0.255.1')).toBe(true);
    expect(inVSwitches('192.168.1.7')).toBe(true);
    expect(inVSwitches('2408:4005:0:ff::1')).toBe(true);
  });

  it('is false outside them, for invalid text, and for addresses ipaddr.js alone would accept', () => {
    expect(inVSwitches('10.1.0.1')).toBe(false);
    expect(inVSwitches('2408:4006::1')).toBe(false);
    expect(inVSwitches('not an ip')).toBe(false);
    expect(inVSwitches('0xa.0.0.1')).toBe(false);
    expect(anyCidrContains([])('10.0.0.1')).toBe(false);
  });

  it('answers as cidrContainsIp over each CIDR does (property)', () => {
    const octet = fc.nat({ max: 255 });
    const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
    const cidr = fc.oneof(
      fc.tuple(ipv4, fc.nat({ max: 33 })).map(([ip, bits]) => `${ip}/${bits}`),
      fc.constantFrom('10.0.0.0/8', '2408:4005::/32', '::/0', '10.0.0.0', 'x/1', '0xa.0.0.0/8'),
    );
    const address = fc.oneof(ipv4, fc.constantFrom('2408:4005::1', '::1', '10.0.0.01', '', '1.2.3'));
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 4 }), address, (cidrs, ip) => {
        expect(anyCidrContains(cidrs)(ip)).toBe(cidrs.some((c) => cidrContainsIp(c, ip)));
      }),
      { numRuns: 500 },
    );
  });
});
