import type { Origin } from '../../model/origin.js';
import { formatPath } from '../../model/origin.js';
import type { Locate } from './locate.js';

/**
 * Positions in JSON text that JSON.parse has already accepted, without building a syntax tree (the YAML parser
 * would take seconds and much memory on a 20 MB `kubectl get pods -A -o json`). Each container's child offsets are
 * indexed the first time a path goes through it; locating 10 000 list items costs one scan of the list.
 */
export function jsonLocator(file: string, text: string): Locate {
  const index = new Map<number, Map<string, number> | number[]>();
  let lineStarts: number[] | undefined;

  const position = (offset: number): { line: number; column: number } => {
    lineStarts ??= computeLineStarts(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };

  const children = (offset: number): Map<string, number> | number[] | undefined => {
    const cached = index.get(offset);
    if (cached) return cached;
    const built =
      text[offset] === '{'
        ? indexObject(text, offset)
        : text[offset] === '['
          ? indexArray(text, offset)
          : undefined;
    if (built) index.set(offset, built);
    return built;
  };

  return (path): Origin => {
    let offset = skipWhitespace(text, 0);
    for (const part of path) {
      const kids = children(offset);
      const next = Array.isArray(kids)
        ? typeof part === 'number'
          ? kids[part]
          : undefined
        : kids?.get(String(part));
      // A path past the document cites its nearest existing parent, as the YAML locator does.
      if (next === undefined) break;
      offset = next;
    }
    const { line, column } = position(offset);
    return { file, line, column, path: formatPath(path) };
  };
}

/** Offset of the first key that repeats an earlier key of the same object, or undefined. */
export function findDuplicateKey(text: string): number | undefined {
  const stack: (Set<string> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const keys = stack.at(-1);
      if (expectKey && keys) {
        // Most keys hold no escape: their text is the key (JSON.parse only for the rest; it is 10× slower).
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return i;
        keys.add(key);
      }
      expectKey = false;
      i = end;
    } else if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(undefined);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack.at(-1) !== undefined;
    }
  }
  return undefined;
}

function indexObject(text: string, start: number): Map<string, number> {
  const keys = new Map<string, number>();
  let i = skipWhitespace(text, start + 1);
  while (i < text.length && text[i] !== '}') {
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd + 1)) as string;
    i = skipWhitespace(text, keyEnd + 1) + 1; // past ':'
    const valueStart = skipWhitespace(text, i);
    if (!keys.has(key)) keys.set(key, valueStart);
    i = skipWhitespace(text, valueEnd(text, valueStart));
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return keys;
}

function indexArray(text: string, start: number): number[] {
  const items: number[] = [];
  let i = skipWhitespace(text, start + 1);
  while (i < text.length && text[i] !== ']') {
    items.push(i);
    i = skipWhitespace(text, valueEnd(text, i));
    if (text[i] === ',') i = skipWhitespace(text, i + 1);
  }
  return items;
}

/** Offset just past the value starting at `start`. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start) + 1;
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) i = stringEnd(text, i);
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = start;
  while (i < text.length && !',}] \t\r\n'.includes(text[i] ?? '')) i++;
  return i;
}

/** Offset of the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length - 1;
    let backslashes = 0;
    for (let j = quote - 1; text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

function skipWhitespace(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) break;
    i++;
  }
  return i;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
