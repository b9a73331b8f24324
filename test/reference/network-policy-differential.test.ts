/**
 * NetworkPolicy: random policies replace the Terway example's networkpolicies.yaml (Terway DataPathV2 enforces them
 * through Cilium); the real loader reads them, check() traces pod → pod, and the egress-policy and ingress-policy
 * hops must agree with the naive reference (network-policy-reference.ts). Pod labels and namespace labels below are
 * copied by hand from the example's pods-apps.yaml and namespaces.yaml.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { check } from '../../src/engine/index.js';
import { loadSnapshotFromFiles } from '../../src/load/index.js';
import { exampleFiles, fuzzTimeout, runs } from './example-files.js';
import {
  networkPolicyAllows,
  type PodFacts,
  type RawNetworkPolicy,
  type RawPeer,
  type RawRule,
  type RawSelector,
} from './network-policy-reference.js';

const BASE = exampleFiles('terway-dualstack');
const POLICY_FILE = 'kubernetes/networkpolicies.yaml';

const PODS: Record<string, PodFacts> = {
  'shop/web-7d9f8b6c5-x2k4p': { namespace: 'shop', labels: { app: 'web', tier: 'frontend' } },
  'shop/checkout-5b8c7d9f4-m7q2w': { namespace: 'shop', labels: { app: 'checkout', tier: 'backend' } },
  'shop/cart-redis-0': { namespace: 'shop', labels: { app: 'cart-redis' } },
  'payments/payment-api-6c4d8b7f9-h5t8n': { namespace: 'payments', labels: { app: 'payment-api' } },
  'media/uploader-5c7b8d9f6-p4l5m': { namespace: 'media', labels: { app: 'uploader' } },
};

const NAMESPACE_LABELS: Record<string, Record<string, string>> = {
  shop: { 'kubernetes.io/metadata.name': 'shop', team: 'commerce' },
  payments: { 'kubernetes.io/metadata.name': 'payments', 'pci-scope': 'true', team: 'commerce' },
  media: { 'kubernetes.io/metadata.name': 'media', 'node-local-dns-injection': 'enabled', team: 'media' },
};

/** Label pools with the real values and one that matches nothing. */
const POD_LABELS: Record<string, string[]> = {
  app: ['web', 'checkout', 'cart-redis', 'payment-api', 'uploader', 'none'],
  tier: ['frontend', 'backend'],
  zone: ['a'],
};
const NAMESPACE_LABEL_POOL: Record<string, string[]> = {
  team: ['commerce', 'media', 'sre'],
  'kubernetes.io/metadata.name': ['shop', 'payments', 'media'],
  'pci-scope': ['true'],
};

function selector(pool: Record<string, string[]>): fc.Arbitrary<RawSelector> {
  const keys = Object.keys(pool);
  const pair = fc
    .constantFrom(...keys)
    .chain((key) => fc.tuple(fc.constant(key), fc.constantFrom(...(pool[key] ?? []))));
  const expression = fc.constantFrom(...keys).chain((key) =>
    fc.oneof(
      fc.record({
        key: fc.constant(key),
        operator: fc.constantFrom('In', 'NotIn'),
        values: fc.uniqueArray(fc.constantFrom(...(pool[key] ?? [])), { minLength: 1, maxLength: 2 }),
      }),
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    ),
  );
  return fc
    .record(
      {
        matchLabels: fc
          .uniqueArray(pair, { maxLength: 2, selector: ([key]) => key })
          .map((pairs) => Object.fromEntries(pairs)),
        matchExpressions: fc.array(expression, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((s) => s as RawSelector);
}

const peer: fc.Arbitrary<RawPeer> = fc.oneof(
  fc.record({ podSelector: selector(POD_LABELS) }),
  fc.record({ namespaceSelector: selector(NAMESPACE_LABEL_POOL) }),
  fc.record({ podSelector: selector(POD_LABELS), namespaceSelector: selector(NAMESPACE_LABEL_POOL) }),
);

const QUERY_PORTS = [8080, 8443, 6379, 9121];

const port = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom(...QUERY_PORTS) },
    { requiredKeys: ['port'] },
  ),
  fc
    .record({ port: fc.constantFrom(6000, 8080, 8443), span: fc.constantFrom(0, 1, 500, 3000) })
    .map(({ port: p, span }) => ({
      port: p,
      endPort: p + span,
    })),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP') }),
);

function rule(peersKey: 'from' | 'to'): fc.Arbitrary<RawRule> {
  return fc
    .record({
      peers: fc.option(fc.array(peer, { maxLength: 2 })),
      ports: fc.option(fc.array(port, { maxLength: 2 })),
    })
    .map(({ peers, ports }) => ({
      ...(peers === null ? {} : { [peersKey]: peers }),
      ...(ports === null ? {} : { ports }),
    }));
}

const policy = (index: number): fc.Arbitrary<RawNetworkPolicy> =>
  fc
    .record({
      namespace: fc.constantFrom('shop', 'payments', 'media'),
      podSelector: selector(POD_LABELS),
      policyTypes: fc.option(fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'])),
      ingress: fc.option(fc.array(rule('from'), { maxLength: 2 })),
      egress: fc.option(fc.array(rule('to'), { maxLength: 2 })),
    })
    .map((p) => ({
      metadata: { name: `fuzz-${index}`, namespace: p.namespace },
      spec: {
        podSelector: p.podSelector,
        ...(p.policyTypes === null ? {} : { policyTypes: p.policyTypes }),
        ...(p.ingress === null ? {} : { ingress: p.ingress }),
        ...(p.egress === null ? {} : { egress: p.egress }),
      },
    }));

const policies = fc
  .integer({ min: 0, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policy(i))));

describe('NetworkPolicy: engine hops agree with the reference', () => {
  it(
    'pod to pod, egress on the source and ingress on the destination',
    () => {
      const names = Object.keys(PODS);
      fc.assert(
        fc.property(
          policies,
          fc.constantFrom('tcp' as const, 'udp' as const),
          fc.constantFrom(...QUERY_PORTS),
          (list, protocol, queryPort) => {
            const manifest = {
              apiVersion: 'v1',
              kind: 'List',
              items: list.map((p) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...p })),
            };
            const files = BASE.map((f) =>
              f.path === POLICY_FILE ? { path: f.path, content: stringify(manifest) } : f,
            );
            const loaded = loadSnapshotFromFiles(files);
            expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
            // Every ordered pair of pods against this one set of policies (loading is the slow part).
            for (const fromName of names) {
              for (const toName of names) {
                if (fromName === toName) continue;
                const [fromNs = '', fromPod = ''] = fromName.split('/');
                const [toNs = '', toPod = ''] = toName.split('/');
                const result = check(loaded.snapshot, {
                  from: { kind: 'pod', namespace: fromNs, name: fromPod },
                  to: { kind: 'pod', namespace: toNs, name: toPod },
                  protocol,
                  port: queryPort,
                  family: 4,
                });
                if (!result.ok || !('trace' in result)) throw new Error(JSON.stringify(result));
                const source = PODS[fromName] as PodFacts;
                const destination = PODS[toName] as PodFacts;
                const egress = networkPolicyAllows(
                  list,
                  'Egress',
                  source,
                  destination,
                  NAMESPACE_LABELS,
                  protocol,
                  queryPort,
                );
                const ingress = networkPolicyAllows(
                  list,
                  'Ingress',
                  destination,
                  source,
                  NAMESPACE_LABELS,
                  protocol,
                  queryPort,
                );
                const hop = (kind: string) => result.trace.hops.find((h) => h.kind === kind)?.result;
                const where = `${fromName} → ${toName} ${protocol}/${queryPort}`;
                expect(hop('egress-policy'), where).toBe(egress ? 'pass' : 'drop');
                if (egress) expect(hop('ingress-policy'), where).toBe(ingress ? 'pass' : 'drop');
                if (result.trace.verdict === 'reachable') expect(egress && ingress, where).toBe(true);
              }
            }
          },
        ),
        { numRuns: runs(15) },
      );
    },
    fuzzTimeout(),
  );
});
