import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, parseCidr } from './ip.js';
import { IpRangeSet } from './ip-range-set.js';

const texts = (set: IpRangeSet) => set.toCidrs().map((cidr) => cidr.text);

describe('IpRangeSet (hand-written cases)', () => {
  it('empty contains nothing', () => {
    expect(IpRangeSet.empty().isEmpty()).toBe(true);
    expect(IpRangeSet.empty().contains('10.0.0.1')).toBe(false);
    expect(texts(IpRangeSet.empty())).toEqual([]);
  });

  it('fromCidrs merges overlapping and adjacent blocks into the minimal cover', () => {
    const set = IpRangeSet.fromCidrs(['10.0.0.0/25', '10.0.0.128/25', '10.0.0.5/32']);
    expect(texts(set)).toEqual(['10.0.0.0/24']);
  });

  it('contains members and not non-members', () => {
    const set = IpRangeSet.fromCidrs(['10.0.64.0/19', '2001:db8::/64']);
    expect(set.contains('10.0.70.1')).toBe(true);
    expect(set.contains('2001:db8::abcd')).toBe(true);
    expect(set.contains('10.0.96.1')).toBe(false);
    expect(set.contains('2001:db9::1')).toBe(false);
    expect(set.contains('not an ip')).toBe(false);
  });

  it('keeps families apart: 0.0.0.0/0 does not contain IPv6', () => {
    const set = IpRangeSet.fromCidrs(['0.0.0.0/0']);
    expect(set.contains('::ffff:10.0.0.1')).toBe(false);
    expect(set.isEmpty(6)).toBe(true);
    expect(set.isEmpty(4)).toBe(false);
  });

  it('subtract carves an ipBlock except out of a CIDR', () => {
    const set = IpRangeSet.fromCidrs(['10.0.0.0/24']).subtract(IpRangeSet.fromCidrs(['10.0.0.0/26']));
    expect(texts(set)).toEqual(['10.0.0.64/26', '10.0.0.128/25']);
  });

  it('subtract of everything is empty; subtract of nothing is identity', () => {
    const base = IpRangeSet.fromCidrs(['10.0.0.0/24']);
    expect(base.subtract(IpRangeSet.all(4)).isEmpty()).toBe(true);
    expect(base.subtract(IpRangeSet.empty()).equals(base)).toBe(true);
  });

  it('intersect keeps only common addresses', () => {
    const set = IpRangeSet.fromCidrs(['10.0.0.0/16']).intersect(
      IpRangeSet.fromCidrs(['10.0.5.0/24', '192.168.0.0/16']),
    );
    expect(texts(set)).toEqual(['10.0.5.0/24']);
  });

  it('toCidrs splits an unaligned range minimally', () => {
    const set = IpRangeSet.fromIntervals(4, [[0x0a000001n, 0x0a000006n]]);
    expect(texts(set)).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  });

  it('all(6) is ::/0 and size counts addresses', () => {
    expect(texts(IpRangeSet.all(6))).toEqual(['::/0']);
    expect(IpRangeSet.fromCidrs(['10.0.0.0/30', '2001:db8::/126']).size()).toBe(8n);
  });

  it('parse reports text that is not a CIDR', () => {
    const { set, invalid } = IpRangeSet.parse(['10.0.0.0/8', 'bogus', '10.0.0.0/40']);
    expect(invalid).toEqual(['bogus', '10.0.0.0/40']);
    expect(texts(set)).toEqual(['10.0.0.0/8']);
  });

  it('containsSet and toString', () => {
    const outer = IpRangeSet.fromCidrs(['10.0.0.0/8']);
    expect(outer.containsSet(IpRangeSet.fromCidrs(['10.1.0.0/16']))).toBe(true);
    expect(outer.containsSet(IpRangeSet.fromCidrs(['11.0.0.0/16']))).toBe(false);
    expect(outer.toString()).toBe('10.0.0.0/8');
    expect(IpRangeSet.empty().toString()).toBe('(none)');
  });

  it('fromIntervals refuses out-of-family values', () => {
    expect(() => IpRangeSet.fromIntervals(4, [[0n, 1n << 32n]])).toThrow(RangeError);
  });
});

/**
 * Property tests on small universes: a /24 of IPv4 and a /120 of IPv6 (256 addresses each), against a brute-force
 * oracle that enumerates member offsets.
 */
const universes = [
  { family: 4 as const, base: 0x0a000000n, bits: 32 },
  { family: 6 as const, base: 0x20010db8n << 96n, bits: 128 },
];

for (const universe of universes) {
  const cidrArb = fc
    .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 255 }))
    .map(
      ([hostBits, offset]) =>
        `${formatIp(universe.family, universe.base + BigInt(offset))}/${universe.bits - hostBits}`,
    );
  const listArb = fc.array(cidrArb, { maxLength: 6 });

  const oracle = (list: readonly string[]): Set<number> => {
    const members = new Set<number>();
    for (const text of list) {
      const cidr = parseCidr(text);
      if (cidr === undefined) throw new Error(`bad generated CIDR ${text}`);
      const start = Number(cidr.network - universe.base);
      const size = 2 ** (universe.bits - cidr.prefix);
      for (let i = start; i < start + size; i++) members.add(i);
    }
    return members;
  };
  const enumerate = (set: IpRangeSet): Set<number> => {
    const members = new Set<number>();
    for (let i = 0; i < 256; i++)
      if (set.contains({ family: universe.family, value: universe.base + BigInt(i), text: '' }))
        members.add(i);
    return members;
  };
  /** Minimal number of aligned blocks covering exactly `members` within the universe. */
  const minimalCover = (members: Set<number>, start = 0, size = 256): number => {
    let count = 0;
    for (let i = start; i < start + size; i++) if (members.has(i)) count++;
    if (count === 0) return 0;
    if (count === size) return 1;
    return minimalCover(members, start, size / 2) + minimalCover(members, start + size / 2, size / 2);
  };
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

  describe(`IpRangeSet properties (IPv${universe.family}, 256-address universe)`, () => {
    it('fromCidrs/contains agrees with the oracle', () => {
      fc.assert(
        fc.property(listArb, (list) => {
          expect(sorted(enumerate(IpRangeSet.fromCidrs(list)))).toEqual(sorted(oracle(list)));
        }),
      );
    });

    it('union, intersect and subtract agree with set operations', () => {
      fc.assert(
        fc.property(listArb, listArb, (a, b) => {
          const setA = IpRangeSet.fromCidrs(a);
          const setB = IpRangeSet.fromCidrs(b);
          const oa = oracle(a);
          const ob = oracle(b);
          expect(sorted(enumerate(setA.union(setB)))).toEqual(sorted(new Set([...oa, ...ob])));
          expect(sorted(enumerate(setA.intersect(setB)))).toEqual(
            sorted(new Set([...oa].filter((x) => ob.has(x)))),
          );
          expect(sorted(enumerate(setA.subtract(setB)))).toEqual(
            sorted(new Set([...oa].filter((x) => !ob.has(x)))),
          );
        }),
      );
    });

    it('toCidrs is an exact, sorted, disjoint and minimal cover', () => {
      fc.assert(
        fc.property(listArb, listArb, (a, b) => {
          const set = IpRangeSet.fromCidrs(a).subtract(IpRangeSet.fromCidrs(b));
          const cidrs = set.toCidrs();
          const texts = cidrs.map((cidr) => cidr.text);
          expect(IpRangeSet.fromCidrs(texts).equals(set)).toBe(true);
          expect(sorted(oracle(texts))).toEqual(sorted(enumerate(set)));
          expect(oracle(texts).size).toBe(cidrs.reduce((acc, c) => acc + 2 ** (universe.bits - c.prefix), 0));
          for (let i = 1; i < cidrs.length; i++) {
            expect((cidrs[i]?.network ?? 0n) > (cidrs[i - 1]?.network ?? 0n)).toBe(true);
          }
          expect(cidrs.length).toBe(minimalCover(enumerate(set)));
        }),
      );
    });

    it('algebraic laws: A − B is disjoint from B, (A − B) ∪ (A ∩ B) = A, union is commutative', () => {
      fc.assert(
        fc.property(listArb, listArb, (a, b) => {
          const setA = IpRangeSet.fromCidrs(a);
          const setB = IpRangeSet.fromCidrs(b);
          expect(setA.subtract(setB).intersect(setB).isEmpty()).toBe(true);
          expect(setA.subtract(setB).union(setA.intersect(setB)).equals(setA)).toBe(true);
          expect(setA.union(setB).equals(setB.union(setA))).toBe(true);
        }),
      );
    });
  });
}
