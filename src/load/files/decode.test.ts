import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.js';

describe('decodeText', () => {
  it('decodes UTF-8 and drops the byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31]))).toEqual({
      ok: true,
      text: 'a: 1',
    });
  });

  it('decodes UTF-16LE with a byte-order mark (PowerShell redirection)', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]))).toEqual({
      ok: true,
      text: 'a:',
    });
  });

  it('refuses NUL bytes as binary', () => {
    expect(decodeText(new Uint8Array([0x1f, 0x8b, 0x08, 0x00]))).toEqual({
      ok: false,
      reason: 'the file holds NUL bytes: it is binary, not JSON or YAML text',
    });
  });

  it('refuses invalid UTF-8 as binary', () => {
    expect(decodeText(new Uint8Array([0x61, 0xc3, 0x28]))).toEqual({
      ok: false,
      reason: 'the file is not valid UTF-8 text: it is binary, not JSON or YAML text',
    });
  });
});
