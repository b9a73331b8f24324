import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visible } from './sanitize.js';
import { hiddenCodePoints } from './test-fixtures/hidden.js';

describe('visible', () => {
  it('leaves ordinary text, HTML and non-Latin scripts alone', () => {
    expect(visible('shop/web-7c9d <script>&amp; 杭州 Ünïcode ✓')).toBe(
      'shop/web-7c9d <script>&amp; 杭州 Ünïcode ✓',
    );
  });

  it('prints terminal escape sequences as visible text', () => {
    expect(visible('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(visible('\u001b[2J')).toBe('\\x1b[2J');
  });

  it('names tab, newline and carriage return', () => {
    expect(visible('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
  });

  it('escapes other C0 controls, DEL and C1 controls as \\xHH', () => {
    expect(visible('\u0000\u0007\u007f\u009b')).toBe('\\x00\\x07\\x7f\\x9b');
  });

  it('escapes bidi overrides, zero-width characters, separators and BOM as \\uHHHH', () => {
    expect(visible('abc\u202edef')).toBe('abc\\u202edef');
    expect(visible('\u2066x\u2069')).toBe('\\u2066x\\u2069');
    expect(visible('a\u200bb\ufeff')).toBe('a\\u200bb\\ufeff');
    expect(visible('a\u2028b')).toBe('a\\u2028b');
  });

  it('escapes lone surrogates but keeps astral characters', () => {
    expect(visible('x\ud800y')).toBe('x\\ud800y');
    expect(visible('🚀')).toBe('🚀');
  });

  it('escapes astral format characters with \\u{…}', () => {
    expect(visible('\u{e0001}')).toBe('\\u{e0001}');
  });

  it('property: no output contains a character a terminal would act on or hide', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(hiddenCodePoints(visible(text))).toEqual([]);
      }),
    );
  });

  it('property: printable ASCII passes through unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }),
        (text) => {
          expect(visible(text)).toBe(text);
        },
      ),
    );
  });
});
