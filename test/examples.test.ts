/**
 * End-to-end: every example cluster under examples/ is loaded from its raw files and each hand-written query of its
 * expectations.yaml is traced. The expectations come from the seed page and the reference, never from podreach.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../src/engine/index.js';
import { parseFrom, parseTo } from '../src/engine/test-fixtures/query.js';
import { loadSnapshot } from '../src/load/index.js';
import type { Protocol, Query, Trace, WorkloadTrace } from '../src/model/index.js';

interface Expectation {
  name: string;
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  family?: 4 | 6;
  expect: string;
  sourceAddress?: string | string[];
  blockedAt?: string;
}

function toQuery(e: Expectation): Query {
  return {
    from: parseFrom(e.from),
    to: parseTo(e.to),
    protocol: e.protocol ?? 'tcp',
    port: e.port ?? null,
    ...(e.family === undefined ? {} : { family: e.family }),
  };
}

const root = join(import.meta.dirname, '..', 'examples');
const examples = existsSync(root)
  ? readdirSync(root)
      .filter((d) => existsSync(join(root, d, 'expectations.yaml')))
      .sort()
  : [];

function traces(result: Trace | WorkloadTrace): Trace[] {
  return 'groups' in result ? result.groups.map((g) => g.trace) : [result];
}

function explain(trace: Trace): string {
  return trace.hops.map((h) => `  ${h.kind} ${h.result}: ${h.reason}`).join('\n');
}

for (const example of examples) {
  describe(`examples/${example}`, async () => {
    const loaded = await loadSnapshot(join(root, example));
    const expectations = parse(
      readFileSync(join(root, example, 'expectations.yaml'), 'utf8'),
    ) as Expectation[];

    it('loads without errors', () => {
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    });

    for (const e of expectations) {
      it(e.name, () => {
        const result = check(loaded.snapshot, toQuery(e));
        if (!result.ok) throw new Error(`query error: ${result.error.message} ${result.error.hint ?? ''}`);
        const all = traces('trace' in result ? result.trace : result.workload);
        for (const trace of all) {
          const context = `${e.from} → ${e.to}\n${explain(trace)}`;
          expect(trace.verdict, context).toBe(e.expect);
          if (e.blockedAt !== undefined) expect(trace.blockedAt?.kind, context).toBe(e.blockedAt);
          if (e.sourceAddress !== undefined) {
            const allowed = Array.isArray(e.sourceAddress) ? e.sourceAddress : [e.sourceAddress];
            // A list means the SNAT entry picks one of several addresses per connection: all must be reported.
            expect([...trace.sourceAddressCandidates].sort(), context).toEqual([...allowed].sort());
            expect(allowed, context).toContain(trace.sourceAddressSeen);
          }
        }
      });
    }
  });
}
