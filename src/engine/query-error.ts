/**
 * Usage errors (exit code 2) with close matches, so a typo in a pod name gets "did you mean" instead of a trace.
 */
import type { QueryError } from './api.js';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}

/** Up to five candidates close to `wanted`: same name elsewhere, shared prefix, or a small edit distance. */
export function closeMatches(wanted: string, candidates: readonly string[]): string[] {
  const name = wanted.split('/').at(-1) ?? wanted;
  const scored = candidates
    .map((c) => {
      const cName = c.split('/').at(-1) ?? c;
      const score =
        cName === name
          ? 0
          : cName.startsWith(name) || name.startsWith(cName)
            ? 1
            : Math.min(distance(wanted, c), distance(name, cName)) + 1;
      return { c, score };
    })
    .filter((x) => x.score <= Math.max(3, Math.floor(name.length / 3)))
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, 5).map((x) => x.c);
}

export function notFound(
  what: string,
  wanted: string,
  candidates: readonly string[],
  collect: string,
): QueryError {
  const matches = closeMatches(wanted, candidates);
  return {
    message: `${what} ${wanted} is not in the snapshot`,
    hint: matches.length > 0 ? `did you mean ${matches.join(', ')}?` : `add it to the snapshot (${collect})`,
  };
}
