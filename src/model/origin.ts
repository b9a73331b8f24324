/**
 * Where a piece of the snapshot came from: the file, the line (when the parser could tell) and the field path
 * inside the document. Every rule a trace cites carries one, so a user can open the exact line that decided.
 */
export interface Origin {
  readonly file: string;
  /** 1-based line of the value in the file; absent when the file was read on a fast path without positions. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Field path inside the document, e.g. `items[3].spec.egress[0]` or `Permissions.Permission[2]`. */
  readonly path: string;
}

export function formatOrigin(origin: Origin): string {
  const position =
    origin.line === undefined
      ? ''
      : `:${origin.line}${origin.column === undefined ? '' : `:${origin.column}`}`;
  return origin.path ? `${origin.file}${position} (${origin.path})` : `${origin.file}${position}`;
}

/** Renders a path array the way users read it: `items[3].spec.podSelector`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
