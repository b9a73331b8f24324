/**
 * Fuzzing the loader (every adapter) with mutated real raw bodies, in-process: whatever the input, loading returns
 * (never throws), every problem names its file and says where (line or field path) unless it concerns the whole
 * file, and a snapshot that loads without errors can be checked without a crash. CI runs a few hundred cases;
 * `PODREACH_FUZZ_RUNS=20000 npx vitest run test/fuzz` (or `npm run fuzz`) runs many more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine/index.js';
import { formatProblem, type LoadProblem, loadSnapshotFromFiles } from '../../src/load/index.js';
import type { Query } from '../../src/model/query.js';
import { fuzzTimeout, runs } from '../reference/example-files.js';
import { CORPUS, serialise } from './corpus.js';
import { mutate, mutation, truncate } from './mutate.js';

/** Problems about a file as a whole carry no position; every other problem must say where it is. */
const WHOLE_FILE = /the file|document \d+ is|no document/;

function expectWellFormed(problems: readonly LoadProblem[], files: readonly string[]): void {
  for (const problem of problems) {
    expect(files).toContain(problem.file);
    expect(['error', 'warning']).toContain(problem.severity);
    expect(problem.message.length).toBeGreaterThan(0);
    const text = formatProblem(problem);
    expect(text).not.toMatch(/\n\s+at /);
    if (problem.severity === 'error' && problem.line === undefined && problem.path === undefined)
      expect(text).toMatch(WHOLE_FILE);
  }
}

/** A few queries that exercise every hop; any answer is fine, a throw is not. */
function queriesFor(snapshot: ReturnType<typeof loadSnapshotFromFiles>['snapshot']): Query[] {
  const pods = snapshot.kubernetes.pods.slice(0, 2);
  const queries: Query[] = [];
  for (const pod of pods) {
    const from = { kind: 'pod', namespace: pod.namespace, name: pod.name } as const;
    queries.push({ from, to: { kind: 'address', address: '8.8.8.8' }, protocol: 'tcp', port: 443 });
    queries.push({ from, to: { kind: 'name', name: 'api.github.com' }, protocol: 'tcp', port: 443 });
    for (const service of snapshot.kubernetes.services.slice(0, 1))
      queries.push({
        from,
        to: { kind: 'service', namespace: service.namespace, name: service.name },
        protocol: 'tcp',
        port: 80,
      });
    for (const other of pods)
      queries.push({
        from,
        to: { kind: 'pod', namespace: other.namespace, name: other.name },
        protocol: 'tcp',
        port: 8080,
      });
  }
  return queries;
}

const fileIndex = fc.nat({ max: CORPUS.length - 1 });

describe('loader fuzz: mutated raw bodies', () => {
  it('every corpus file loads as it is, without errors (the corpus is valid to start with)', () => {
    expect(CORPUS.length).toBeGreaterThan(60);
    for (const file of CORPUS) {
      const result = loadSnapshotFromFiles([{ path: file.path, content: file.text }]);
      expectWellFormed(result.problems, [file.path]);
    }
  });

  it(
    'type changes, removed and extra fields, unicode and huge values: no throw, every problem placed',
    () => {
      fc.assert(
        fc.property(fileIndex, fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, mutations) => {
          const file = CORPUS[i];
          if (file === undefined) return;
          const content = serialise(file.format, mutate(file.body, mutations));
          const result = loadSnapshotFromFiles([{ path: file.path, content }]);
          expectWellFormed(result.problems, [file.path]);
          if (!result.problems.some((p) => p.severity === 'error'))
            for (const query of queriesFor(result.snapshot)) check(result.snapshot, query);
        }),
        { numRuns: runs(400) },
      );
    },
    fuzzTimeout(),
  );

  it(
    'a mutated file among the rest of its example: the whole snapshot still loads and checks without a crash',
    () => {
      const examples = CORPUS.filter((f) => f.path.startsWith('examples/'));
      fc.assert(
        fc.property(
          fc.nat({ max: examples.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          (i, mutations) => {
            const file = examples[i];
            if (file === undefined) return;
            const folder = file.path.split('/').slice(0, 2).join('/');
            const files = examples
              .filter((f) => f.path.startsWith(`${folder}/`))
              .map((f) => ({
                path: f.path,
                content: f === file ? serialise(f.format, mutate(f.body, mutations)) : f.text,
              }));
            const result = loadSnapshotFromFiles(files);
            expectWellFormed(
              result.problems,
              files.map((f) => f.path),
            );
            for (const query of queriesFor(result.snapshot)) check(result.snapshot, query);
          },
        ),
        { numRuns: runs(60) },
      );
    },
    fuzzTimeout(),
  );

  it(
    'truncated files: a cut JSON body is an error with its line; nothing throws',
    () => {
      fc.assert(
        fc.property(fileIndex, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (i, cut) => {
          const file = CORPUS[i];
          if (file === undefined) return;
          const content = truncate(file.text, cut);
          const result = loadSnapshotFromFiles([{ path: file.path, content }]);
          expectWellFormed(result.problems, [file.path]);
          if (
            file.format === 'json' &&
            content.trim().length > 0 &&
            content.trimEnd() !== file.text.trimEnd()
          ) {
            const error = result.problems.find((p) => p.severity === 'error');
            expect(error?.line).toBeGreaterThan(0);
          }
        }),
        { numRuns: runs(300) },
      );
    },
    fuzzTimeout(),
  );

  it(
    'the large-list path (bytes read item by item): mutated and cut JSON lists, no throw, every problem placed',
    () => {
      // jsonFastPathBytes 0 sends every byte content down the path large files take (json-list-splitter.ts).
      const lists = CORPUS.filter((f) => f.format === 'json' && /"items"\s*:/.test(f.text));
      expect(lists.length).toBeGreaterThan(2);
      const encoder = new TextEncoder();
      fc.assert(
        fc.property(
          fc.nat({ max: lists.length - 1 }),
          fc.array(mutation, { maxLength: 3 }),
          fc.option(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
          (i, mutations, cut) => {
            const file = lists[i];
            if (file === undefined) return;
            const text = serialise('json', mutate(file.body, mutations));
            const content = encoder.encode(cut === null ? text : truncate(text, cut));
            const result = loadSnapshotFromFiles([{ path: file.path, content }], { jsonFastPathBytes: 0 });
            expectWellFormed(result.problems, [file.path]);
            // The same body read the ordinary way gives the same errors.
            const ordinary = loadSnapshotFromFiles([{ path: file.path, content }]);
            const errors = (r: typeof result) => r.problems.filter((p) => p.severity === 'error').length > 0;
            expect(errors(result)).toBe(errors(ordinary));
            if (!errors(result)) expect(result.snapshot.kubernetes).toEqual(ordinary.snapshot.kubernetes);
          },
        ),
        { numRuns: runs(300) },
      );
    },
    fuzzTimeout(),
  );

  it(
    'random bytes and random text: no throw',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
          fc.constantFrom('x.json', 'x.yaml', 'x.yml'),
          (content, path) => {
            const result = loadSnapshotFromFiles([{ path, content }]);
            expectWellFormed(result.problems, [path]);
          },
        ),
        { numRuns: runs(300) },
      );
    },
    fuzzTimeout(),
  );
});
