/**
 * `check --batch FILE`: a YAML or JSON list of queries, each `{ from, to, port, protocol, family }` with the same
 * meaning as on the command line. Every entry is validated before anything runs, and every bad entry is reported
 * with its index (0-based, as in the list) and its line.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Query } from '../model/query.js';
import { parseQuery, type QueryInput } from '../query/parse-query.js';

export interface BatchEntry {
  /** 0-based position in the list. */
  readonly index: number;
  /** 1-based line of the entry in the file. */
  readonly line: number;
  readonly query: Query;
}

export type BatchParse =
  | { readonly ok: true; readonly entries: readonly BatchEntry[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const KEYS = new Set(['from', 'to', 'port', 'protocol', 'family']);

/** `file:line: entry [index]: message`, the form every batch message takes. */
export function batchMessage(file: string, line: number, index: number, message: string): string {
  return `${file}:${line}: entry [${index}]: ${message}`;
}

export function parseBatch(file: string, text: string): BatchParse {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map(
        (error) => `${file}:${lineOf(error.pos[0])}: not valid YAML or JSON: ${error.message.split('\n')[0]}`,
      ),
    };
  }
  const root = document.contents;
  if (!isSeq(root)) {
    return {
      ok: false,
      errors: [
        `${file}:${lineOf(root?.range?.[0])}: expected a list of queries, each with from, to, port, protocol, family (e.g. - { from: shop/web-1, to: api.github.com, port: 443 })`,
      ],
    };
  }
  const entries: BatchEntry[] = [];
  const errors: string[] = [];
  root.items.forEach((item, index) => {
    const line = lineOf((item as { range?: [number, number, number] } | null)?.range?.[0]);
    if (!isMap(item)) {
      errors.push(batchMessage(file, line, index, 'expected a map with from, to, port, protocol, family'));
      return;
    }
    const value = item.toJSON() as Record<string, unknown>;
    const unknownKeys = Object.keys(value).filter((key) => !KEYS.has(key));
    if (unknownKeys.length > 0) {
      errors.push(
        batchMessage(
          file,
          line,
          index,
          `unknown key${unknownKeys.length === 1 ? '' : 's'} ${unknownKeys.map((key) => `"${key}"`).join(', ')} (expected from, to, port, protocol, family)`,
        ),
      );
      return;
    }
    const parsed = parseQuery(value as QueryInput, 'batch');
    if (parsed.ok) entries.push({ index, line, query: parsed.value });
    else errors.push(batchMessage(file, line, index, parsed.error));
  });
  return errors.length === 0 ? { ok: true, entries } : { ok: false, errors };
}
