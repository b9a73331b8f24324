import { describe, expect, it } from 'vitest';
import { type CheckResult, check } from '../engine/index.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import { fixtureSnapshot, WEB_A, WEB_B } from '../engine/test-fixtures/cluster.js';
import type { Query, SecurityGroupRule, Snapshot } from '../model/index.js';
import { applyChange } from '../remedy/apply.js';
import type { SnapshotChange } from '../remedy/change.js';
import { mayAffect, recheck } from './recheck.js';
import { compareSnapshots } from './recheck-diff.js';
import { type Footprint, footprintOf } from './recheck-footprint.js';

const before = fixtureSnapshot({});

function changed(change: SnapshotChange, snapshot: Snapshot = before): Snapshot {
  const result = applyChange(snapshot, change);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

const denyAll = (namespace: string): SnapshotChange => ({
  kind: 'kubernetes-manifests',
  file: 'deny.yaml',
  yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: ${namespace}}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`,
});

const dropHttps: SnapshotChange = {
  kind: 'add-security-group-rule',
  rule: {
    securityGroupId: 'sg-pod',
    direction: 'egress',
    policy: 'drop',
    priority: 1,
    protocol: 'tcp',
    portRange: [443, 443],
    cidr: '0.0.0.0/0',
  },
};

const internet: Query = {
  from: { kind: 'pod', namespace: 'shop', name: WEB_A },
  to: { kind: 'address', address: '140.82.112.5' },
  protocol: 'tcp',
  port: 443,
};
const exporterToInternet: Query = {
  from: { kind: 'pod', namespace: 'monitoring', name: 'exporter-a' },
  to: { kind: 'address', address: '140.82.112.5' },
  protocol: 'tcp',
  port: 443,
};
const podToPod: Query = {
  from: { kind: 'pod', namespace: 'shop', name: WEB_A },
  to: { kind: 'pod', namespace: 'shop', name: WEB_B },
  protocol: 'tcp',
  port: 8080,
};
const toService: Query = {
  from: { kind: 'pod', namespace: 'shop', name: WEB_A },
  to: { kind: 'service', namespace: 'shop', name: 'api' },
  protocol: 'tcp',
  port: 80,
};
const byName: Query = {
  from: { kind: 'pod', namespace: 'shop', name: WEB_A },
  to: { kind: 'name', name: 'api.example.com' },
  protocol: 'tcp',
  port: 443,
};

describe('compareSnapshots', () => {
  it('the same snapshot: nothing changed', () => {
    expect(compareSnapshots(before, before).delta).toEqual({ kind: 'none' });
  });

  it('a NetworkPolicy manifest: only its namespace, and the unchanged lists are the before lists again', () => {
    const after = changed(denyAll('monitoring'));
    expect(after.kubernetes.pods).not.toBe(before.kubernetes.pods); // applyChange rebuilt every list
    const { snapshot, delta } = compareSnapshots(before, after);
    expect(delta).toEqual({ kind: 'bounded', policyNamespaces: new Set(['monitoring']), groups: new Map() });
    expect(snapshot.kubernetes.pods).toBe(before.kubernetes.pods);
    expect(snapshot.kubernetes.services).toBe(before.kubernetes.services);
    expect(snapshot.facts).toBe(before.facts);
    expect(snapshot.kubernetes.networkPolicies).toBe(after.kubernetes.networkPolicies);
  });

  it('a policy moved within its namespace changes that namespace only', () => {
    const a = changed(denyAll('shop'));
    const b = changed(denyAll('monitoring'), a);
    const policies = [...b.kubernetes.networkPolicies].reverse();
    const reordered = { ...b, kubernetes: { ...b.kubernetes, networkPolicies: policies } };
    // One policy per namespace: reversing changes no namespace's own list.
    expect(compareSnapshots(b, reordered).delta).toEqual({ kind: 'none' });
  });

  it('an added security group rule: that rule only; a modified rule: it before and after', () => {
    const added = compareSnapshots(before, changed(dropHttps)).delta;
    if (added.kind !== 'bounded') throw new Error(added.kind);
    const change = added.groups.get('sg-pod');
    expect([...added.groups.keys()]).toEqual(['sg-pod']);
    expect(
      change?.kind === 'rules' ? change.rules.map((r) => [r.direction, r.priority, r.policy]) : change,
    ).toEqual([['egress', 1, 'drop']]);
    const rule = before.cloud.securityGroups.find((g) => g.id === 'sg-pod')?.rules?.[0] as SecurityGroupRule;
    const modified = compareSnapshots(
      before,
      changed({
        kind: 'modify-security-group-rule',
        securityGroupId: 'sg-pod',
        ruleId: rule.id as string,
        priority: 2,
      }),
    ).delta;
    if (modified.kind !== 'bounded') throw new Error(modified.kind);
    const m = modified.groups.get('sg-pod');
    expect(m?.kind === 'rules' ? m.rules.map((r) => r.priority) : m).toEqual([rule.priority, 2]);
  });

  it('another field of a group: the whole group; another kind of change: unbounded', () => {
    const groups = before.cloud.securityGroups.map((g) =>
      g.id === 'sg-node' ? { ...g, innerAccessPolicy: 'drop' as const } : g,
    );
    const delta = compareSnapshots(before, {
      ...before,
      cloud: { ...before.cloud, securityGroups: groups },
    }).delta;
    expect(delta).toEqual({
      kind: 'bounded',
      policyNamespaces: new Set(),
      groups: new Map([['sg-node', { kind: 'whole' }]]),
    });
    const annotated = changed({
      kind: 'set-pod-annotations',
      namespace: 'shop',
      pod: WEB_A,
      annotations: { a: 'b' },
    });
    expect(compareSnapshots(before, annotated).delta).toEqual({
      kind: 'unbounded',
      why: 'kubernetes pods changed',
    });
  });
});

describe('footprintOf', () => {
  const index = indexSnapshot(before);
  const of = (q: Query) => footprintOf(check(before, q), q, index);

  it('a pod to the Internet: its namespace, its ENI groups, the port; not another namespace', () => {
    const f = of(internet);
    expect(f.unbounded).toBeUndefined();
    expect(f.namespaces.has('shop')).toBe(true);
    expect(f.namespaces.has('monitoring')).toBe(false);
    expect(f.groups.has('sg-pod')).toBe(true);
    expect(f.ports.has(443)).toBe(true);
    expect(f.portless).toBe(false);
  });

  it('a Service: the Service port and the endpoints’ target port', () => {
    const f = of(toService);
    expect(f.ports.has(80)).toBe(true);
    expect(f.ports.has(9000)).toBe(true);
  });

  it('a name: CoreDNS (kube-system) and port 53 join', () => {
    const f = of(byName);
    expect(f.namespaces.has('kube-system')).toBe(true);
    expect(f.ports.has(53)).toBe(true);
  });

  it('a workload or an error is always traced again', () => {
    const workload: Query = {
      ...internet,
      from: { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'web' },
    };
    expect(of(workload).unbounded).toMatch(/workload/);
    const missing: Query = { ...internet, from: { kind: 'pod', namespace: 'shop', name: 'nope' } };
    expect(of(missing).unbounded).toMatch(/error/);
  });
});

describe('mayAffect', () => {
  const footprint = (ports: number[], portless = false): Footprint => ({
    namespaces: new Set(['shop']),
    groups: new Set(['sg-pod']),
    universe: new Set(['sg-pod', 'sg-node', 'sg-legacy']),
    ports: new Set(ports),
    portless,
  });
  const rule = (over: Partial<SecurityGroupRule>): SecurityGroupRule =>
    ({
      securityGroupId: 'sg-pod',
      direction: 'egress',
      policy: 'drop',
      priority: 1,
      protocol: 'tcp',
      portRange: [443, 443],
      cidr: '0.0.0.0/0',
      origin: { file: 'x' },
      ...over,
    }) as SecurityGroupRule;
  const sg = (r: SecurityGroupRule, id = 'sg-pod') => ({
    kind: 'bounded' as const,
    policyNamespaces: new Set<string>(),
    groups: new Map([[id, { kind: 'rules' as const, rules: [r] }]]),
  });

  it('NetworkPolicies: only of a namespace in the footprint', () => {
    const np = (ns: string) => ({
      kind: 'bounded' as const,
      policyNamespaces: new Set([ns]),
      groups: new Map(),
    });
    expect(mayAffect(np('shop'), footprint([]))).toBe(true);
    expect(mayAffect(np('monitoring'), footprint([]))).toBe(false);
  });

  it('an egress TCP rule only when one of its ports is in the footprint; ingress and other protocols always', () => {
    expect(mayAffect(sg(rule({})), footprint([53, 8080]))).toBe(false);
    expect(mayAffect(sg(rule({})), footprint([53, 443]))).toBe(true);
    expect(mayAffect(sg(rule({ portRange: [1, 1024] })), footprint([53]))).toBe(true);
    expect(mayAffect(sg(rule({ direction: 'ingress' })), footprint([8080]))).toBe(true);
    expect(mayAffect(sg(rule({ protocol: 'all', portRange: null })), footprint([8080]))).toBe(true);
    expect(mayAffect(sg(rule({ portRange: null })), footprint([], true))).toBe(true);
    expect(mayAffect(sg(rule({})), footprint([], true))).toBe(false);
  });

  it('a group outside the footprint never; a whole-group change whenever it is inside', () => {
    expect(mayAffect(sg(rule({ direction: 'ingress' }), 'sg-legacy'), footprint([443]))).toBe(false);
    // A group id the before-snapshot never names: the footprint cannot tell, so it counts.
    expect(mayAffect(sg(rule({ direction: 'ingress' }), 'sg-new'), footprint([443]))).toBe(true);
    const whole = {
      kind: 'bounded' as const,
      policyNamespaces: new Set<string>(),
      groups: new Map([['sg-pod', { kind: 'whole' as const }]]),
    };
    expect(mayAffect(whole, footprint([]))).toBe(true);
    expect(mayAffect({ kind: 'unbounded', why: 'x' }, footprint([]))).toBe(true);
    expect(mayAffect({ ...whole }, { ...footprint([]), unbounded: 'fork' })).toBe(true);
  });
});

describe('recheck', () => {
  const queries = [internet, exporterToInternet, podToPod];
  const beforeResults = queries.map((q) => check(before, q));

  it('a NetworkPolicy in monitoring: only the monitoring pod’s query is traced again', () => {
    const after = changed(denyAll('monitoring'));
    const r = recheck({ before, after, queries, beforeResults, check });
    expect(r.retraced).toEqual([1]);
    expect(r.scope).toBe('changed: NetworkPolicies of monitoring');
    expect(r.results[0]).toBe(beforeResults[0]);
    expect(r.results).toEqual(queries.map((q) => check(after, q)));
  });

  it('an egress Drop of TCP 443 in sg-pod: the Internet query of a pod of sg-pod, not pod → pod on 8080', () => {
    const after = changed(dropHttps);
    const r = recheck({
      before,
      after,
      queries: [internet, podToPod],
      beforeResults: [beforeResults[0], beforeResults[2]] as CheckResult[],
      check,
    });
    expect(r.retraced).toEqual([0]);
    expect(r.results).toEqual([internet, podToPod].map((q) => check(after, q)));
  });

  it('a change it cannot bound traces everything again', () => {
    const after = changed({
      kind: 'set-pod-annotations',
      namespace: 'shop',
      pod: WEB_B,
      annotations: { a: 'b' },
    });
    const r = recheck({ before, after, queries, beforeResults, check });
    expect(r.retraced).toEqual([0, 1, 2]);
    expect(r.scope).toBe('every query traced again: kubernetes pods changed');
  });
});
