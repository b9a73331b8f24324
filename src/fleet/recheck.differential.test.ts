/**
 * The incremental re-check against the plain path: for many random NetworkPolicy and security group changes (and
 * a few of kinds it cannot bound), on every example cluster and on tiny generated clusters of both CNIs, the
 * answers of recheck() equal a full re-trace on the changed snapshot, query by query. A wrong "unchanged" fails here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../../bench/generate.mjs';
import { check } from '../engine/index.js';
import { mixedQueries } from '../engine/test-fixtures/mixed-queries.js';
import { loadSnapshot, loadSnapshotFromFiles } from '../load/index.js';
import type { NetworkPolicy, SecurityGroupRuleProtocol, Snapshot } from '../model/index.js';
import { applyChange } from '../remedy/apply.js';
import { recheck } from './recheck.js';

type Spec =
  | { kind: 'policy-admit-all'; pick: number }
  | { kind: 'policy-deny-all'; pick: number }
  | { kind: 'policy-remove'; pick: number }
  | { kind: 'policy-manifest'; pick: number; egress: boolean }
  | {
      kind: 'sg-add';
      pick: number;
      direction: 'ingress' | 'egress';
      policy: 'accept' | 'drop';
      priority: number;
      protocol: SecurityGroupRuleProtocol;
      ports: [number, number] | null;
      cidr: string;
    }
  | { kind: 'sg-remove'; pick: number; rule: number }
  | { kind: 'sg-modify'; pick: number; rule: number; priority: number; policy: 'accept' | 'drop' }
  | { kind: 'sg-inner-access'; pick: number; policy: 'accept' | 'drop' }
  | { kind: 'pod-annotation'; pick: number };

const PORTS = [53, 80, 443, 3306, 5432, 6379, 8080, 9090];
const specArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant('policy-admit-all' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('policy-deny-all' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('policy-remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('policy-manifest' as const), pick: fc.nat(), egress: fc.boolean() }),
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('sg-add' as const),
      pick: fc.nat(),
      direction: fc.constantFrom('ingress' as const, 'egress' as const),
      policy: fc.constantFrom('accept' as const, 'drop' as const),
      priority: fc.integer({ min: 1, max: 100 }),
      protocol: fc.constantFrom<SecurityGroupRuleProtocol>('tcp', 'udp', 'icmp', 'all'),
      ports: fc.oneof(
        fc.constant(null),
        fc.constantFrom(...PORTS).map((p) => [p, p] as [number, number]),
        fc.constant([1, 1024] as [number, number]),
      ),
      cidr: fc.constantFrom(
        '0.0.0.0/0',
        '10.0.0.0/8',
        '140.82.112.5/32',
        '100.100.2.136/32',
        '192.168.0.0/16',
      ),
    }),
  },
  fc.record({ kind: fc.constant('sg-remove' as const), pick: fc.nat(), rule: fc.nat() }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('sg-modify' as const),
      pick: fc.nat(),
      rule: fc.nat(),
      priority: fc.integer({ min: 1, max: 100 }),
      policy: fc.constantFrom('accept' as const, 'drop' as const),
    }),
  },
  fc.record({
    kind: fc.constant('sg-inner-access' as const),
    pick: fc.nat(),
    policy: fc.constantFrom('accept' as const, 'drop' as const),
  }),
  fc.record({ kind: fc.constant('pod-annotation' as const), pick: fc.nat() }),
);

function at<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

function withPolicies(snapshot: Snapshot, policies: readonly NetworkPolicy[]): Snapshot {
  return { ...snapshot, kubernetes: { ...snapshot.kubernetes, networkPolicies: policies } };
}

/** The changed snapshot, built as the benchmark does (spreads) or through applyChange; undefined when n/a. */
function applySpec(snapshot: Snapshot, spec: Spec): Snapshot | undefined {
  const policies = snapshot.kubernetes.networkPolicies;
  const groups = snapshot.cloud.securityGroups.filter((g) => g.rules !== undefined);
  const applied = (result: ReturnType<typeof applyChange>) => (result.ok ? result.snapshot : undefined);
  switch (spec.kind) {
    case 'policy-admit-all':
    case 'policy-deny-all':
    case 'policy-remove': {
      const policy = at(policies, spec.pick);
      if (policy === undefined) return undefined;
      if (spec.kind === 'policy-remove')
        return withPolicies(
          snapshot,
          policies.filter((p) => p !== policy),
        );
      const every = [{ peers: [], ports: [], origin: policy.origin }];
      const next: NetworkPolicy =
        spec.kind === 'policy-admit-all'
          ? { ...policy, ingress: every, egress: policy.policyTypes.includes('Egress') ? every : [] }
          : {
              ...policy,
              podSelector: { matchLabels: {}, matchExpressions: [] },
              policyTypes: ['Ingress', 'Egress'],
              ingress: [],
              egress: [],
            };
      return withPolicies(
        snapshot,
        policies.map((p) => (p === policy ? next : p)),
      );
    }
    case 'policy-manifest': {
      const ns = at(snapshot.kubernetes.namespaces, spec.pick)?.name ?? 'kube-system';
      const yaml = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: whatif-deny, namespace: ${ns}}
spec: {podSelector: {}, policyTypes: [Ingress${spec.egress ? ', Egress' : ''}]}
`;
      return applied(applyChange(snapshot, { kind: 'kubernetes-manifests', file: 'deny.yaml', yaml }));
    }
    case 'sg-add': {
      const group = at(groups, spec.pick);
      if (group === undefined) return undefined;
      return applied(
        applyChange(snapshot, {
          kind: 'add-security-group-rule',
          rule: {
            securityGroupId: group.id,
            direction: spec.direction,
            policy: spec.policy,
            priority: spec.priority,
            protocol: spec.protocol,
            portRange: spec.protocol === 'tcp' || spec.protocol === 'udp' ? spec.ports : null,
            cidr: spec.cidr,
          },
        }),
      );
    }
    case 'sg-remove':
    case 'sg-modify': {
      const group = at(groups, spec.pick);
      const rule = group === undefined ? undefined : at(group.rules ?? [], spec.rule);
      if (group === undefined || rule?.id === undefined) return undefined;
      return applied(
        applyChange(
          snapshot,
          spec.kind === 'sg-remove'
            ? { kind: 'remove-security-group-rule', securityGroupId: group.id, ruleId: rule.id }
            : {
                kind: 'modify-security-group-rule',
                securityGroupId: group.id,
                ruleId: rule.id,
                priority: spec.priority,
                policy: spec.policy,
              },
        ),
      );
    }
    case 'sg-inner-access': {
      const group = at(snapshot.cloud.securityGroups, spec.pick);
      if (group === undefined) return undefined;
      const next = { ...group, innerAccessPolicy: spec.policy };
      return {
        ...snapshot,
        cloud: {
          ...snapshot.cloud,
          securityGroups: snapshot.cloud.securityGroups.map((g) => (g === group ? next : g)),
        },
      };
    }
    case 'pod-annotation': {
      const pod = at(snapshot.kubernetes.pods, spec.pick);
      if (pod === undefined) return undefined;
      return applied(
        applyChange(snapshot, {
          kind: 'set-pod-annotations',
          namespace: pod.namespace,
          pod: pod.name,
          annotations: { 'ack.aliyun.com/rds_id': 'rm-x' },
        }),
      );
    }
  }
}

const root = join(import.meta.dirname, '..', '..', 'examples');
const tiny = { nodes: 4, podsPerNode: 5, namespaces: 3, policies: 30, securityGroups: 3, rulesPerGroup: 40 };
const clusters: { name: string; snapshot: Snapshot }[] = [
  ...(await Promise.all(
    readdirSync(root)
      .sort()
      .map(async (name) => ({ name, snapshot: (await loadSnapshot(join(root, name))).snapshot })),
  )),
  ...(['terway', 'flannel'] as const).map((cni) => ({
    name: `generated tiny ${cni}`,
    snapshot: loadSnapshotFromFiles(snapshotToMemory(generateSnapshot({ ...tiny, cni }))).snapshot,
  })),
];

describe.each(clusters)('incremental re-check on $name equals a full re-trace', ({ snapshot }) => {
  const queries = mixedQueries(snapshot, 80, 11);
  const beforeResults = queries.map((q) => check(snapshot, q));

  it('for random NetworkPolicy and security group changes, query by query', () => {
    const totals = { runs: 0, kept: 0, retraced: 0, answersChanged: 0 };
    fc.assert(
      fc.property(specArb, (spec) => {
        const after = applySpec(snapshot, spec);
        if (after === undefined) return;
        const incremental = recheck({ before: snapshot, after, queries, beforeResults, check });
        totals.runs += 1;
        totals.retraced += incremental.retraced.length;
        totals.kept += queries.length - incremental.retraced.length;
        queries.forEach((query, i) => {
          const full = check(after, query);
          if (JSON.stringify(full) !== JSON.stringify(beforeResults[i])) totals.answersChanged += 1;
          expect(incremental.results[i], `query ${i} after ${JSON.stringify(spec)}`).toEqual(full);
        });
      }),
      { numRuns: 40 },
    );
    // Not vacuous: changes did change answers, and the re-check did keep some.
    expect(totals.runs).toBeGreaterThan(10);
    expect(totals.answersChanged).toBeGreaterThan(0);
    expect(totals.kept).toBeGreaterThan(0);
  });
});
