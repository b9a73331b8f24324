/**
 * The engine's memo caches never change an answer (issue 9: a cache is keyed by the identity of the narrowest input it
 * depends on). For the example clusters and tiny generated clusters of both CNIs, many mixed queries are traced
 * 1. cold: by a fresh instance of the engine's modules (vi.resetModules: every module-level cache is new and empty),
 *    each query on its own structuredClone of the snapshot (new identities, so no cache entry applies);
 * 2. warm: all on the one snapshot by the test's engine instance, whose caches every snapshot of this file fills, in
 *    two different shuffled orders;
 * 3. on changed snapshots that share every unchanged array with the warm one (one object dropped from one list, a
 *    NetworkPolicy loosened, a security group rule removed), against a fresh engine instance on a clone.
 * Every trace must be byte-identical (JSON). A cache keyed too broadly (on an array the answer does not only depend
 * on, or on a module-level variable), or one whose content depends on the order queries arrive in, fails here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../../bench/generate.mjs';
import { loadSnapshot, loadSnapshotFromFiles } from '../load/index.js';
import type { PodEip, Query, Service, Snapshot, Workload } from '../model/index.js';
import { check } from './check.js';
import { mixedQueries, seededRandom, shuffled } from './test-fixtures/mixed-queries.js';

type Check = typeof check;

/** `check` from a new instance of every engine module: nothing it caches was filled before. */
async function freshCheck(): Promise<Check> {
  vi.resetModules();
  const fresh: { check: Check } = await import('./check.js');
  if (fresh.check === check) throw new Error('vi.resetModules did not give a new engine instance');
  return fresh.check;
}

const examplesRoot = join(import.meta.dirname, '..', '..', 'examples');
const tiny = { nodes: 4, podsPerNode: 5, namespaces: 3, policies: 30, securityGroups: 3, rulesPerGroup: 40 };

const answer = (snapshot: Snapshot, query: Query, engine: Check = check) =>
  JSON.stringify(engine(snapshot, query));

/**
 * What the generator does not write, so that each cached lookup has something to find: externalIPs (two Services
 * sharing one), a NodePort Service, a Service naming a CLB by annotation, a PodEIP, a policy-engine DaemonSet (for
 * Flannel), and no Namespace objects (namespaces known from pods and Services only).
 */
function rarer(snapshot: Snapshot): Snapshot {
  const k = snapshot.kubernetes;
  const apps = k.services.filter((s) => s.namespace !== 'default' && s.namespace !== 'kube-system');
  const [a, b, c, d] = apps;
  const lb = snapshot.cloud.loadBalancers[0];
  if (a === undefined || b === undefined || c === undefined || d === undefined || lb === undefined)
    throw new Error('the generated cluster lacks Services or a CLB');
  const services = k.services.map((s): Service => {
    if (s === b) return { ...s, externalIPs: ['198.51.100.10'] };
    if (s === a) return { ...s, externalIPs: ['198.51.100.10', '198.51.100.11'] };
    if (s === c)
      return { ...s, type: 'NodePort', ports: s.ports.map((p, i) => ({ ...p, nodePort: 30080 + i })) };
    if (s === d)
      return {
        ...s,
        annotations: { ...s.annotations, 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id': lb.id },
      };
    return s;
  });
  const pod = k.pods.find((p) => !p.hostNetwork && p.namespace !== 'kube-system' && p.ips.length > 0);
  if (pod === undefined) throw new Error('the generated cluster has no application pod');
  const podEip: PodEip = {
    namespace: pod.namespace,
    name: pod.name,
    allocationId: 'eip-rarer',
    eipAddress: '203.0.113.50',
    status: 'InUse',
    origin: pod.origin,
  };
  const calico: Workload = {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'calico-node',
    labels: {},
    containers: [],
    origin: pod.origin,
  };
  return {
    ...snapshot,
    kubernetes: {
      ...k,
      services,
      podEips: [...k.podEips, podEip],
      workloads: [...k.workloads, calico],
      namespaces: [],
    },
  };
}

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
    const coldCheck = await freshCheck();
    const cold = queries.map((q) => answer(structuredClone(snapshot), q, coldCheck));

    it('gives every answer warm, in any order, byte-identical to a cold clone', () => {
      for (const seed of [1, 2]) {
        const order = shuffled(
          queries.map((_, i) => i),
          seededRandom(seed),
        );
        for (const i of order) expect(answer(snapshot, queries[i] as Query)).toBe(cold[i]);
      }
    });

    it('answers a changed snapshot sharing the unchanged arrays as a fresh engine does on a clone', async () => {
      // Warm every cache on the original first, then ask the variants, which share all but one array with it.
      for (const q of queries) answer(snapshot, q);
      let changedAnswers = 0;
      for (const variant of variants(snapshot)) {
        const subset = queries.filter((_, i) => i % 10 === 0);
        const clone = structuredClone(variant.snapshot);
        const fresh = await freshCheck();
        for (const [i, q] of subset.entries()) {
          const warm = answer(variant.snapshot, q);
          expect(warm, `${variant.name}: query ${i}`).toBe(answer(clone, q, fresh));
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
  const generated = () =>
    loadSnapshotFromFiles(snapshotToMemory(generateSnapshot({ ...tiny, cni }))).snapshot;
  differential(`a tiny generated ${cni} cluster`, generated, 300);
  differential(`a tiny generated ${cni} cluster with rarer objects`, () => rarer(generated()), 300);
}
