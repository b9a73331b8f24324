import type { z } from 'zod';
import type { Origin } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';

type Path = readonly (string | number)[];

/** A problem at a path of a document, with the line the path points to. */
export function problemAt(
  doc: RawDocument,
  path: Path,
  fields: { message: string; expected?: string; hint?: string; severity?: 'error' | 'warning' },
): LoadProblem {
  return problemAtOrigin(doc.locate(path), fields);
}

export function problemAtOrigin(
  origin: Origin,
  fields: { message: string; expected?: string; hint?: string; severity?: 'error' | 'warning' },
): LoadProblem {
  return {
    severity: fields.severity ?? 'error',
    file: origin.file,
    ...(origin.line === undefined ? {} : { line: origin.line }),
    ...(origin.column === undefined ? {} : { column: origin.column }),
    ...(origin.path ? { path: origin.path } : {}),
    message: fields.message,
    ...(fields.expected === undefined ? {} : { expected: fields.expected }),
    ...(fields.hint === undefined ? {} : { hint: fields.hint }),
  };
}

const SKIPPED = 'the object was skipped; fix it and load again (the rest of the file was read)';

let fastShapesEnabled = true;

/**
 * Runs `load` with every fast shape check off, so that all documents go through zod: the reference path of the
 * differential tests (fast-shape.differential.test.ts). Synchronous loads only.
 */
export function withoutFastShapes<T>(load: () => T): T {
  const was = fastShapesEnabled;
  fastShapesEnabled = false;
  try {
    return load();
  } finally {
    fastShapesEnabled = was;
  }
}

/**
 * Validates a document against a schema of only the fields podreach reads (unknown fields pass). Each issue becomes
 * a problem at the line of the offending value; the object is skipped when any issue is found.
 *
 * `fast`, for the kinds a large cluster has by the hundred thousand, is a hand-written check that accepts only what
 * the schema accepts and reads the same (fast-shape.ts); whatever it does not accept goes through zod, so problems
 * are always zod's.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  doc: RawDocument,
  problems: LoadProblem[],
  what: string,
  fast?: (value: unknown) => boolean,
): z.infer<S> | undefined {
  if (fastShapesEnabled && fast?.(doc.value) === true) return doc.value as z.infer<S>;
  const result = schema.safeParse(doc.value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    problems.push(problemAt(doc, path, { ...describeIssue(issue, what), hint: SKIPPED }));
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue, what: string): { message: string; expected?: string } {
  // The problem's path already says where; the message names only the last key (or index).
  const last = issue.path.filter((p): p is string | number => typeof p !== 'symbol').at(-1);
  const field = last === undefined ? 'the object' : typeof last === 'number' ? `item [${last}]` : `"${last}"`;
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined)
      return { message: `${what}: required field ${field} is missing`, expected: issue.expected };
    return {
      message: `${what}: ${field} has the wrong type (found ${describeValue(issue.input)})`,
      expected: issue.expected,
    };
  }
  if (issue.code === 'invalid_value') {
    return {
      message: `${what}: ${field} has an unsupported value (found ${describeValue(issue.input)})`,
      expected: `one of ${issue.values.map((v) => String(v)).join(', ')}`,
    };
  }
  if (issue.code === 'too_small') {
    const bound = issue.origin === 'string' ? 'a non-empty string' : `at least ${String(issue.minimum)}`;
    return {
      message: `${what}: ${field} is out of range (found ${describeValue(issue.input)})`,
      expected: bound,
    };
  }
  if (issue.code === 'too_big') {
    return {
      message: `${what}: ${field} is out of range (found ${describeValue(issue.input)})`,
      expected: `at most ${String(issue.maximum)}`,
    };
  }
  return { message: `${what}: ${field}: ${issue.message}` };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
