/**
 * CI smoke test of the benchmark's generator (issue 9): a tiny synthetic cluster of each CNI loads with zero errors
 * and answers a check. Sizes and timings are the benchmark's business (npm run bench), never asserted here.
 */
import { describe, expect, it } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../bench/generate.mjs';
import { check } from '../src/engine/index.js';
import { loadSnapshotFromFiles } from '../src/load/index.js';

const tiny = { nodes: 4, podsPerNode: 5, namespaces: 3, policies: 30, securityGroups: 3, rulesPerGroup: 40 };

describe.each(['flannel', 'terway'] as const)('generated %s snapshot', (cni) => {
  const generated = generateSnapshot({ ...tiny, cni });
  const loaded = loadSnapshotFromFiles(snapshotToMemory(generated));

  it('loads with zero errors and holds what was asked for', () => {
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const k = loaded.snapshot.kubernetes;
    expect(k.nodes).toHaveLength(4);
    // 20 application pods plus the example's CoreDNS pods.
    expect(k.pods.filter((p) => p.namespace !== 'kube-system')).toHaveLength(20);
    expect(k.networkPolicies).toHaveLength(30);
    expect(loaded.snapshot.cloud.securityGroups.map((g) => g.rules?.length)).toEqual([40, 40, 40]);
  });

  it('answers a check from a generated pod to the Internet', () => {
    const pod = generated.catalog.pods[0];
    if (pod === undefined) throw new Error('no pod generated');
    const result = check(loaded.snapshot, {
      from: { kind: 'pod', namespace: pod.namespace, name: pod.name },
      to: { kind: 'address', address: '140.82.112.5' },
      protocol: 'tcp',
      port: 443,
    });
    expect(result.ok).toBe(true);
  });

  it('is deterministic: the same options give the same files', () => {
    const again = snapshotToMemory(generateSnapshot({ ...tiny, cni }));
    expect(again).toEqual(snapshotToMemory(generated));
  });
});
