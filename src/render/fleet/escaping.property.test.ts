import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../html/escape.js';
import { escapeXml } from './assert-text.js';
import { csvField } from './csv.js';

/** The RFC 4180 reading of one field, as a spreadsheet does it. */
function readCsvField(text: string): string {
  if (!text.startsWith('"')) return text;
  return text.slice(1, -1).replaceAll('""', '"');
}

describe('escaping properties', () => {
  it('escaped HTML never holds a character that could open a tag, end an attribute or start an entity', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"'`]/);
        expect(out.replace(/&(amp|lt|gt|quot|#39|#96);/g, '')).not.toContain('&');
      }),
    );
  });

  it('a CSV field reads back as the value, apart from the formula guard', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const back = readCsvField(csvField(text));
        expect(back === text || back === `'${text}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
      }),
    );
  });

  it('escaped XML holds no markup character and no character XML 1.0 forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeXml(text);
        expect(out).not.toMatch(/[<>"]/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
        expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      }),
    );
  });
});
