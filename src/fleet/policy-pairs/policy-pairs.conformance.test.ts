/**
 * The NetworkPolicy conformance suite (test/conformance/netpol: the upstream e2e layout, 9 pods × TCP/UDP × 80/81,
 * hand-written expected matrices citing e2e/cyclonus/netpol-analyzer) answered by the class tables: every case's
 * whole matrix, through the real snapshot loader, with policies enforced under the case's ipBlock semantics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  type ConformanceCase,
  objectKey,
  PODS,
  PROBES,
  parseCaseFile,
} from '../../../test/conformance/netpol/case-file.js';
import { formatProblem, loadSnapshotFromFiles } from '../../load/index.js';
import { buildPolicyPairs } from './policy-pairs.js';

const suite = join(dirname(fileURLToPath(import.meta.url)), '../../../test/conformance/netpol');
const baseDocuments = parseAllDocuments(readFileSync(join(suite, 'base.yaml'), 'utf8'));
const base = (Array.isArray(baseDocuments) ? baseDocuments : []).map((d) => ({
  value: d.toJS() as unknown,
  text: d.toString(),
}));
const caseFiles = readdirSync(join(suite, 'cases'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function load(c: ConformanceCase) {
  const replaced = new Set(c.documents.map((d) => objectKey(d.value)));
  const kept = base.filter((d) => !replaced.has(objectKey(d.value)));
  return loadSnapshotFromFiles([
    { path: 'base.yaml', content: kept.map((d) => d.text).join('---\n') },
    { path: c.file, content: c.documents.map((d) => d.text).join('---\n') },
  ]);
}

describe('policy pairs on the NetworkPolicy conformance suite', () => {
  it('reads the whole suite', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(50);
  });

  for (const file of caseFiles) {
    const c = parseCaseFile(readFileSync(join(suite, 'cases', file), 'utf8'), file);
    it(`${file}: ${c.name}`, () => {
      const result = load(c);
      expect(result.problems.map(formatProblem)).toEqual([]);
      const pairs = buildPolicyPairs(result.snapshot, {
        includePod: () => true,
        enforcementOf: () => ({ enforced: true, ipBlockMatchesPods: c.ipBlockMatchesPods }),
      });
      const indexOf = (ref: string): number => {
        const [ns = '', name = ''] = ref.split('/');
        const index = pairs.indexOf(ns, name);
        if (index === undefined) throw new Error(`${file}: pod ${ref} missing`);
        return index;
      };
      const mismatches: string[] = [];
      for (const from of PODS) {
        for (const to of PODS) {
          const cells = c.expected.get(from)?.get(to) ?? [];
          PROBES.forEach((probe, i) => {
            const want = cells[i];
            if (want === undefined) return;
            const got = pairs.allowed(indexOf(from), indexOf(to), probe);
            if (got !== want)
              mismatches.push(`${from} -> ${to} ${probe.label}: expected ${want}, got ${got}`);
          });
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
