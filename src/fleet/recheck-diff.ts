/**
 * What a change did to a snapshot, found by comparing the two snapshots array by array and element by element by
 * object identity (applyChange and the benchmark build a changed snapshot with spreads: untouched objects are the
 * same objects). The result says which kinds of change the incremental re-check can bound (recheck.ts):
 * NetworkPolicies (by namespace) and security groups (by group, by rule); any other difference is `unbounded`,
 * and then every query is traced again.
 *
 * The same comparison gives the after-snapshot back with the before-snapshot's arrays wherever their elements are
 * the same objects in the same order (applyChange rebuilds every Kubernetes list when it merges manifests), so the
 * snapshot index (src/engine/snapshot-index.ts, cached per array) reuses every table of the unchanged parts.
 */
import type { NetworkPolicy, SecurityGroup, SecurityGroupRule, Snapshot } from '../model/index.js';

/** How one security group changed. */
export type GroupChange =
  /** Added, removed, or another field than its rules changed (type, InnerAccessPolicy...): anything may differ. */
  | { readonly kind: 'whole' }
  /** Only rules were added or removed (a modified rule is both): these, before and after. */
  | { readonly kind: 'rules'; readonly rules: readonly SecurityGroupRule[] };

export type SnapshotDelta =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'bounded';
      /** Namespaces whose NetworkPolicies (as an ordered list) differ. */
      readonly policyNamespaces: ReadonlySet<string>;
      /** Security groups that differ, by id. */
      readonly groups: ReadonlyMap<string, GroupChange>;
    }
  | { readonly kind: 'unbounded'; readonly why: string };

export interface SnapshotComparison {
  /** The after-snapshot, holding the before-snapshot's arrays (and facts, world) wherever they are unchanged. */
  readonly snapshot: Snapshot;
  readonly delta: SnapshotDelta;
}

/** Same elements, same order, by identity. */
function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deep equality of plain data (facts, world): identity first, else the JSON text. */
function sameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function byNamespace(policies: readonly NetworkPolicy[]): Map<string, NetworkPolicy[]> {
  const out = new Map<string, NetworkPolicy[]>();
  for (const policy of policies) {
    const list = out.get(policy.namespace);
    if (list === undefined) out.set(policy.namespace, [policy]);
    else list.push(policy);
  }
  return out;
}

/**
 * Namespaces whose policy list differs. The engine reads a pod's policies only from its own namespace, in array
 * order (src/eval/network-policy.ts: "only those of the evaluated pod's namespace take part"), so the relative
 * order of policies of different namespaces never matters.
 */
function changedPolicyNamespaces(
  before: readonly NetworkPolicy[],
  after: readonly NetworkPolicy[],
): Set<string> {
  const a = byNamespace(before);
  const b = byNamespace(after);
  const changed = new Set<string>();
  for (const ns of new Set([...a.keys(), ...b.keys()])) {
    if (!sameElements(a.get(ns) ?? [], b.get(ns) ?? [])) changed.add(ns);
  }
  return changed;
}

function groupChange(before: SecurityGroup, after: SecurityGroup): GroupChange | undefined {
  if (before === after) return undefined;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('rules');
  for (const key of keys) {
    if (!sameData(before[key as keyof SecurityGroup], after[key as keyof SecurityGroup]))
      return { kind: 'whole' };
  }
  if (before.rules === undefined || after.rules === undefined)
    return before.rules === after.rules ? undefined : { kind: 'whole' };
  const inAfter = new Set(after.rules);
  const inBefore = new Set(before.rules);
  const removed = before.rules.filter((r) => !inAfter.has(r));
  const added = after.rules.filter((r) => !inBefore.has(r));
  // The rules both keep must keep their order: equal-ranked rules are told apart by their order (a stable sort).
  if (
    !sameElements(
      before.rules.filter((r) => inAfter.has(r)),
      after.rules.filter((r) => inBefore.has(r)),
    )
  )
    return { kind: 'whole' };
  if (removed.length === 0 && added.length === 0) return undefined;
  return { kind: 'rules', rules: [...removed, ...added] };
}

/** Groups that differ, by id; undefined when an id is duplicated (which of the two the index keeps is not ours). */
function changedGroups(
  before: readonly SecurityGroup[],
  after: readonly SecurityGroup[],
): Map<string, GroupChange> | undefined {
  const index = (list: readonly SecurityGroup[]) => {
    const map = new Map<string, SecurityGroup>();
    for (const g of list) {
      if (map.has(g.id)) return undefined;
      map.set(g.id, g);
    }
    return map;
  };
  const a = index(before);
  const b = index(after);
  if (a === undefined || b === undefined) return undefined;
  const changed = new Map<string, GroupChange>();
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id);
    const y = b.get(id);
    const change = x === undefined || y === undefined ? { kind: 'whole' as const } : groupChange(x, y);
    if (change !== undefined) changed.set(id, change);
  }
  return changed;
}

/** Shares the unchanged arrays of one part (kubernetes or cloud); lists the keys whose arrays differ. */
function sharePart<T extends object>(before: T, after: T): { part: T; changed: string[] } {
  const part: Record<string, unknown> = {};
  const changed: string[] = [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const x = b[key];
    const y = a[key];
    const same = Array.isArray(x) && Array.isArray(y) ? sameElements(x, y) : x === y;
    if (same) part[key] = x;
    else {
      part[key] = y;
      changed.push(key);
    }
  }
  return { part: part as T, changed };
}

export function compareSnapshots(before: Snapshot, after: Snapshot): SnapshotComparison {
  const kubernetes = sharePart(before.kubernetes, after.kubernetes);
  const cloud = sharePart(before.cloud, after.cloud);
  const sameWorld = sameData(before.world, after.world);
  const sameFacts = sameData(before.facts, after.facts);
  const snapshot: Snapshot = {
    ...after,
    kubernetes: kubernetes.part,
    cloud: cloud.part,
    world: sameWorld ? before.world : after.world,
    facts: sameFacts ? before.facts : after.facts,
  };
  const unbounded = (why: string): SnapshotComparison => ({ snapshot, delta: { kind: 'unbounded', why } });
  const extraKeys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of ['kubernetes', 'cloud', 'world', 'facts']) extraKeys.delete(key);
  for (const key of extraKeys) {
    if (!sameData(before[key as keyof Snapshot], after[key as keyof Snapshot]))
      return unbounded(`the snapshot's ${key} changed`);
  }
  if (!sameFacts) return unbounded('the cluster facts changed');
  if (!sameWorld) return unbounded('world.yaml changed');
  const other = [
    ...kubernetes.changed.filter((k) => k !== 'networkPolicies').map((k) => `kubernetes ${k}`),
    ...cloud.changed.filter((k) => k !== 'securityGroups').map((k) => `cloud ${k}`),
  ];
  if (other.length > 0) return unbounded(`${other.join(', ')} changed`);
  const policyNamespaces = kubernetes.changed.includes('networkPolicies')
    ? changedPolicyNamespaces(before.kubernetes.networkPolicies, after.kubernetes.networkPolicies)
    : new Set<string>();
  const groups = cloud.changed.includes('securityGroups')
    ? changedGroups(before.cloud.securityGroups, after.cloud.securityGroups)
    : new Map<string, GroupChange>();
  if (groups === undefined) return unbounded('a security group id is listed twice');
  if (policyNamespaces.size === 0 && groups.size === 0) return { snapshot, delta: { kind: 'none' } };
  return { snapshot, delta: { kind: 'bounded', policyNamespaces, groups } };
}
