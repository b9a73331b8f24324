/** Stubbed loader and engine for CLI tests: no snapshot on disk, canned traces. */
import type { CheckResult } from '../../engine/api.js';
import type { LoadProblem } from '../../load/problem.js';
import type { Query } from '../../model/query.js';
import { emptySnapshot } from '../../render/test-fixtures/snapshot.js';
import type { CliDeps, LoadedSnapshot } from '../context.js';

export function loaded(problems: LoadProblem[] = []): LoadedSnapshot {
  return { snapshot: emptySnapshot(), problems, recognised: [], ignored: [], gaps: [] };
}

export interface StubCalls {
  readonly loads: string[];
  readonly queries: Query[];
  readonly files: string[];
}

export function stubDeps(options: {
  answer?: (query: Query) => CheckResult;
  load?: (path: string) => Promise<LoadedSnapshot>;
  files?: Record<string, string>;
}): { deps: CliDeps; calls: StubCalls } {
  const calls: StubCalls = { loads: [], queries: [], files: [] };
  const deps: CliDeps = {
    loadSnapshot: async (path) => {
      calls.loads.push(path);
      return options.load === undefined ? loaded() : options.load(path);
    },
    check: (_snapshot, query) => {
      calls.queries.push(query);
      if (options.answer === undefined) throw new Error('no answer stubbed');
      return options.answer(query);
    },
    readTextFile: async (path) => {
      calls.files.push(path);
      const text = options.files?.[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
  };
  return { deps, calls };
}
