/**
 * Entry point of the `podreach` and `kubectl-podreach` binaries (bin/podreach.js): the program with the real
 * loader and engine. `run` is what tests drive in-process; pass `deps` to stub the loader or the engine.
 */
import { readFile } from 'node:fs/promises';
import { check } from '../engine/index.js';
import { loadSnapshot } from '../load/index.js';
import type { CliDeps } from './context.js';
import { type CliIo, nodeIo } from './io.js';
import { type ProgramOptions, programNameFor, runProgram } from './program.js';
import { PODREACH_VERSION } from './version.js';

export const defaultDeps: CliDeps = {
  loadSnapshot: (path) => loadSnapshot(path),
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
