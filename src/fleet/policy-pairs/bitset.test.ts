import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitIndices, countBits, emptyBitset, fullBitset, hasBit, orInto, setBit } from './bitset.js';

describe('bitset', () => {
  it('sets and tests bits across word boundaries', () => {
    const bits = emptyBitset(70);
    for (const i of [0, 31, 32, 69]) setBit(bits, i);
    expect(bitIndices(bits)).toEqual([0, 31, 32, 69]);
    expect(hasBit(bits, 31)).toBe(true);
    expect(hasBit(bits, 30)).toBe(false);
    expect(countBits(bits)).toBe(4);
  });

  it('a full bitset holds exactly `size` bits', () => {
    expect(countBits(fullBitset(0))).toBe(0);
    expect(countBits(fullBitset(32))).toBe(32);
    expect(countBits(fullBitset(33))).toBe(33);
    expect(bitIndices(fullBitset(3))).toEqual([0, 1, 2]);
  });

  it('OR is the union of the index sets', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(99)), fc.uniqueArray(fc.nat(99)), (a, b) => {
        const x = emptyBitset(100);
        const y = emptyBitset(100);
        for (const i of a) setBit(x, i);
        for (const i of b) setBit(y, i);
        orInto(x, y);
        expect(bitIndices(x)).toEqual([...new Set([...a, ...b])].sort((p, q) => p - q));
        expect(countBits(x)).toBe(new Set([...a, ...b]).size);
      }),
    );
  });
});
