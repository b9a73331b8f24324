/**
 * The snapshot loader: reads a folder (or one file) of raw `kubectl` / `aliyun` outputs and an optional world.yaml,
 * recognises each document by its content, builds the Snapshot and derives the cluster facts. Bad input never
 * throws: every problem is returned with its file, line and path, and the good objects still load.
 */
import { readFile } from 'node:fs/promises';
import type { Snapshot } from '../model/snapshot.js';
import type { Adapter } from './adapter.js';
import { alibabaAdapters } from './alibaba/index.js';
import { computeGaps, deriveClusterFacts, type Gap, warnPodIpsOutsideVSwitches } from './derive/index.js';
import { discover, extensionReason, hasSnapshotExtension } from './files/discover.js';
import { type Ignored, LoadSession } from './files/session.js';
import { kubernetesAdapter } from './kubernetes/index.js';
import type { LoadProblem } from './problem.js';
import { worldAdapter } from './world/index.js';

export type { Gap } from './derive/index.js';
export type { LoadProblem } from './problem.js';
export { formatProblem } from './problem.js';

export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_JSON_FAST_PATH_BYTES = 20 * 1024 * 1024;

export interface LoadOptions {
  /** Files larger than this are refused with an error (default 256 MB). */
  readonly maxFileBytes?: number;
  /** JSON files larger than this are parsed with JSON.parse: faster, but origins have paths and no lines (default 20 MB). */
  readonly jsonFastPathBytes?: number;
  /** Replaces the built-in adapters (tests). */
  readonly adapters?: readonly Adapter[];
}

export interface LoadResult {
  readonly snapshot: Snapshot;
  /** Errors and warnings, in file order. Callers exit with code 2 when any error exists. */
  readonly problems: LoadProblem[];
  readonly recognised: { file: string; as: string[] }[];
  readonly ignored: { file: string; reason: string }[];
  readonly gaps: Gap[];
}

export const BUILT_IN_ADAPTERS: readonly Adapter[] = [worldAdapter, kubernetesAdapter, ...alibabaAdapters];

function session(options: LoadOptions): LoadSession {
  return new LoadSession({
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    jsonFastPathBytes: options.jsonFastPathBytes ?? DEFAULT_JSON_FAST_PATH_BYTES,
    adapters: options.adapters ?? BUILT_IN_ADAPTERS,
  });
}

/** Loads a snapshot folder (recursively, in sorted path order) or a single file. */
export async function loadSnapshot(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const s = session(options);
  const found = await discover(path);
  if (found.failure) {
    s.problems.push({
      severity: 'error',
      file: path,
      message: found.failure.message,
      hint: found.failure.hint,
    });
    return seal(s);
  }
  s.ignored.push(...found.ignored);
  if (found.candidates.length === 0) {
    s.problems.push(emptySnapshotProblem(path, found.ignored.length));
    return seal(s);
  }
  for (const candidate of found.candidates) {
    if (s.refuseIfTooLarge(candidate.file, candidate.size)) continue;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(candidate.absolutePath);
    } catch (error) {
      s.problems.push({
        severity: 'error',
        file: candidate.file,
        message: `the file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        hint: 'check that it exists and is readable',
      });
      continue;
    }
    s.addFile(candidate.file, bytes);
  }
  return seal(s);
}

/** The same as loadSnapshot, for files held in memory (tests, editors). Files are read in sorted path order. */
export function loadSnapshotFromFiles(
  files: readonly { path: string; content: string | Uint8Array }[],
  options: LoadOptions = {},
): LoadResult {
  const s = session(options);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const candidates = sorted.filter((f) => hasSnapshotExtension(f.path));
  for (const f of sorted)
    if (!hasSnapshotExtension(f.path)) s.ignored.push({ file: f.path, reason: extensionReason(f.path) });
  if (candidates.length === 0) {
    s.problems.push(emptySnapshotProblem('(in-memory snapshot)', sorted.length));
    return seal(s);
  }
  for (const f of candidates) s.addFile(f.path, f.content);
  return seal(s);
}

function emptySnapshotProblem(path: string, ignoredCount: number): LoadProblem {
  return {
    severity: 'error',
    file: path,
    message:
      ignoredCount === 0
        ? 'the snapshot is empty: no file found'
        : `the snapshot has no .json, .yaml or .yml file (${ignoredCount} other file${ignoredCount === 1 ? '' : 's'} ignored)`,
    expected: 'kubectl -o yaml|json outputs, aliyun JSON responses and/or world.yaml',
    hint: 'build one as docs/snapshot.md shows, e.g. kubectl get pods,nodes,namespaces,services,endpointslices,networkpolicies -A -o yaml > k8s.yaml',
  };
}

function seal(s: LoadSession): LoadResult {
  s.finish();
  const { kubernetes, cloud, world } = s.builder;
  const facts = deriveClusterFacts(kubernetes, cloud, s.problems);
  warnPodIpsOutsideVSwitches(kubernetes, cloud, facts, s.problems);
  const snapshot: Snapshot = { kubernetes, cloud, world, facts };
  const ignored: Ignored[] = [...s.ignored];
  return {
    snapshot,
    problems: s.problems,
    recognised: s.recognised,
    ignored,
    gaps: computeGaps(snapshot, facts, new Set(s.recognised.flatMap((r) => r.as))),
  };
}
