/**
 * Every string a snapshot carries (names, labels, descriptions, file names) is untrusted: a pod named
 * `\x1b[2J` would clear the reader's terminal, a `\u202e` would reverse the text around it. Text output passes
 * each such string through `visible`, which prints control, format (bidi, zero-width) and separator characters
 * as escapes the reader can see, and leaves everything else (including `<`, `>`, `&`: this is not HTML) as is.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** `text` with every control, format and line-separator character replaced by a visible escape. */
export function visible(text: string): string {
  return text.replace(HIDDEN, escapeChar);
}
