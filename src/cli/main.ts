/**
 * Entry point of the `podreach` and `kubectl-podreach` binaries (bin/podreach.js): the program with the real
 * loader and engine. `run` is what tests drive in-process; pass `deps` to stub the loader or the engine.
 */
import { readFile } from 'node:fs/promises';
import { check } from '../engine/index.js';
import { type LoadOptions, loadSnapshot, loadSnapshotFromFiles } from '../load/index.js';
import type { LoadProblem } from '../load/problem.js';
import type { CliDeps } from './context.js';
import { type CliIo, nodeIo } from './io.js';
import { type ProgramOptions, programNameFor, runProgram } from './program.js';
import { PODREACH_VERSION } from './version.js';

/**
 * `PODREACH_MAX_FILE_BYTES` raises (or lowers) the loader's per-file size limit for every command; a value that is
 * not a positive whole number is reported by the loader's usual error path rather than ignored.
 */
export function loadOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): LoadOptions | LoadProblem {
  const raw = env.PODREACH_MAX_FILE_BYTES;
  if (raw === undefined || raw === '') return {};
  if (!/^[1-9][0-9]*$/.test(raw)) {
    return {
      severity: 'error',
      file: '(environment)',
      path: 'PODREACH_MAX_FILE_BYTES',
      message: `"${raw}" is not a number of bytes`,
      expected: 'a positive whole number, e.g. 1073741824 for 1 GiB',
      hint: 'set PODREACH_MAX_FILE_BYTES to a number of bytes, or unset it for the default of 256 MiB',
    };
  }
  return { maxFileBytes: Number(raw) };
}

export const defaultDeps: CliDeps = {
  loadSnapshot: async (path) => {
    const options = loadOptionsFromEnv(process.env);
    // Nothing is read with a limit the user did not mean: an empty result carrying only this problem.
    if ('severity' in options) return { ...loadSnapshotFromFiles([]), problems: [options] };
    return loadSnapshot(path, options);
  },
  check,
  readTextFile: (path) => readFile(path, 'utf8'),
};

export function run(
  argv: readonly string[],
  io: CliIo,
  deps: Partial<CliDeps> = {},
  options: ProgramOptions = {},
): Promise<number> {
  return runProgram(argv, io, { ...defaultDeps, ...deps }, { version: PODREACH_VERSION, ...options });
}

/** Runs the CLI on this process's arguments and sets its exit code (without cutting stdout short). */
export async function main(): Promise<void> {
  // `podreach check ... | head` closes stdout early: stop quietly instead of throwing EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await run(
    process.argv.slice(2),
    nodeIo(),
    {},
    { name: programNameFor(process.argv[1]) },
  );
}
