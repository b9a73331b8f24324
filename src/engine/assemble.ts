/**
 * Turns a finished TraceState into the Trace contract: the verdict (unresolved > blocked > unknown > reachable),
 * every drop as a blocker (fixes are filled by a later stage), and the source address the destination sees.
 */
import type { Blocker, Trace, TraceQuery, Verdict } from '../model/index.js';
import type { TraceState } from './context.js';

export function assembleTrace(state: TraceState, query: TraceQuery): Trace {
  const hops = state.hops;
  const blockers: Blocker[] = hops.flatMap((hop, hopIndex) =>
    hop.result === 'drop'
      ? [{ hopIndex, kind: hop.kind, resource: hop.resource, rule: hop.rule, reason: hop.reason, fixes: [] }]
      : [],
  );
  const arrived = hops.at(-1)?.kind === 'destination';
  let verdict: Verdict;
  if (state.unresolved) verdict = 'unresolved';
  else if (blockers.length > 0) verdict = 'blocked';
  else if (hops.some((h) => h.result === 'unknown') || !arrived) verdict = 'unknown';
  else verdict = 'reachable';
  return {
    schemaVersion: 1,
    query,
    verdict,
    sourceAddressSeen: verdict === 'reachable' ? state.packet.src : null,
    sourceAddressCandidates: verdict === 'reachable' ? candidates(state) : [],
    blockedAt: blockers[0] ?? null,
    blockers,
    assumptions: [...state.assumptions],
    missing: [...state.missing],
    hops: [...hops],
  };
}

/** The SNAT alternatives when the last source rewrite had several, else the one source address. */
function candidates(state: TraceState): string[] {
  const src = state.packet.src;
  return state.sourceCandidates.includes(src) ? [...state.sourceCandidates].sort() : [src];
}
