/**
 * Incremental re-check after a change (issue 9: 1,000 queries re-checked after one NetworkPolicy or security group
 * change): given the snapshot before and after, the queries and their answers before, trace again only the queries
 * the change can affect and keep the other answers. Conservative by construction: a query is kept only when the
 * change is of a kind whose reach is bounded (recheck-diff.ts) and its answer's footprint (recheck-footprint.ts)
 * does not touch it:
 * - NetworkPolicies of namespace N: a policy selects only pods of its own namespace, and the engine evaluates
 *   policies only for a subject pod (the source for egress, the destination or an endpoint for ingress); so only
 *   answers whose footprint holds a pod (or Service endpoint) of N can differ.
 * - Security group G, when only rules were added, removed or modified: a group's rules are read only when G is
 *   one of the groups of the evaluated ENI (src/engine/hops/security-group-common.ts; a rule naming G as its peer
 *   reads G's members, which come from the ENIs, not its rules). A rule that does not match the packet's
 *   direction, protocol and port is skipped whole (src/eval/security-group.ts matchRule). Egress is evaluated only
 *   on the source's groups with the packet as recorded in the hop (or a traced endpoint's port), so a changed
 *   egress TCP/UDP rule matters only when one of its ports is among the footprint's ports; ingress rules and any
 *   other change of G count whenever G is in the footprint.
 * - Anything else (pods, nodes, ENIs, routes, facts, world.yaml...): every query is traced again.
 * The differential test (recheck.test.ts) compares the result with a full re-trace, query by query.
 */
import type { CheckResult } from '../engine/api.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { Query, SecurityGroupRule, Snapshot } from '../model/index.js';
import { isEveryPort, portInRange } from '../net/port-range.js';
import { compareSnapshots, type GroupChange, type SnapshotDelta } from './recheck-diff.js';
import { type Footprint, footprintOf } from './recheck-footprint.js';

export type CheckFn = (snapshot: Snapshot, query: Query) => CheckResult;

export interface RecheckInput {
  readonly before: Snapshot;
  readonly after: Snapshot;
  readonly queries: readonly Query[];
  /** check(before, queries[i]) for every i. */
  readonly beforeResults: readonly CheckResult[];
  readonly check: CheckFn;
}

export interface Recheck {
  /** The after-snapshot sharing the before-snapshot's unchanged arrays (its index reuses their tables). */
  readonly snapshot: Snapshot;
  /** The answer after the change for every query, in order: traced again, or the answer before when kept. */
  readonly results: readonly CheckResult[];
  /** Indexes of the queries traced again. */
  readonly retraced: readonly number[];
  /** What bounded the re-check, or why every query was traced again. */
  readonly scope: string;
}

const footprints = new WeakMap<Snapshot, WeakMap<CheckResult, Footprint>>();

/** The footprint of an answer over the snapshot it was computed on; cached per answer object. */
export function cachedFootprint(snapshot: Snapshot, result: CheckResult, query: Query): Footprint {
  let perSnapshot = footprints.get(snapshot);
  if (perSnapshot === undefined) {
    perSnapshot = new WeakMap();
    footprints.set(snapshot, perSnapshot);
  }
  let footprint = perSnapshot.get(result);
  if (footprint === undefined) {
    footprint = footprintOf(result, query, indexSnapshot(snapshot));
    perSnapshot.set(result, footprint);
  }
  return footprint;
}

/** Whether a changed rule can match some packet of the footprint (matchRule's direction-free part). */
function ruleMayMatch(rule: SecurityGroupRule, footprint: Footprint): boolean {
  if (rule.direction !== 'egress') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return true;
  if (footprint.portless && isEveryPort(rule.portRange)) return true;
  const range = rule.portRange;
  if (range !== null && range[0] === range[1]) return footprint.ports.has(range[0]);
  for (const port of footprint.ports) if (portInRange(range, port)) return true;
  return false;
}

function groupAffects(change: GroupChange, footprint: Footprint): boolean {
  return change.kind === 'whole' || change.rules.some((rule) => ruleMayMatch(rule, footprint));
}

/** Whether the change can alter this answer. */
export function mayAffect(delta: SnapshotDelta, footprint: Footprint): boolean {
  if (delta.kind === 'none') return false;
  if (delta.kind === 'unbounded' || footprint.unbounded !== undefined) return true;
  for (const ns of delta.policyNamespaces) if (footprint.namespaces.has(ns)) return true;
  for (const [id, change] of delta.groups) {
    // A group the before-snapshot never names (a new id): the footprint cannot tell, so it counts.
    if (!footprint.universe.has(id)) return true;
    if (footprint.groups.has(id) && groupAffects(change, footprint)) return true;
  }
  return false;
}

function describe(delta: SnapshotDelta): string {
  switch (delta.kind) {
    case 'none':
      return 'the change alters nothing the engine reads';
    case 'unbounded':
      return `every query traced again: ${delta.why}`;
    case 'bounded': {
      const parts: string[] = [];
      if (delta.policyNamespaces.size > 0)
        parts.push(`NetworkPolicies of ${[...delta.policyNamespaces].sort().join(', ')}`);
      if (delta.groups.size > 0) parts.push(`security groups ${[...delta.groups.keys()].sort().join(', ')}`);
      return `changed: ${parts.join('; ')}`;
    }
  }
}

export interface RecheckPlan {
  /** The after-snapshot sharing the before-snapshot's unchanged arrays. */
  readonly snapshot: Snapshot;
  /** Indexes of the queries the change can affect. */
  readonly retrace: readonly number[];
  readonly scope: string;
}

/** Which queries to trace again (compares the snapshots, reads the answers' footprints); traces nothing. */
export function planRecheck(input: Omit<RecheckInput, 'check'>): RecheckPlan {
  const { before, queries, beforeResults } = input;
  if (beforeResults.length !== queries.length)
    throw new Error('recheck needs one answer before the change per query');
  const { snapshot, delta } = compareSnapshots(before, input.after);
  const retrace: number[] = [];
  queries.forEach((query, i) => {
    if (
      delta.kind === 'unbounded' ||
      (delta.kind === 'bounded' &&
        mayAffect(delta, cachedFootprint(before, beforeResults[i] as CheckResult, query)))
    )
      retrace.push(i);
  });
  return { snapshot, retrace, scope: describe(delta) };
}

export function recheck(input: RecheckInput): Recheck {
  const plan = planRecheck(input);
  const results: CheckResult[] = [...input.beforeResults];
  for (const i of plan.retrace) results[i] = input.check(plan.snapshot, input.queries[i] as Query);
  return { snapshot: plan.snapshot, results, retraced: plan.retrace, scope: plan.scope };
}
