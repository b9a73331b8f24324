import { formatProblem } from '../load/problem.js';
import { visible } from '../render/sanitize.js';
import type { CommandContext, LoadedSnapshot } from './context.js';

/** `--snapshot`, else `$PODREACH_SNAPSHOT`, else the current folder. */
export function snapshotPath(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (option !== undefined && option !== '') return option;
  const fromEnv = env.PODREACH_SNAPSHOT;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : '.';
}

export function countErrors(result: LoadedSnapshot): number {
  return result.problems.filter((problem) => problem.severity === 'error').length;
}

/**
 * Loads for `check`: with any load error, every problem is printed (formatProblem, one line each, no stack
 * trace) and undefined is returned so the command exits 2; warnings are only counted, `inspect` lists them.
 */
export async function loadForCheck(ctx: CommandContext, path: string): Promise<LoadedSnapshot | undefined> {
  const result = await ctx.deps.loadSnapshot(path);
  const errors = countErrors(result);
  if (errors > 0) {
    for (const problem of result.problems) ctx.io.stderr(`${visible(formatProblem(problem))}\n`);
    ctx.io.stderr(
      `podreach: the snapshot ${visible(path)} has ${errors} error${errors === 1 ? '' : 's'} (listed above); nothing was checked\n`,
    );
    return undefined;
  }
  const warnings = result.problems.length;
  if (warnings > 0) {
    ctx.io.stderr(
      `podreach: ${warnings} warning${warnings === 1 ? '' : 's'} while loading ${visible(path)}; \`podreach inspect --snapshot ${visible(path)}\` lists them\n`,
    );
  }
  return result;
}
