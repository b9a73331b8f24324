import type { CheckResult } from '../engine/api.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import type { InspectInput } from '../render/inspect-report.js';
import type { CliIo } from './io.js';

/** What a load gives the CLI: the loader's LoadResult (src/load/index.ts) as inspect and check read it. */
export type LoadedSnapshot = InspectInput;

/** The library functions the commands call; injected so tests can stub them. */
export interface CliDeps {
  loadSnapshot(path: string): Promise<LoadedSnapshot>;
  check(snapshot: Snapshot, query: Query): CheckResult;
  readTextFile(path: string): Promise<string>;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly deps: CliDeps;
  /** Colour for stdout, after NO_COLOR / FORCE_COLOR / --no-color / TTY. */
  color(): boolean;
  /** The exit code the command settled on. */
  exit(code: number): void;
}
