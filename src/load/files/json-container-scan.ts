/**
 * One pass over the bytes of a JSON object or array that finds where it ends and, on the way, what the list reader
 * needs to know about it without a second pass: the newlines it holds (so the next item's line is known) and how
 * many keys it writes (so duplicate keys can be ruled out by counting, see count-keys.ts).
 *
 * Structure only: the bytes are not validated (JSON.parse of the slice does that), so the counts are meaningful
 * only for a slice that JSON.parse then accepts. Quotes, backslashes, colons, brackets and newlines are ASCII, and
 * every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so UTF-8 text never confuses the scan.
 */
export interface ContainerScan {
  /** Offset just past the closing bracket. */
  end: number;
  /** Newline bytes from the opening to the closing bracket. */
  newlines: number;
  /** Offset of the last of them (-1 when there is none). */
  lastNewline: number;
  /** Colons outside strings: in valid JSON, exactly the number of keys written, duplicates included. */
  keys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Scans the object or array opening at `start` (whose byte must be `{` or `[`) into `out`. Returns false when the
 * bytes end first (a string or a bracket left open).
 */
export function scanContainer(bytes: Uint8Array, start: number, out: ContainerScan): boolean {
  let depth = 0;
  let newlines = 0;
  let lastNewline = -1;
  let keys = 0;
  const length = bytes.length;
  for (let i = start; i < length; i++) {
    const c = bytes[i];
    // Indentation is most of a pretty-printed file: spaces first, and a line's indentation skipped at once.
    if (c === SPACE) continue;
    if (c === QUOTE) {
      i = closingQuote(bytes, i);
      if (i < 0) return false;
    } else if (c === NEWLINE) {
      newlines++;
      lastNewline = i;
      while (bytes[i + 1] === SPACE) i++;
    } else if (c === COLON) keys++;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) {
        out.end = i + 1;
        out.newlines = newlines;
        out.lastNewline = lastNewline;
        out.keys = keys;
        return true;
      }
    }
  }
  return false;
}

/**
 * Offset of the quote that closes the string opening at `start`, or -1. A quote is escaped when an odd run of
 * backslashes precedes it (the same rule as skipping the byte after each backslash).
 */
export function closingQuote(bytes: Uint8Array, start: number): number {
  let quote = bytes.indexOf(QUOTE, start + 1);
  while (quote > 0 && bytes[quote - 1] === BACKSLASH) {
    let backslashes = 1;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) break;
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return quote;
}
