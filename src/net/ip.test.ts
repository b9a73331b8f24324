import { describe, expect, it } from 'vitest';
import { cidrBounds, cidrContains, cidrContainsCidr, formatIp, ipFamily, parseCidr, parseIp } from './ip.js';

describe('parseIp', () => {
  it('parses IPv4 dotted decimal to a bigint', () => {
    expect(parseIp('10.0.1.23')).toEqual({ family: 4, value: 0x0a000117n, text: '10.0.1.23' });
  });

  it('refuses IPv4 forms other tools read differently (leading zeros, short, hex) and bad octets', () => {
    expect(parseIp('010.0.0.1')).toBeUndefined();
    expect(parseIp('10.1')).toBeUndefined();
    expect(parseIp('0x0a.0.0.1')).toBeUndefined();
    expect(parseIp('10.0.0.256')).toBeUndefined();
    expect(parseIp(' 10.0.0.1')).toBeUndefined();
    expect(parseIp('')).toBeUndefined();
    expect(parseIp('api.github.com')).toBeUndefined();
  });

  it('parses IPv6 and prints RFC 5952 text', () => {
    expect(parseIp('2001:DB8:0:0:0:0:0:1')).toEqual({
      family: 6,
      value: (0x20010db8n << 96n) | 1n,
      text: '2001:db8::1',
    });
    expect(parseIp('::')?.text).toBe('::');
  });

  it('refuses IPv6 with a zone id', () => {
    expect(parseIp('fe80::1%eth0')).toBeUndefined();
  });

  it('keeps IPv4-mapped IPv6 as IPv6 with a dotted tail', () => {
    expect(parseIp('::ffff:1.2.3.4')).toEqual({
      family: 6,
      value: (0xffffn << 32n) | 0x01020304n,
      text: '::ffff:1.2.3.4',
    });
  });

  it('ipFamily tells 4, 6 or undefined', () => {
    expect(ipFamily('192.168.0.1')).toBe(4);
    expect(ipFamily('2408:4005:300:aa00::1a')).toBe(6);
    expect(ipFamily('192.168.0.0/16')).toBeUndefined();
  });

  it('formatIp renders both families', () => {
    expect(formatIp(4, 0xc0a80001n)).toBe('192.168.0.1');
    expect(formatIp(6, 0x20010db8n << 96n)).toBe('2001:db8::');
  });
});

describe('parseCidr', () => {
  it('parses a canonical CIDR', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({
      family: 4,
      network: 0x0a000000n,
      prefix: 8,
      text: '10.0.0.0/8',
    });
  });

  it('reads a bare IP as a host route', () => {
    expect(parseCidr('10.0.0.5')?.text).toBe('10.0.0.5/32');
    expect(parseCidr('2001:db8::5')?.text).toBe('2001:db8::5/128');
  });

  it('reads a non-canonical CIDR as its network', () => {
    expect(parseCidr('10.0.0.5/24')?.text).toBe('10.0.0.0/24');
    expect(parseCidr('2001:db8::ff/64')?.text).toBe('2001:db8::/64');
  });

  it('refuses prefixes that are too long, signed, padded or missing', () => {
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('2001:db8::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/024')).toBeUndefined();
    expect(parseCidr('10.0.0.0/-1')).toBeUndefined();
    expect(parseCidr('10.0.0.0/')).toBeUndefined();
    expect(parseCidr('10.0.0.0/8/8')).toBeUndefined();
    expect(parseCidr('010.0.0.0/8')).toBeUndefined();
  });

  it('accepts /0 for both families', () => {
    expect(parseCidr('0.0.0.0/0')?.text).toBe('0.0.0.0/0');
    expect(parseCidr('::/0')?.text).toBe('::/0');
  });

  it('gives inclusive bounds', () => {
    const cidr = parseCidr('192.168.1.0/24');
    expect(cidr && cidrBounds(cidr)).toEqual([0xc0a80100n, 0xc0a801ffn]);
  });
});

describe('cidrContains', () => {
  it('contains addresses inside and at both ends', () => {
    expect(cidrContains('10.0.64.0/19', '10.0.64.0')).toBe(true);
    expect(cidrContains('10.0.64.0/19', '10.0.95.255')).toBe(true);
    expect(cidrContains('::/0', '2001:db8::1')).toBe(true);
  });

  it('does not contain addresses outside', () => {
    expect(cidrContains('10.0.64.0/19', '10.0.96.0')).toBe(false);
    expect(cidrContains('10.0.64.0/19', '10.0.63.255')).toBe(false);
  });

  it('is false across families, including 0.0.0.0/0 against IPv4-mapped IPv6', () => {
    expect(cidrContains('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(cidrContains('::/0', '10.0.0.1')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '::ffff:10.0.0.1')).toBe(false);
  });

  it('is false for text that does not parse', () => {
    expect(cidrContains('nonsense', '10.0.0.1')).toBe(false);
    expect(cidrContains('10.0.0.0/8', 'nonsense')).toBe(false);
  });
});

describe('cidrContainsCidr', () => {
  it('holds for a nested or equal CIDR', () => {
    expect(cidrContainsCidr('10.0.0.0/8', '10.0.64.0/19')).toBe(true);
    expect(cidrContainsCidr('10.0.64.0/19', '10.0.64.0/19')).toBe(true);
    expect(cidrContainsCidr('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
  });

  it('fails for a wider, disjoint or other-family CIDR', () => {
    expect(cidrContainsCidr('10.0.64.0/19', '10.0.0.0/8')).toBe(false);
    expect(cidrContainsCidr('10.0.64.0/19', '10.0.96.0/24')).toBe(false);
    expect(cidrContainsCidr('0.0.0.0/0', '::/0')).toBe(false);
  });
});

describe('parse memo', () => {
  it('returns the same frozen value for the same text, so callers cannot corrupt later answers', () => {
    const first = parseIp('10.0.64.11');
    expect(parseIp('10.0.64.11')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(parseCidr('10.0.0.5/24'))).toBe(true);
    expect(parseCidr('10.0.0.5/24')?.text).toBe('10.0.0.0/24');
    expect(parseIp('not-an-ip')).toBeUndefined();
    expect(parseIp('not-an-ip')).toBeUndefined();
  });
});
