/**
 * The engine's memo caches never change an answer (issue 9: a cache is keyed by the identity of the narrowest input it
 * depends on). For the example clusters and tiny generated clusters of both CNIs, many mixed queries are traced
 * 1. cold: each on a fresh structuredClone of the snapshot (new identities, so no cache entry applies);
 * 2. warm: all on the one snapshot, in two different shuffled orders;
 * 3. on changed snapshots that share every unchanged array with the warm one (one object dropped from one list, a
 *    NetworkPolicy loosened, a security group rule removed), against a clone of the changed snapshot.
 * Every trace must be byte-identical (JSON) across the three. A cache keyed too broadly (on an array the answer does
 * not only depend on), or one whose content depends on the order queries arrive in, fails here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../../bench/generate.mjs';
import { loadSnapshot, loadSnapshotFromFiles } from '../load/index.js';
import type { Query, Snapshot } from '../model/index.js';
import { check } from './check.js';
import { mixedQueries, seededRandom, shuffled } from './test-fixtures/mixed-queries.js';

const examplesRoot = join(import.meta.dirname, '..', '..', 'examples');
const tiny = { nodes: 4, podsPerNode: 5, namespaces: 3, policies: 30, securityGroups: 3, rulesPerGroup: 40 };

const answer = (snapshot: Snapshot, query: Query) => JSON.stringify(check(snapshot, query));

/** Changed snapshots that share every array but one with `snapshot`. */
function variants(snapshot: Snapshot): { name: string; snapshot: Snapshot }[] {
  const out: { name: string; snapshot: Snapshot }[] = [];
  const dropMiddle = <T>(list: readonly T[]): T[] => list.filter((_, i) => i !== Math.floor(list.length / 2));
  for (const [key, list] of Object.entries(snapshot.kubernetes)) {
    if (!Array.isArray(list) || list.length === 0) continue;
    out.push({
      name: `kubernetes.${key} minus one`,
      snapshot: { ...snapshot, kubernetes: { ...snapshot.kubernetes, [key]: dropMiddle(list) } },
    });
  }
  for (const [key, list] of Object.entries(snapshot.cloud)) {
    if (!Array.isArray(list) || list.length === 0) continue;
    out.push({
      name: `cloud.${key} minus one`,
      snapshot: { ...snapshot, cloud: { ...snapshot.cloud, [key]: dropMiddle(list) } },
    });
  }
  for (const [key, list] of Object.entries(snapshot.world)) {
    if (!Array.isArray(list) || list.length === 0) continue;
    out.push({
      name: `world.${key} minus one`,
      snapshot: { ...snapshot, world: { ...snapshot.world, [key]: dropMiddle(list) } },
    });
  }
  const policies = snapshot.kubernetes.networkPolicies;
  if (policies.length > 0) {
    const loosened = policies.map((p, i) =>
      i === Math.floor(policies.length / 3)
        ? {
            ...p,
            ingress: [{ peers: [], ports: [], origin: p.origin }],
            egress: [{ peers: [], ports: [], origin: p.origin }],
          }
        : p,
    );
    out.push({
      name: 'one NetworkPolicy allows everything',
      snapshot: { ...snapshot, kubernetes: { ...snapshot.kubernetes, networkPolicies: loosened } },
    });
  }
  const groups = snapshot.cloud.securityGroups.map((g) =>
    g.rules === undefined || g.rules.length === 0 ? g : { ...g, rules: g.rules.slice(1) },
  );
  out.push({
    name: 'the first rule of every security group removed',
    snapshot: { ...snapshot, cloud: { ...snapshot.cloud, securityGroups: groups } },
  });
  return out;
}

function differential(name: string, load: () => Promise<Snapshot> | Snapshot, count: number): void {
  describe(name, async () => {
    const snapshot = await load();
    const queries = mixedQueries(snapshot, count, 9);
    const cold = queries.map((q) => answer(structuredClone(snapshot), q));

    it('gives every answer warm, in any order, byte-identical to a cold clone', () => {
      for (const seed of [1, 2]) {
        const order = shuffled(
          queries.map((_, i) => i),
          seededRandom(seed),
        );
        for (const i of order) expect(answer(snapshot, queries[i] as Query)).toBe(cold[i]);
      }
    });

    it('answers a changed snapshot sharing the unchanged arrays as a clone of it does', () => {
      // Warm every cache on the original first, then ask the variants, which share all but one array with it.
      for (const q of queries) answer(snapshot, q);
      let changedAnswers = 0;
      for (const variant of variants(snapshot)) {
        const subset = queries.filter((_, i) => i % 5 === 0);
        const clone = structuredClone(variant.snapshot);
        for (const [i, q] of subset.entries()) {
          const warm = answer(variant.snapshot, q);
          expect(warm, `${variant.name}: query ${i}`).toBe(answer(clone, q));
          if (warm !== cold[queries.indexOf(q)]) changedAnswers++;
        }
      }
      // The variants are real changes: many answers differ from the unchanged snapshot's.
      expect(changedAnswers).toBeGreaterThan(10);
    });
  });
}

const examples = readdirSync(examplesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

for (const example of examples) {
  differential(
    `examples/${example}`,
    async () => (await loadSnapshot(join(examplesRoot, example))).snapshot,
    300,
  );
}

for (const cni of ['terway', 'flannel'] as const) {
  differential(
    `a tiny generated ${cni} cluster`,
    () => loadSnapshotFromFiles(snapshotToMemory(generateSnapshot({ ...tiny, cni }))).snapshot,
    300,
  );
}
