/**
 * The same mutations through the real CLI (`run` from src/cli/main.ts on a snapshot folder on disk): whatever one
 * file of an example holds, `podreach check` answers with a trace (exit 0, 1 or 3, valid JSON on stdout) or exits 2
 * with one line per problem, each naming its file; never an internal error or a stack trace.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { fuzzTimeout, ROOT, runs } from '../reference/example-files.js';
import { CORPUS, serialise } from './corpus.js';
import { mutate, mutation, truncate } from './mutate.js';

const QUERIES: Record<string, string[]> = {
  'flannel-ipv4': ['batch/reporter-7c5f8b6d9-z7x3c', 'rm-bp14sqc6vulowiur9', '--port', '3306'],
  'terway-dualstack': ['shop/web-7d9f8b6c5-x2k4p', 'api.github.com', '--port', '443'],
};

const copies = new Map<string, string>();

function copyOf(example: string): string {
  let dir = copies.get(example);
  if (dir === undefined) {
    dir = mkdtempSync(join(tmpdir(), `podreach-cli-fuzz-${example}-`));
    cpSync(join(ROOT, 'examples', example), dir, { recursive: true });
    copies.set(example, dir);
  }
  return dir;
}

afterAll(() => {
  for (const dir of copies.values()) rmSync(dir, { recursive: true, force: true });
});

const examples = CORPUS.filter((f) =>
  Object.keys(QUERIES).some((name) => f.path.startsWith(`examples/${name}/`)),
);

describe('CLI fuzz: one mutated file in an example', () => {
  it(
    'answers or exits 2 with placed problems; no internal error, no stack trace',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: examples.length - 1 }),
          fc.array(mutation, { maxLength: 3 }),
          fc.option(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
          fc.constantFrom('text', 'json'),
          async (i, mutations, cut, output) => {
            const file = examples[i];
            if (file === undefined) return;
            const [, example = '', ...rest] = file.path.split('/');
            const dir = copyOf(example);
            const target = join(dir, ...rest);
            const text = serialise(file.format, mutate(file.body, mutations));
            writeFileSync(target, cut === null ? text : truncate(text, cut));
            try {
              const io = captureIo();
              const code = await run(
                ['check', '--snapshot', dir, ...(QUERIES[example] ?? []), '--output', output],
                io,
              );
              const err = io.err();
              expect(err).not.toContain('internal error');
              expect(`${io.out()}${err}`).not.toMatch(/\n\s+at \S+ \(/);
              expect([0, 1, 2, 3]).toContain(code);
              if (code === 2) {
                if (err.includes('nothing was checked')) {
                  // Load errors: one line each, naming the file (and line:column where there is one).
                  const problems = err.split('\n').filter((line) => /^(error|warning): /.test(line));
                  expect(problems.length).toBeGreaterThan(0);
                  for (const line of problems)
                    expect(line).toMatch(/^(error|warning): [^:]+\.(json|ya?ml)(:\d+(:\d+)?)?: /);
                } else {
                  // The snapshot loaded but cannot answer the query as asked (the pod or resource went missing).
                  expect(err).toMatch(/^(error|podreach): /);
                }
              } else if (output === 'json') {
                expect(() => JSON.parse(io.out())).not.toThrow();
              }
            } finally {
              writeFileSync(target, file.text);
            }
          },
        ),
        { numRuns: runs(30) },
      );
    },
    fuzzTimeout(),
  );
});
