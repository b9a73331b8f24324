/**
 * Test-only helpers: a RawDocument from JSON text with real line numbers (the `yaml` parser reads JSON, and its
 * LineCounter turns node offsets into lines), and a runner that loads documents through adapters into an empty
 * builder, then calls `finish`.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { formatPath, type Origin } from '../../model/origin.js';
import type { Adapter } from '../adapter.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { emptyBuilder, type SnapshotBuilder } from '../snapshot-builder.js';

export function rawJson(json: string, file = 'cloud/body.json'): RawDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(json, { lineCounter });
  if (document.errors.length > 0) throw new Error(`test body does not parse: ${document.errors[0]?.message}`);
  return {
    file,
    docIndex: 0,
    value: document.toJS(),
    locate(path: readonly (string | number)[]): Origin {
      // A missing field is cited at its nearest present parent.
      for (let length = path.length; length >= 0; length--) {
        const node = document.getIn(path.slice(0, length), true);
        if (isNode(node) && node.range) {
          const position = lineCounter.linePos(node.range[0]);
          return { file, line: position.line, column: position.col, path: formatPath(path) };
        }
      }
      return { file, path: formatPath(path) };
    },
  };
}

export interface RunResult {
  readonly builder: SnapshotBuilder;
  /** For each document, the labels of every adapter that recognised it. */
  readonly recognised: string[][];
  readonly errors: LoadProblem[];
  readonly warnings: LoadProblem[];
}

/** Loads each document with the first adapter that recognises it, then calls every adapter's `finish`. */
export function runAdapters(adapters: readonly Adapter[], docs: readonly RawDocument[]): RunResult {
  const builder = emptyBuilder();
  const recognised: string[][] = [];
  for (const doc of docs) {
    const labels: string[] = [];
    let loaded = false;
    for (const adapter of adapters) {
      const label = adapter.recognise(doc);
      if (label === undefined) continue;
      labels.push(label);
      if (!loaded) adapter.load(doc, builder);
      loaded = true;
    }
    recognised.push(labels);
  }
  for (const adapter of adapters) adapter.finish?.(builder);
  return {
    builder,
    recognised,
    errors: builder.problems.filter((problem) => problem.severity === 'error'),
    warnings: builder.problems.filter((problem) => problem.severity === 'warning'),
  };
}

/** Shorthand: `[file, json]` pairs through the given adapters. */
export function loadBodies(
  adapters: readonly Adapter[],
  ...bodies: readonly (readonly [string, string])[]
): RunResult {
  return runAdapters(
    adapters,
    bodies.map(([file, json]) => rawJson(json, file)),
  );
}
