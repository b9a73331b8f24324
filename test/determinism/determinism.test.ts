/**
 * Same snapshot and query → byte-identical JSON. Twice in a row through the real CLI, and after the input is
 * reshuffled: files renamed into another reading order, list items and YAML documents in another order. Only
 * origins (which name files and lines, and so follow the shuffle) may differ; they are removed before comparing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { captureIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { check } from '../../src/engine/index.js';
import { loadSnapshotFromFiles } from '../../src/load/index.js';
import type { Query } from '../../src/model/query.js';
import { parseQuery } from '../../src/query/parse-query.js';
import { renderTraceJson } from '../../src/render/trace-json.js';
import { exampleFiles, fuzzTimeout, type MemoryFile, ROOT, runs } from '../reference/example-files.js';

const EXAMPLES = ['flannel-ipv4', 'terway-dualstack'] as const;

interface Expectation {
  from: string;
  to: string;
  port?: number;
  protocol?: string;
  family?: number;
}

function queries(example: string): Query[] {
  const list = parse(
    readFileSync(join(ROOT, 'examples', example, 'expectations.yaml'), 'utf8'),
  ) as Expectation[];
  return list.map((e) => {
    const parsed = parseQuery({
      from: e.from,
      to: e.to,
      port: e.port,
      protocol: e.protocol,
      family: e.family,
    });
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  });
}

function answers(files: readonly MemoryFile[], qs: readonly Query[]): string[] {
  const { snapshot } = loadSnapshotFromFiles(files);
  return qs.map((q) => {
    const result = check(snapshot, q);
    if (!result.ok) return JSON.stringify(result.error);
    return renderTraceJson('trace' in result ? result.trace : result.workload);
  });
}

/** The JSON with every `origin` member removed (file names and lines follow the shuffle; nothing else may). */
function withoutOrigins(json: string): string {
  return JSON.stringify(JSON.parse(json, (key, value) => (key === 'origin' ? undefined : value)));
}

/** The first place two JSON values differ, as `path: a ≠ b` (short enough to read in a failure). */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

function differences(actual: readonly string[], expected: readonly string[]): string[] {
  return expected.flatMap((json, i) => {
    const found = firstDifference(JSON.parse(actual[i] ?? 'null'), JSON.parse(json));
    return found === undefined ? [] : [`query ${i}: ${found}`];
  });
}

/** A permutation of `items` drawn from `keys` (one random number per item). */
function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

/** Reorders the main collection of a body: `items` of a Kubernetes list, or the array of an Alibaba response. */
function shuffleBody(body: unknown, keys: readonly number[]): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.items)) return { ...record, items: permute(record.items, keys) };
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(record)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const inner = Object.entries(value as Record<string, unknown>);
    if (inner.length === 1 && Array.isArray(inner[0]?.[1]))
      out[key] = { [inner[0][0]]: permute(inner[0][1] as unknown[], keys) };
  }
  return out;
}

function shuffleFile(file: MemoryFile, keys: readonly number[]): MemoryFile {
  if (file.path.endsWith('.json'))
    return { path: file.path, content: JSON.stringify(shuffleBody(JSON.parse(file.content), keys), null, 1) };
  const docs = parseAllDocuments(file.content).map((d) => shuffleBody(d.toJS(), keys));
  return {
    path: file.path,
    content: permute(docs, [...keys].reverse())
      .map((d) => stringify(d))
      .join('---\n'),
  };
}

describe('determinism', () => {
  it('the CLI prints byte-identical JSON for the same snapshot and query, run after run', async () => {
    for (const example of EXAMPLES) {
      const folder = join(ROOT, 'examples', example);
      const batch = join(mkdtempSync(join(tmpdir(), 'podreach-determinism-')), 'queries.yaml');
      const entries = parse(readFileSync(join(folder, 'expectations.yaml'), 'utf8')) as Expectation[];
      writeFileSync(
        batch,
        stringify(
          entries.map(({ from, to, port, protocol, family }) => ({ from, to, port, protocol, family })),
        ),
      );
      const outputs: string[] = [];
      for (let i = 0; i < 2; i++) {
        const io = captureIo();
        await run(['check', '--snapshot', folder, '--batch', batch], io);
        outputs.push(io.out());
        const inspect = captureIo();
        await run(['inspect', '--snapshot', folder, '--output', 'json'], inspect);
        outputs.push(inspect.out());
      }
      expect(outputs[0]?.length).toBeGreaterThan(1000);
      expect(outputs[2]).toBe(outputs[0]);
      expect(outputs[3]).toBe(outputs[1]);
    }
  });

  for (const example of EXAMPLES) {
    it(`${example}: every list reversed gives the same traces (regression: RDS whitelist group order)`, () => {
      const files = exampleFiles(example);
      const qs = queries(example);
      const reference = answers(files, qs).map(withoutOrigins);
      const descending = Array.from({ length: 40 }, (_, i) => 40 - i);
      const reversed = files.map((f) => shuffleFile(f, descending));
      expect(differences(answers(reversed, qs).map(withoutOrigins), reference)).toEqual([]);
    });

    it(
      `${example}: shuffled files, list items and documents give the same traces`,
      () => {
        const files = exampleFiles(example);
        const qs = queries(example);
        const reference = answers(files, qs).map(withoutOrigins);
        fc.assert(
          fc.property(
            fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
            fc.array(fc.nat(), { minLength: files.length, maxLength: files.length }),
            (keys, renames) => {
              // Renaming (with the folder kept) changes the reading order of the files.
              const shuffled = files.map((f, i) => {
                const slash = f.path.lastIndexOf('/');
                const renamed = `${f.path.slice(0, slash + 1)}${String(renames[i]).padStart(10, '0')}-${f.path.slice(slash + 1)}`;
                return shuffleFile({ path: renamed, content: f.content }, keys);
              });
              expect(differences(answers(shuffled, qs).map(withoutOrigins), reference)).toEqual([]);
            },
          ),
          { numRuns: runs(8) },
        );
      },
      fuzzTimeout(),
    );
  }
});
