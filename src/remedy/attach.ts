/**
 * attachFixes: a pure post-pass over a finished trace. For each blocker it builds the candidate changes
 * (candidates.ts), applies each to a copy of the snapshot in memory (apply.ts), traces the same query again and
 * keeps the candidates that open that blocker, each with its proof (the verdict and source address after the
 * change). A candidate that does not open its blocker is dropped here and caught by the tests.
 */
import type { CheckResult } from '../engine/api.js';
import type { Blocker, Fix, Query, Snapshot, Trace, WorkloadTrace } from '../model/index.js';
import { applyChanges } from './apply.js';
import { candidatesFor } from './candidates.js';
import { renderChange } from './commands.js';

export type CheckFn = (snapshot: Snapshot, query: Query) => CheckResult;

/** The trace a check answers with; a workload answer counts as its worst group. */
function singleTrace(result: CheckResult): Trace | undefined {
  if (!result.ok) return undefined;
  if ('trace' in result) return result.trace;
  const order = ['blocked', 'unresolved', 'unknown', 'reachable'];
  return [...result.workload.groups]
    .map((g) => g.trace)
    .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))[0];
}

function sameBlocker(a: Blocker, b: Blocker): boolean {
  return (
    a.kind === b.kind &&
    (a.resource?.type ?? '') === (b.resource?.type ?? '') &&
    (a.resource?.id ?? '') === (b.resource?.id ?? '')
  );
}

/** The blocker is open when the re-traced flow no longer stops at the same hop and resource. */
export function opens(blocker: Blocker, after: Trace): boolean {
  if (after.verdict === 'reachable') return true;
  return !after.blockers.some((b) => sameBlocker(b, blocker)) && after.verdict !== 'unresolved';
}

export function fixesFor(
  snapshot: Snapshot,
  query: Query,
  trace: Trace,
  blocker: Blocker,
  check: CheckFn,
): Fix[] {
  const hop = trace.hops[blocker.hopIndex];
  if (hop === undefined) return [];
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  for (const candidate of candidatesFor({ snapshot, query, trace, blocker, hop })) {
    const applied = applyChanges(snapshot, candidate.changes);
    if (!applied.ok) continue;
    const after = singleTrace(check(applied.snapshot, candidate.query ?? query));
    if (after === undefined || !opens(blocker, after)) continue;
    const rendered = (candidate.render ?? candidate.changes).map((c) => renderChange(snapshot, c));
    const commands = rendered.flatMap((r) => r.commands);
    const key = `${candidate.kind}\n${commands.join('\n')}\n${rendered.flatMap((r) => r.manifests).join('\n')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fixes.push({
      kind: candidate.kind,
      summary: candidate.summary,
      tradeoffs: candidate.tradeoffs,
      commands,
      manifests: rendered.flatMap((r) => r.manifests),
      needs: [...new Set([...rendered.flatMap((r) => r.needs), ...(candidate.needs ?? [])])],
      proof: { verdict: after.verdict, sourceAddressSeen: after.sourceAddressSeen },
    });
  }
  return fixes;
}

export function attachFixes(snapshot: Snapshot, query: Query, trace: Trace, check: CheckFn): Trace {
  if (trace.blockers.length === 0) return trace;
  const blockers = trace.blockers.map((b) => ({ ...b, fixes: fixesFor(snapshot, query, trace, b, check) }));
  // blockedAt is the same object as blockers[0] (model/trace.ts).
  return { ...trace, blockers, blockedAt: trace.blockedAt === null ? null : (blockers[0] ?? null) };
}

/** Each group of a workload answer is proven with the query re-asked for its first pod. */
export function attachWorkloadFixes(
  snapshot: Snapshot,
  query: Query,
  workload: WorkloadTrace,
  check: CheckFn,
): WorkloadTrace {
  return {
    ...workload,
    groups: workload.groups.map((group) => {
      const first = group.pods[0];
      if (first === undefined) return group;
      const slash = first.indexOf('/');
      const podQuery: Query = {
        ...query,
        from: { kind: 'pod', namespace: first.slice(0, slash), name: first.slice(slash + 1) },
      };
      return { ...group, trace: attachFixes(snapshot, podQuery, group.trace, check) };
    }),
  };
}

/** attachFixes for whatever `check` answered. */
export function attachResultFixes(
  snapshot: Snapshot,
  query: Query,
  result: CheckResult,
  check: CheckFn,
): CheckResult {
  if (!result.ok) return result;
  if ('trace' in result) return { ok: true, trace: attachFixes(snapshot, query, result.trace, check) };
  return { ok: true, workload: attachWorkloadFixes(snapshot, query, result.workload, check) };
}
