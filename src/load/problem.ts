/**
 * A problem found while loading a snapshot. Errors make the CLI exit with code 2 after every file has been read
 * (one bad object never hides the others); warnings are inconsistencies worth a look (both places named).
 */
export interface LoadProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Field path inside the document, e.g. `items[2].spec.egress[0].ports[0].endPort`. */
  readonly path?: string;
  /** What is wrong, in plain words. */
  readonly message: string;
  /** What was expected there. */
  readonly expected?: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** `file:line:col: path: message (expected …) — hint`, one line, no stack trace. */
export function formatProblem(problem: LoadProblem): string {
  const position =
    problem.line === undefined
      ? ''
      : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  const path = problem.path ? ` ${problem.path}:` : '';
  const expected = problem.expected ? ` (expected ${problem.expected})` : '';
  const hint = problem.hint ? ` — ${problem.hint}` : '';
  return `${problem.severity}: ${problem.file}${position}:${path} ${problem.message}${expected}${hint}`;
}
