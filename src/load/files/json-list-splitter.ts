import type { Origin } from '../../model/origin.js';
import { formatPath } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { countParsedKeys } from './count-keys.js';
import { type ContainerScan, closingQuote, scanContainer } from './json-container-scan.js';
import { findDuplicateKey, jsonLocator } from './json-locator.js';

/**
 * Reads a large JSON object whose `items` member is an array (`kubectl get pods -A -o json`, a List of hundreds of
 * MB) from its bytes, one item at a time: each item is decoded and parsed on its own, so the file never becomes one
 * string (V8 strings stop at about 512 MB, and one JSON.parse of the whole text doubles the peak memory). Each item
 * keeps its line and column; a deeper path is located inside the item's own text when asked for (problems only).
 *
 * Two steps. `scanJsonList` finds every item's byte range, line and column and the number of keys it writes, in one
 * structural pass over the bytes, and parses the other members (apiVersion, kind, metadata). `JsonList.item(i)` then
 * decodes and parses one item, so a caller can build each object and drop its parsed tree before the next (the
 * session does so for Kubernetes Lists). `splitJsonList` parses them all into one document.
 *
 * Anything that is not exactly such an object, or not valid JSON/UTF-8, is refused (undefined): the caller then
 * reads the file the ordinary way, which reports the error with V8's own message and position.
 */
export interface SplitJson {
  readonly doc: RawDocument;
  readonly problems: LoadProblem[];
}

/** One parsed item: its value, or null and the problem when it repeats a key (the item alone is not read). */
export interface JsonListItem {
  readonly value: unknown;
  readonly problem?: LoadProblem;
}

export interface JsonList {
  readonly file: string;
  /** The members other than `items`, parsed, in file order (`items` holds null in its place). */
  readonly head: Record<string, unknown>;
  /** The number of items. */
  readonly length: number;
  /** Item `index` parsed; undefined when its text is not valid UTF-8 or JSON (the whole file is then refused). */
  item(index: number): JsonListItem | undefined;
  /** Where the value at a path of the whole object (`['items', 3, 'spec']`) is written. */
  locate(path: readonly (string | number)[]): Origin;
}

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/** A List's other members (apiVersion, kind, metadata) are small. */
const MAX_HEAD_VALUE_BYTES = 1024 * 1024;

class Invalid extends Error {}

interface ItemSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** Every item parsed, as one document whose `items` holds null for an item that repeats a key. */
export function splitJsonList(file: string, bytes: Uint8Array): SplitJson | undefined {
  const list = scanJsonList(file, bytes);
  return list === undefined ? undefined : parseAllItems(list);
}

export function parseAllItems(list: JsonList): SplitJson | undefined {
  const items: unknown[] = [];
  const problems: LoadProblem[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list.item(index);
    if (item === undefined) return undefined;
    items.push(item.value);
    if (item.problem !== undefined) problems.push(item.problem);
  }
  // The head object itself, as JSON.parse-like assignment built it (a `__proto__` member included), not a copy.
  const value = list.head;
  value.items = items;
  return { doc: { file: list.file, docIndex: 0, value, locate: list.locate }, problems };
}

export function scanJsonList(file: string, bytes: Uint8Array): JsonList | undefined {
  try {
    return scan(file, bytes);
  } catch (error) {
    if (error instanceof Invalid || error instanceof SyntaxError || error instanceof TypeError)
      return undefined;
    throw error;
  }
}

function scan(file: string, bytes: Uint8Array): JsonList | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (start: number, end: number) => decoder.decode(bytes.subarray(start, end));
  // Line bookkeeping: newlines are counted once, moving forward only (an item's own are counted by its scan).
  let lineCursor = 0;
  let line = 1;
  let lineStart = 0;
  const positionOf = (offset: number): { line: number; column: number } => {
    for (let i = lineCursor; i < offset; i++) {
      if (bytes[i] === NEWLINE) {
        line++;
        lineStart = i + 1;
      }
    }
    lineCursor = offset;
    return { line, column: offset - lineStart + 1 };
  };

  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = skipWhitespace(bytes, i);
  if (bytes[i] !== OPEN_BRACE) return undefined;
  const root = i;
  const head: Record<string, unknown> = {};
  const seen = new Set<string>();
  let hasItems = false;
  // Item k: bytes [starts[k], ends[k]) at lines[k]:columns[k]; keys[k] written in it (-1: not an object or array).
  const starts: number[] = [];
  const ends: number[] = [];
  const lines: number[] = [];
  const columns: number[] = [];
  const keys: number[] = [];
  const container: ContainerScan = { end: 0, newlines: 0, lastNewline: -1, keys: 0 };
  i = skipWhitespace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return undefined;
  for (;;) {
    if (bytes[i] !== QUOTE) throw new Invalid();
    const keyEnd = stringEnd(bytes, i);
    const key = JSON.parse(decode(i, keyEnd + 1)) as string;
    // A repeated top-level key: JSON.parse would keep the last; the ordinary path refuses the file.
    if (seen.has(key)) return undefined;
    seen.add(key);
    i = skipWhitespace(bytes, keyEnd + 1);
    if (bytes[i] !== COLON) throw new Invalid();
    i = skipWhitespace(bytes, i + 1);
    if (key === 'items' && bytes[i] === OPEN_BRACKET) {
      hasItems = true;
      i = skipWhitespace(bytes, i + 1);
      if (bytes[i] === CLOSE_BRACKET) i++;
      else {
        for (;;) {
          const position = positionOf(i);
          const first = bytes[i];
          let end: number;
          if (first === OPEN_BRACE || first === OPEN_BRACKET) {
            if (!scanContainer(bytes, i, container)) throw new Invalid();
            end = container.end;
            keys.push(container.keys);
            // The item's newlines are known: move the line cursor past it without reading it again.
            if (container.newlines > 0) {
              line += container.newlines;
              lineStart = container.lastNewline + 1;
            }
            lineCursor = end;
          } else {
            end = valueEnd(bytes, i);
            keys.push(-1);
          }
          starts.push(i);
          ends.push(end);
          lines.push(position.line);
          columns.push(position.column);
          i = skipWhitespace(bytes, end);
          if (bytes[i] === COMMA) {
            i = skipWhitespace(bytes, i + 1);
            continue;
          }
          if (bytes[i] !== CLOSE_BRACKET) throw new Invalid();
          i++;
          break;
        }
      }
      head[key] = null;
    } else {
      const end = valueEnd(bytes, i);
      // Not a list after all (an aliyun body of one big member): the ordinary path reads it.
      if (end - i > MAX_HEAD_VALUE_BYTES) return undefined;
      const text = decode(i, end);
      if (findDuplicateKey(text) !== undefined) return undefined;
      head[key] = JSON.parse(text);
      i = end;
    }
    i = skipWhitespace(bytes, i);
    if (bytes[i] === COMMA) {
      i = skipWhitespace(bytes, i + 1);
      continue;
    }
    if (bytes[i] !== CLOSE_BRACE) throw new Invalid();
    i = skipWhitespace(bytes, i + 1);
    break;
  }
  if (i !== bytes.length || !hasItems) return undefined;

  const rootPosition = { line: 1, column: 1 };
  {
    let l = 1;
    let start = 0;
    for (let k = 0; k < root; k++)
      if (bytes[k] === NEWLINE) {
        l++;
        start = k + 1;
      }
    rootPosition.line = l;
    rootPosition.column = root - start + 1;
  }
  const spanOf = (index: number): ItemSpan | undefined => {
    const start = starts[index];
    const end = ends[index];
    const spanLine = lines[index];
    const column = columns[index];
    if (start === undefined || end === undefined || spanLine === undefined || column === undefined)
      return undefined;
    return { start, end, line: spanLine, column };
  };
  const locate = (path: readonly (string | number)[]): Origin => {
    const formatted = formatPath(path);
    const index = path[1];
    const span = path[0] === 'items' && typeof index === 'number' ? spanOf(index) : undefined;
    if (span === undefined) return { file, ...rootPosition, path: formatted };
    if (path.length === 2) return { file, line: span.line, column: span.column, path: formatted };
    return { ...within(file, span, decode(span.start, span.end), path.slice(2)), path: formatted };
  };
  const item = (index: number): JsonListItem | undefined => {
    const span = spanOf(index);
    if (span === undefined) return undefined;
    try {
      const text = decode(span.start, span.end);
      const value: unknown = JSON.parse(text);
      // Equal counts prove that no object of the item repeats a key; otherwise find where.
      const written = keys[index] ?? -1;
      const duplicate =
        written >= 0 && countParsedKeys(value) === written ? undefined : findDuplicateKey(text);
      if (duplicate === undefined) return { value };
      return { value: null, problem: duplicateKeyProblem(file, span, text, duplicate) };
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof TypeError) return undefined;
      throw error;
    }
  };
  return { file, head, length: starts.length, item, locate };
}

/** The position of `path` inside one item, in file coordinates. */
function within(
  file: string,
  span: ItemSpan,
  text: string,
  path: readonly (string | number)[],
): { file: string; line: number; column: number } {
  const inner = jsonLocator(file, text)(path);
  const innerLine = inner.line ?? 1;
  const innerColumn = inner.column ?? 1;
  return {
    file,
    line: span.line + innerLine - 1,
    column: innerLine === 1 ? span.column + innerColumn - 1 : innerColumn,
  };
}

function duplicateKeyProblem(file: string, span: ItemSpan, text: string, offset: number): LoadProblem {
  let line = span.line;
  let column = span.column;
  for (let k = 0; k < offset; k++) {
    if (text.charCodeAt(k) === NEWLINE) {
      line++;
      column = 1;
    } else column++;
  }
  return {
    severity: 'error',
    file,
    line,
    column,
    message:
      'duplicate key: this mapping already has a key with this name; this list item was not read, the others were',
    expected: 'each key once per mapping',
    hint: 'remove one of the two keys (kubectl and aliyun never print duplicates: the file was edited by hand)',
  };
}

/** Offset just past the JSON value starting at `start` (structure only; JSON.parse validates the slice). */
function valueEnd(bytes: Uint8Array, start: number): number {
  const first = bytes[start];
  if (first === undefined) throw new Invalid();
  if (first === QUOTE) return stringEnd(bytes, start) + 1;
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === QUOTE) i = stringEnd(bytes, i);
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Invalid();
  }
  let i = start;
  for (; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) break;
  }
  return i;
}

/** Offset of the closing quote of the string opening at `start`. */
function stringEnd(bytes: Uint8Array, start: number): number {
  const end = closingQuote(bytes, start);
  if (end < 0) throw new Invalid();
  return end;
}

function isWhitespace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length && isWhitespace(bytes[i])) i++;
  return i;
}
