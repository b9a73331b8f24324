/**
 * Turns file bytes into text, or says why they are not text. PowerShell's `>` writes UTF-16 with a byte-order mark,
 * so that is accepted too; anything else must be UTF-8 without NUL bytes.
 */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const sniff = bytes.subarray(0, 8192);
  if (sniff.includes(0))
    return { ok: false, reason: 'the file holds NUL bytes: it is binary, not JSON or YAML text' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'the file is not valid UTF-8 text: it is binary, not JSON or YAML text' };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      reason: `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} text`,
    };
  }
}
