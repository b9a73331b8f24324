import { type Document, isMap, isNode, isSeq, LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { findDuplicateKey, jsonLocator } from './json-locator.js';
import { type Locate, pathOnlyLocator, yamlLocator } from './locate.js';

export interface ParseOptions {
  /** JSON text longer than this gets origins with paths but no line numbers. */
  readonly jsonFastPathBytes: number;
}

export interface Parsed {
  readonly docs: RawDocument[];
  readonly problems: LoadProblem[];
}

/** yaml's own default; stated so the limit is visible and tested (an alias bomb must fail, not hang). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parses a JSON or YAML file into its documents. JSON is read with JSON.parse (exact JSON semantics, V8's messages
 * and positions for syntax errors) and located with a light index of the text (json-locator.ts); very large JSON
 * files keep paths but not lines. YAML streams go through the `yaml` parser with a LineCounter. A broken YAML
 * document is reported and skipped; the other documents of the stream still load.
 */
export function parseDocuments(file: string, text: string, options: ParseOptions): Parsed {
  if (!looksLikeJson(text)) return parseYaml(file, text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A `.yaml` file may start with a flow collection that is YAML but not JSON.
    if (!file.toLowerCase().endsWith('.json')) return parseYaml(file, text);
    return { docs: [], problems: [jsonSyntaxProblem(file, text, error as Error)] };
  }
  // JSON.parse silently keeps the last of two equal keys; a snapshot must not.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const { line, column } = lineAndColumn(text, duplicate);
    return { docs: [], problems: [{ severity: 'error', file, line, column, ...DUPLICATE_KEY }] };
  }
  if (text.length > options.jsonFastPathBytes) {
    return { docs: [rawDocument(file, 0, value, pathOnlyLocator(file))], problems: [] };
  }
  return { docs: [rawDocument(file, 0, value, jsonLocator(file, text))], problems: [] };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

function jsonSyntaxProblem(file: string, text: string, error: Error): LoadProblem {
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '');
  const match = /at position (\d+)/.exec(error.message);
  const offset = match ? Number(match[1]) : text.length;
  const truncated = /end of JSON input/i.test(error.message) || offset >= text.trimEnd().length;
  const { line, column } = lineAndColumn(text, Math.min(offset, text.length));
  return {
    severity: 'error',
    file,
    line,
    column,
    message: truncated ? 'the JSON ends before it is complete (truncated?)' : `invalid JSON: ${reason}`,
    expected: truncated ? 'one complete JSON value' : 'valid JSON',
    hint: truncated
      ? 're-run the command that produced the file and save its whole output'
      : 'fix the file at this position, or re-run the command that produced it',
  };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function parseYaml(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  const streamDocs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const docs: RawDocument[] = [];
  const problems: LoadProblem[] = [];
  let index = 0;
  for (const doc of streamDocs) {
    const docIndex = index++;
    if (doc.errors.length > 0 && doc.errors.every((e) => e.code === 'DUPLICATE_KEY')) {
      const salvaged = salvageListWithDuplicates(file, doc, docIndex, lineCounter, problems);
      if (salvaged) docs.push(salvaged);
      continue;
    }
    if (doc.errors.length > 0) {
      // The first error of a document is the real one; the next ones usually follow from it.
      const first = doc.errors[0];
      if (first) problems.push(syntaxProblem(file, first, lineCounter));
      continue;
    }
    for (const warning of doc.warnings)
      problems.push({ ...syntaxProblem(file, warning, lineCounter), severity: 'warning' });
    const value = toValue(file, doc, docIndex, lineCounter, problems);
    if (value === undefined) continue;
    docs.push(rawDocument(file, docIndex, value, yamlLocator(file, doc, lineCounter)));
  }
  return { docs, problems };
}

/**
 * Duplicate keys inside items of a `List` cost only those items (read as empty documents); the other items load.
 * Anywhere else the whole document is refused.
 */
function salvageListWithDuplicates(
  file: string,
  doc: Document,
  docIndex: number,
  lineCounter: LineCounter,
  problems: LoadProblem[],
): RawDocument | undefined {
  const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
  const ranges = isSeq(items) ? items.items.map((item) => (isNode(item) ? item.range : undefined)) : [];
  const poisoned = new Set<number>();
  for (const error of doc.errors) {
    const offset = error.pos[0];
    const index = ranges.findIndex((range) => range != null && range[0] <= offset && offset < range[2]);
    if (index < 0) {
      problems.push(syntaxProblem(file, error, lineCounter));
      return undefined;
    }
    poisoned.add(index);
    problems.push({ ...syntaxProblem(file, error, lineCounter), message: DUPLICATE_KEY_IN_ITEM });
  }
  const value = toValue(file, doc, docIndex, lineCounter, problems) as { items?: unknown[] } | undefined;
  if (value === undefined || !Array.isArray(value.items)) return undefined;
  const kept = value.items.map((item, i) => (poisoned.has(i) ? null : item));
  return rawDocument(file, docIndex, { ...value, items: kept }, yamlLocator(file, doc, lineCounter));
}

const DUPLICATE_KEY_IN_ITEM =
  'duplicate key: this mapping already has a key with this name; this list item was not read, the others were';

function toValue(
  file: string,
  doc: Document,
  docIndex: number,
  lineCounter: LineCounter,
  problems: LoadProblem[],
): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const offset = doc.contents?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    const aliasBomb = error instanceof ReferenceError && /alias/i.test(error.message);
    problems.push({
      severity: 'error',
      file,
      line,
      column: col,
      message: aliasBomb
        ? `document ${docIndex + 1} expands YAML aliases more than ${MAX_ALIAS_COUNT} times (an alias bomb); it was not read`
        : `document ${docIndex + 1} could not be read: ${(error as Error).message}`,
      expected: aliasBomb ? `at most ${MAX_ALIAS_COUNT} alias expansions` : 'plain YAML or JSON data',
      hint: aliasBomb
        ? 'use the raw output of kubectl or aliyun, which never uses aliases'
        : 'use the raw output of kubectl or aliyun',
    });
    return undefined;
  }
}

function syntaxProblem(file: string, error: YAMLError, lineCounter: LineCounter): LoadProblem {
  const offset = error.pos[0];
  const { line, col } = lineCounter.linePos(offset);
  const base = { severity: 'error' as const, file, line, column: col };
  if (error.code === 'DUPLICATE_KEY') return { ...base, ...DUPLICATE_KEY };
  // The yaml parser recurses per nesting level; a document nested thousands of levels deep exhausts the stack.
  if (/call stack/i.test(error.message)) return { ...base, ...TOO_DEEP };
  return {
    ...base,
    message: `YAML syntax error: ${error.message}`,
    expected: 'valid YAML',
    hint: 'fix the file at this position, or re-run the command that produced it',
  };
}

const TOO_DEEP = {
  message: 'the YAML document is nested too deeply to read (thousands of levels); the document was not read',
  expected: 'the nesting of kubectl or aliyun output (a few dozen levels)',
  hint: 'use the raw output of kubectl or aliyun; JSON (-o json) is read at any depth',
};

const DUPLICATE_KEY = {
  message: 'duplicate key: this mapping already has a key with this name; the document was not read',
  expected: 'each key once per mapping',
  hint: 'remove one of the two keys (kubectl and aliyun never print duplicates: the file was edited by hand)',
};

export function rawDocument(file: string, docIndex: number, value: unknown, locate: Locate): RawDocument {
  return { file, docIndex, value, locate };
}
