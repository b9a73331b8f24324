import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { countParsedKeys } from './count-keys.js';

describe('countParsedKeys', () => {
  it('counts the keys of every object, however deep, and nothing for arrays and scalars', () => {
    expect(countParsedKeys(JSON.parse('{"a": 1, "b": {"c": [{"d": null}, {"e": {}}]}, "f": []}'))).toBe(6);
    expect(countParsedKeys(JSON.parse('[1, "x", [[]], null]'))).toBe(0);
    expect(countParsedKeys(7)).toBe(0);
    expect(countParsedKeys(null)).toBe(0);
  });

  it('counts a "__proto__" key as the own property JSON.parse makes of it', () => {
    expect(countParsedKeys(JSON.parse('{"__proto__": {"x": 1}, "y": 2}'))).toBe(3);
  });

  it('is one less per repeated key than the keys written (JSON.parse keeps the last)', () => {
    expect(countParsedKeys(JSON.parse('{"a": 1, "a": 2, "b": {"c": 1, "c": 2, "c": 3}}'))).toBe(3);
  });

  it('reads nesting deeper than the call stack', () => {
    const deep = `${'['.repeat(100_000)}{"a": 1}${']'.repeat(100_000)}`;
    expect(countParsedKeys(JSON.parse(deep))).toBe(1);
  });

  describe('when Object.prototype has an enumerable property', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('still counts own keys only', () => {
      Object.defineProperty(Object.prototype, 'polluted', {
        value: 1,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      expect(countParsedKeys(JSON.parse('{"a": {"b": 1}}'))).toBe(2);
    });
  });

  it('equals the keys of every object counted by a plain recursive walk (property)', () => {
    const walk = (v: unknown): number =>
      Array.isArray(v)
        ? v.reduce((n: number, x) => n + walk(x), 0)
        : v !== null && typeof v === 'object'
          ? Object.values(v).reduce((n: number, x) => n + walk(x), Object.keys(v).length)
          : 0;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(countParsedKeys(value)).toBe(walk(value));
      }),
      { numRuns: 300 },
    );
  });
});
