import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseInteger,
  normalisePolicy,
  normalisePortRange,
  normalisePriority,
  normaliseSgProtocol,
  opt,
  splitCommaList,
} from './normalise.js';

describe('opt', () => {
  it('turns empty and blank strings into absent values', () => {
    expect(opt('')).toBeUndefined();
    expect(opt('  ')).toBeUndefined();
    expect(opt(null)).toBeUndefined();
  });
  it('keeps a value, trimmed', () => {
    expect(opt(' sg-1 ')).toBe('sg-1');
  });
});

describe('splitCommaList', () => {
  it('splits SnatIp-style lists and drops empty parts', () => {
    expect(splitCommaList('47.98.1.10,47.98.1.11')).toEqual(['47.98.1.10', '47.98.1.11']);
    expect(splitCommaList(' 10.0.0.0/8 , ,127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });
  it('reads an empty string as an empty list', () => {
    expect(splitCommaList('')).toEqual([]);
  });
});

describe('normalisePolicy', () => {
  it('lower-cases Accept and Drop', () => {
    expect(normalisePolicy('Accept')).toBe('accept');
    expect(normalisePolicy('DROP')).toBe('drop');
  });
  it('rejects anything else', () => {
    expect(normalisePolicy('Allow')).toBeUndefined();
  });
});

describe('normalisePriority', () => {
  it('reads the string priorities the API prints', () => {
    expect(normalisePriority('1')).toBe(1);
    expect(normalisePriority('100')).toBe(100);
    expect(normalisePriority(' 10 ')).toBe(10);
    expect(normalisePriority(7)).toBe(7);
  });
  it('rejects values outside 1..100 and non-numbers', () => {
    expect(normalisePriority('0')).toBeUndefined();
    expect(normalisePriority('101')).toBeUndefined();
    expect(normalisePriority('abc')).toBeUndefined();
    expect(normalisePriority('1.5')).toBeUndefined();
    expect(normalisePriority(-1)).toBeUndefined();
  });
  it('accepts exactly the whole numbers 1..100, as numbers or strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        const expected = n >= 1 && n <= 100 ? n : undefined;
        return normalisePriority(n) === expected && normalisePriority(String(n)) === expected;
      }),
    );
  });
});

describe('normaliseSgProtocol', () => {
  it('lower-cases protocol names', () => {
    expect(normaliseSgProtocol('TCP')).toBe('tcp');
    expect(normaliseSgProtocol('ICMPv6')).toBe('icmpv6');
    expect(normaliseSgProtocol('ALL')).toBe('all');
    expect(normaliseSgProtocol('gre')).toBe('gre');
  });
  it('maps IANA numbers', () => {
    expect(normaliseSgProtocol('6')).toBe('tcp');
    expect(normaliseSgProtocol(17)).toBe('udp');
    expect(normaliseSgProtocol('1')).toBe('icmp');
  });
  it('rejects unknown protocols', () => {
    expect(normaliseSgProtocol('SCTP')).toBeUndefined();
    expect(normaliseSgProtocol('132')).toBeUndefined();
    expect(normaliseSgProtocol('toString')).toBeUndefined();
  });
});

describe('normalisePortRange', () => {
  it('reads from/to ranges', () => {
    expect(normalisePortRange('80/80')).toEqual([80, 80]);
    expect(normalisePortRange('1/65535')).toEqual([1, 65535]);
  });
  it('reads -1/-1 as every port', () => {
    expect(normalisePortRange('-1/-1')).toBeNull();
  });
  it('rejects single ports, reversed and out-of-range ranges', () => {
    expect(normalisePortRange('80')).toBeUndefined();
    expect(normalisePortRange('90/80')).toBeUndefined();
    expect(normalisePortRange('0/80')).toBeUndefined();
    expect(normalisePortRange('1/65536')).toBeUndefined();
    expect(normalisePortRange('-1/80')).toBeUndefined();
  });
});

describe('normaliseInteger', () => {
  it('reads numbers printed as strings', () => {
    expect(normaliseInteger('3306')).toBe(3306);
    expect(normaliseInteger(443)).toBe(443);
  });
  it('rejects non-integers', () => {
    expect(normaliseInteger('33o6')).toBeUndefined();
  });
});
