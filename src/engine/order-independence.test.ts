import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../model/index.js';
import { check } from './check.js';
import { fixtureSnapshot, WEB_A, WEB_B } from './test-fixtures/cluster.js';
import { query } from './test-fixtures/query.js';

/** The answer never depends on the order in which the snapshot lists objects (files are read in any order). */
function permuted(snapshot: Snapshot, seed: number): Snapshot {
  let state = seed >>> 0 || 1;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) >>> 0;
      const j = state % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const k = snapshot.kubernetes;
  const c = snapshot.cloud;
  return {
    ...snapshot,
    kubernetes: {
      ...k,
      pods: shuffle(k.pods),
      networkPolicies: shuffle(k.networkPolicies),
      services: shuffle(k.services),
    },
    cloud: {
      ...c,
      snatEntries: shuffle(c.snatEntries),
      routeEntries: shuffle(c.routeEntries),
      eips: shuffle(c.eips),
      networkInterfaces: shuffle(c.networkInterfaces),
      ecsInstances: shuffle(c.ecsInstances),
      vSwitches: shuffle(c.vSwitches),
      securityGroups: shuffle(c.securityGroups).map((g) =>
        g.rules === undefined ? g : { ...g, rules: shuffle(g.rules) },
      ),
    },
  };
}

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-github, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 140.82.112.5/32}}]
`;

describe('order independence', () => {
  const snapshot = fixtureSnapshot({
    objects: [POLICY],
    nodeAEip: '121.40.1.1',
    snat: [
      { id: 'snat-pod-a', vSwitch: 'vsw-pod-a', ips: '47.98.1.10' },
      { id: 'snat-vpc', cidr: '10.0.0.0/8', ips: '47.98.1.12' },
      { id: 'snat-web-a', cidr: '10.0.64.11/32', ips: '47.98.1.99' },
    ],
    sgRules: {
      'sg-pod': [
        {
          id: 'sgr-a',
          direction: 'egress',
          policy: 'Drop',
          priority: 100,
          protocol: 'TCP',
          ports: '25/25',
          cidr: '0.0.0.0/0',
        },
      ],
    },
  });
  const queries = [
    query(`shop/${WEB_A}`, 'api.example.com'),
    query(`shop/${WEB_B}`, '140.82.112.5'),
    query(`shop/${WEB_A}`, '140.82.112.5', { port: 25 }),
    query(`shop/${WEB_B}`, 'svc/shop/api', { port: 80 }),
    query('monitoring/exporter-a', 'rm-orders', { port: 3306 }),
  ];
  const expected = queries.map((q) => check(snapshot, q));

  it('gives the same answers whatever the order of pods, policies, routes, SNAT entries, EIPs, ENIs and rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const shuffled = permuted(snapshot, seed);
        queries.forEach((q, i) => {
          expect(check(shuffled, q)).toEqual(expected[i]);
        });
      }),
      { numRuns: 40 },
    );
  });
});
