import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { anyCidrContains, cidrContainsIp, dottedQuad, inPrefix } from './ip-text.js';

describe('dottedQuad', () => {
  it('reads plain dotted quads as 32-bit numbers', () => {
    expect(dottedQuad('0.0.0.0')).toBe(0);
    expect(dottedQuad('10.0.1.2')).toBe(10 * 2 ** 24 + 1 * 256 + 2);
    expect(dottedQuad('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it('refuses anything else: leading zeros, parts over 255, other part counts, signs, spaces, hex', () => {
    for (const text of [
      '01.0.0.1',
      '1.2.3.256',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      '1.2.3.4.',
      '+1.2.3.4',
      ' 1.2.3.4',
      '0x1.2.3.4',
      '',
      '::1',
    ])
      expect(dottedQuad(text)).toBeUndefined();
  });

  it('is defined exactly when isIpAddress holds for text without a colon, with ipaddr.js octets (property)', () => {
    const part = fc.oneof(
      fc.nat({ max: 300 }).map(String),
      fc.constantFrom('00', '01', '0x1', '', '-1', '1e2', ' 1'),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        const strict = ipaddr.IPv4.isValidFourPartDecimal(text);
        expect(dottedQuad(text) !== undefined).toBe(strict);
        if (strict)
          expect(dottedQuad(text)).toBe(ipaddr.IPv4.parse(text).octets.reduce((v, o) => v * 256 + o, 0));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('inPrefix', () => {
  it('compares the first bits only; a /0 holds everything, a /32 one address', () => {
    const ip = (text: string) => dottedQuad(text) ?? -1;
    expect(inPrefix(ip('10.1.2.3'), ip('10.0.0.0'), 8)).toBe(true);
    expect(inPrefix(ip('11.1.2.3'), ip('10.0.0.0'), 8)).toBe(false);
    expect(inPrefix(ip('10.0.0.129'), ip('10.0.0.128'), 25)).toBe(true);
    expect(inPrefix(ip('10.0.0.127'), ip('10.0.0.128'), 25)).toBe(false);
    expect(inPrefix(ip('255.255.255.255'), ip('0.0.0.0'), 0)).toBe(true);
    expect(inPrefix(ip('1.2.3.4'), ip('1.2.3.4'), 32)).toBe(true);
    expect(inPrefix(ip('1.2.3.5'), ip('1.2.3.4'), 32)).toBe(false);
  });
});

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
    const octet = fc.oneof(fc.nat({ max: 255 }), fc.constantFrom('256', '01', '0x1f', ''));
    const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
    const cidr = fc.oneof(
      fc.tuple(ipv4, fc.nat({ max: 33 })).map(([ip, bits]) => `${ip}/${bits}`),
      fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '2408:4005::/32', '::/0', '10.0.0.0', 'x/1', '0xa.0.0.0/8'),
    );
    const address = fc.oneof(ipv4, fc.constantFrom('2408:4005::1', '::1', '10.0.0.01', '', '1.2.3'));
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 4 }), address, (cidrs, ip) => {
        expect(anyCidrContains(cidrs)(ip)).toBe(cidrs.some((c) => cidrContainsIp(c, ip)));
      }),
      { numRuns: 1000 },
    );
  });
});
