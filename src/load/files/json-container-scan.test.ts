import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContainerScan, closingQuote, scanContainer } from './json-container-scan.js';

const encode = (text: string) => new TextEncoder().encode(text);
const scan = (text: string, start = 0): ContainerScan | undefined => {
  const out: ContainerScan = { end: -1, newlines: -1, lastNewline: -2, keys: -1 };
  return scanContainer(encode(text), start, out) ? out : undefined;
};

describe('scanContainer', () => {
  it('finds the end of an object, its newlines, the last one, and its keys', () => {
    expect(scan('{"a": 1, "b": {"c": [1, {"d": 2}]}} tail')).toEqual({
      end: 35,
      newlines: 0,
      lastNewline: -1,
      keys: 4,
    });
    expect(scan('{\n    "a": [\n        1\n    ]\n}\n')).toEqual({
      end: 30,
      newlines: 4,
      lastNewline: 28,
      keys: 1,
    });
  });

  it('starts where it is told and stops at the bracket that closes the first one', () => {
    expect(scan('xx[1, [2], {"k": ":"}], 3', 2)).toEqual({ end: 22, newlines: 0, lastNewline: -1, keys: 1 });
  });

  it('does not count colons, brackets or quotes inside strings, escaped quotes included', () => {
    expect(scan('{"a:b": "}]{[", "c\\"": "\\\\", "d": "x\\":y"}')).toEqual({
      end: 42,
      newlines: 0,
      lastNewline: -1,
      keys: 3,
    });
  });

  it('counts bytes, not characters: non-ASCII text never looks like structure', () => {
    // 'é' is two bytes, '💥' four: 14 bytes in all.
    expect(scan('{"é": "💥"}')).toEqual({ end: 14, newlines: 0, lastNewline: -1, keys: 1 });
  });

  it('says when the bytes end before the container or a string in it is closed', () => {
    expect(scan('{"a": [1, 2]')).toBeUndefined();
    expect(scan('{"a": "open}')).toBeUndefined();
    expect(scan('{"a": "\\"}')).toBeUndefined();
  });

  it('agrees with JSON.stringify: the whole text, its newlines, one colon per key (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(0, 2, 4), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        let keys = 0;
        const stack: unknown[] = [value];
        while (stack.length > 0) {
          const v = stack.pop();
          if (Array.isArray(v)) stack.push(...v);
          else if (v !== null && typeof v === 'object') {
            keys += Object.keys(v).length;
            stack.push(...Object.values(v));
          }
        }
        const bytes = encode(text);
        expect(scan(text)).toEqual({
          end: bytes.length,
          newlines: text.split('\n').length - 1,
          lastNewline: bytes.lastIndexOf(0x0a),
          keys,
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('closingQuote', () => {
  it('skips quotes escaped by an odd run of backslashes, not by an even one', () => {
    expect(closingQuote(encode('"abc" x'), 0)).toBe(4);
    expect(closingQuote(encode('"a\\"b" x'), 0)).toBe(5);
    expect(closingQuote(encode('"a\\\\" x'), 0)).toBe(4);
    expect(closingQuote(encode('"a\\\\\\"" x'), 0)).toBe(6);
    expect(closingQuote(encode('x "" y'), 2)).toBe(3);
  });

  it('returns -1 for a string never closed', () => {
    expect(closingQuote(encode('"abc'), 0)).toBe(-1);
    expect(closingQuote(encode('"abc\\"'), 0)).toBe(-1);
  });
});
