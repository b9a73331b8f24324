import type { RawDocument } from './raw-document.js';
import type { SnapshotBuilder } from './snapshot-builder.js';

/**
 * An input adapter: the only code that knows a raw API shape. `recognise` looks at content, never at file names
 * (a file name is used only to learn a resource id a body does not carry, e.g.
 * `DescribeDBInstanceIPArrayList.rm-xxxx.json`). `load` adds normalised objects to the builder and reports every
 * problem with its origin; it never throws on bad input.
 */
export interface Adapter {
  readonly name: string;
  /** A short label of what was recognised, for `inspect` (e.g. `kubernetes Pod`, `ecs DescribeInstances`). */
  recognise(doc: RawDocument): string | undefined;
  load(doc: RawDocument, builder: SnapshotBuilder): void;
  /**
   * True when `load` only appends to the builder's arrays and keeps no other state, so that what it added can be
   * undone by truncating them: the session then reads a large List item by item (files/session.ts).
   */
  readonly appendsOnly?: boolean;
  /** Called once after every document was loaded: merge partial pieces, check cross-references. */
  finish?(builder: SnapshotBuilder): void;
}
