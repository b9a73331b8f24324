import type { Origin } from '../model/origin.js';

/**
 * One parsed document of a snapshot file (a YAML stream holds several), with a way to find where any value in it
 * was written. Adapters read `value` and cite `locate(path)` for every object and every problem.
 */
export interface RawDocument {
  /** Path of the file relative to the snapshot root (or as given, for a single-file snapshot). */
  readonly file: string;
  /** Index of the document in its file (0 for JSON). */
  readonly docIndex: number;
  readonly value: unknown;
  /** Origin of the value at `path` (file, line and column when known, and the formatted path). */
  locate(path: readonly (string | number)[]): Origin;
}
