/**
 * Corefile syntax (CoreDNS uses Caddy's format, https://coredns.io/manual/configuration/): server blocks
 * `ZONE[:PORT] [ZONE...] { ... }`, each holding directives `name args...` with an optional `{ ... }` block of
 * sub-directives. `#` starts a comment, quotes group words. Only syntax here; plugin meaning is in plugins.ts.
 */

export interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  /** Sub-directives of a `{ ... }` block; empty when there was none. */
  readonly block: readonly Directive[];
  /** 1-based line in the Corefile text. */
  readonly line: number;
}

export interface ServerBlockSyntax {
  /** As written, e.g. `.:53`, `cluster.local`, `example.com:53`. */
  readonly keys: readonly string[];
  readonly directives: readonly Directive[];
  readonly line: number;
}

export type ParseResult =
  | { readonly ok: true; readonly servers: readonly ServerBlockSyntax[] }
  | { readonly ok: false; readonly error: string; readonly line: number };

interface Token {
  readonly text: string;
  readonly line: number;
  /** True for `{`, `}` written bare (not quoted). */
  readonly brace: '{' | '}' | null;
  /** The first token on its line. */
  readonly startsLine: boolean;
}

function tokenize(text: string): Token[] | { error: string; line: number } {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  let lastLine = 0;
  const push = (value: string, quoted: boolean, at: number) => {
    const brace = !quoted && (value === '{' || value === '}') ? value : null;
    tokens.push({ text: value, line: at, brace, startsLine: at !== lastLine });
    lastLine = at;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      const start = line;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        value += text[i];
        i++;
      }
      if (i >= text.length) return { error: 'unterminated quoted string', line: start };
      i++;
      push(value, true, start);
      continue;
    }
    let value = '';
    while (i < text.length && !/[\s#"]/.test(text[i] as string)) {
      value += text[i];
      i++;
    }
    // `{` glued to a word (`.:53{`) is split off, as Caddy does.
    if (value.length > 1 && value.endsWith('{')) {
      push(value.slice(0, -1), false, line);
      push('{', false, line);
    } else push(value, false, line);
  }
  return tokens;
}

class Cursor {
  index = 0;
  constructor(readonly tokens: readonly Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index++;
    return token;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; line: number };

function parseDirectives(cursor: Cursor, openLine: number): Parsed<Directive[]> {
  const directives: Directive[] = [];
  for (;;) {
    const token = cursor.next();
    if (token === undefined) return { ok: false, error: 'unclosed "{" (missing "}")', line: openLine };
    if (token.brace === '}') return { ok: true, value: directives };
    if (token.brace === '{')
      return { ok: false, error: 'unexpected "{" without a directive', line: token.line };
    const args: string[] = [];
    let block: Directive[] = [];
    for (;;) {
      const next = cursor.peek();
      if (next === undefined || next.startsLine || next.brace === '}') break;
      cursor.next();
      if (next.brace === '{') {
        const inner = parseDirectives(cursor, next.line);
        if (!inner.ok) return inner;
        block = inner.value;
        break;
      }
      args.push(next.text);
    }
    directives.push({ name: token.text.toLowerCase(), args, block, line: token.line });
  }
}

export function parseCorefile(text: string): ParseResult {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens.error, line: tokens.line };
  const cursor = new Cursor(tokens);
  const servers: ServerBlockSyntax[] = [];
  while (cursor.peek() !== undefined) {
    const first = cursor.next() as Token;
    if (first.brace !== null) {
      return {
        ok: false,
        error: `unexpected "${first.text}" where a server block should start`,
        line: first.line,
      };
    }
    const keys = [first.text];
    let open: Token | undefined;
    for (;;) {
      const next = cursor.next();
      if (next === undefined) {
        return { ok: false, error: `server block ${keys.join(' ')} has no "{"`, line: first.line };
      }
      if (next.brace === '{') {
        open = next;
        break;
      }
      if (next.brace === '}') return { ok: false, error: 'unexpected "}"', line: next.line };
      keys.push(next.text.replace(/,$/, ''));
    }
    const body = parseDirectives(cursor, open.line);
    if (!body.ok) return body;
    servers.push({
      keys: keys.map((k) => k.replace(/,$/, '')).filter((k) => k !== ''),
      directives: body.value,
      line: first.line,
    });
  }
  return { ok: true, servers };
}
