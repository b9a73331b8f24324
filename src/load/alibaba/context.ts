/**
 * What every Alibaba adapter shares: the action it reads, and reporting problems with the file, line and field path
 * they were found at, what was expected there, and what to do.
 */
import type * as z from 'zod';
import type { Origin } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import type { SnapshotBuilder } from '../snapshot-builder.js';

export type Path = readonly (string | number)[];

/** One OpenAPI action, e.g. `{ service: 'ecs', name: 'DescribeSecurityGroupAttribute' }`. */
export interface Action {
  readonly service: 'cs' | 'ecs' | 'vpc' | 'rds' | 'slb';
  readonly name: string;
}

export function actionLabel(action: Action): string {
  return `${action.service} ${action.name}`;
}

/** What to do about a body that does not read: get a fresh, unedited copy of it. */
export function saveHint(action: Action): string {
  return `save the unedited output of \`aliyun ${action.service} ${action.name}\` again`;
}

export interface BodyContext {
  readonly doc: RawDocument;
  readonly builder: SnapshotBuilder;
  readonly action: Action;
}

export interface ProblemText {
  readonly message: string;
  readonly expected?: string;
  readonly hint?: string;
}

export function problemAt(origin: Origin, severity: LoadProblem['severity'], text: ProblemText): LoadProblem {
  const problem: {
    -readonly [K in keyof LoadProblem]: LoadProblem[K];
  } = { severity, file: origin.file, message: text.message };
  if (origin.line !== undefined) problem.line = origin.line;
  if (origin.column !== undefined) problem.column = origin.column;
  if (origin.path !== '') problem.path = origin.path;
  if (text.expected !== undefined) problem.expected = text.expected;
  if (text.hint !== undefined) problem.hint = text.hint;
  return problem;
}

export function reportError(ctx: BodyContext, path: Path, text: ProblemText): void {
  ctx.builder.problems.push(problemAt(ctx.doc.locate(path), 'error', text));
}

export function reportWarning(ctx: BodyContext, path: Path, text: ProblemText): void {
  ctx.builder.problems.push(problemAt(ctx.doc.locate(path), 'warning', text));
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

const ARTICLES: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  int: 'a whole number',
};

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    // A schema-specific message (e.g. the shape of a wrapper) says more than the bare type.
    return issue.message.startsWith('Invalid input')
      ? (ARTICLES[issue.expected] ?? issue.expected)
      : issue.message;
  }
  if (issue.code === 'invalid_union') {
    const options = issue.errors.map((errors) => (errors[0] ? expectedOf(errors[0]) : undefined));
    const known = options.filter((option): option is string => option !== undefined);
    return known.length > 0 ? known.join(' or ') : undefined;
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return 'a non-empty string';
  if (issue.code === 'invalid_value') return issue.values.map((value) => JSON.stringify(value)).join(' or ');
  return undefined;
}

/**
 * Turns zod issues into problems, one per issue. `skipped` names what is dropped because of them (e.g. `this security
 * group is skipped`), so the user knows the consequence.
 */
export function reportIssues(
  ctx: BodyContext,
  base: Path,
  issues: readonly z.core.$ZodIssue[],
  skipped: string,
): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
    const field = path.length > 0 ? String(path[path.length - 1]) : 'the body';
    const fieldName = typeof path[path.length - 1] === 'number' ? `item ${field}` : field;
    const present = 'input' in issue && issue.input !== undefined;
    const emptyString = issue.code === 'too_small' && issue.origin === 'string' && issue.input === '';
    const what = emptyString
      ? `${fieldName} is empty`
      : issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value'
        ? present
          ? `${fieldName} is ${describeValue(issue.input)}`
          : `${fieldName} is missing`
        : `${fieldName}: ${issue.message}`;
    const expected = expectedOf(issue);
    reportError(ctx, path, {
      message: `${what}; ${skipped}`,
      ...(expected === undefined ? {} : { expected }),
      hint: saveHint(ctx.action),
    });
  }
}

/** Validates `value` with `schema`; reports every issue and returns `undefined` when it does not fit. */
export function validate<S extends z.ZodType>(
  ctx: BodyContext,
  schema: S,
  value: unknown,
  base: Path,
  skipped: string,
): z.infer<S> | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  reportIssues(ctx, base, result.error.issues, skipped);
  return undefined;
}

/** Validates each element of a list on its own, so one bad item never hides the good ones. */
export function validateItems<S extends z.ZodType>(
  ctx: BodyContext,
  schema: S,
  items: readonly unknown[],
  base: Path,
  noun: string,
): { readonly item: z.infer<S>; readonly path: Path }[] {
  const good: { item: z.infer<S>; path: Path }[] = [];
  items.forEach((raw, index) => {
    const path = [...base, index];
    const item = validate(ctx, schema, raw, path, `this ${noun} is skipped`);
    if (item !== undefined) good.push({ item, path });
  });
  return good;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value of the right type that still cannot be read (a priority "abc", a port range "80"). */
export function reportBadValue(
  ctx: BodyContext,
  path: Path,
  value: unknown,
  expected: string,
  skipped: string,
): void {
  const field = String(path[path.length - 1]);
  reportError(ctx, path, {
    message: `${field} is ${describeValue(value)}; ${skipped}`,
    expected,
    hint: `correct the value, or ${saveHint(ctx.action)}`,
  });
}
