/**
 * One matrix cell: the fields of a trace the matrix prints, as `check` gives them for one source pod and column.
 */
import type { CheckResult } from '../engine/api.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Trace, Verdict } from '../model/trace.js';
import type { Column } from './columns.js';

export type CheckFn = (snapshot: Snapshot, query: Query) => CheckResult;

export interface MatrixCell {
  /** `error` when the engine refused the query (e.g. a Service port the pod cannot name). */
  readonly verdict: Verdict | 'error';
  readonly sourceAddressSeen: string | null;
  readonly sourceAddressCandidates: readonly string[];
  readonly blockedAt: {
    readonly kind: string;
    readonly resource: string | null;
    readonly rule: string | null;
    readonly reason: string;
  } | null;
  /** The engine's message when verdict is `error`. */
  readonly error?: string;
  /** The representative's trace (kept for HTML summaries and diff; not part of the JSON output). */
  readonly trace?: Trace | undefined;
}

export function podQuery(representative: string, column: Column): Query {
  const [namespace = '', name = ''] = representative.split('/');
  return {
    from: { kind: 'pod', namespace, name },
    to: column.to,
    protocol: column.protocol,
    port: column.port,
  };
}

const RANK: Readonly<Record<Verdict, number>> = { blocked: 3, unresolved: 2, unknown: 1, reachable: 0 };

export function cellOf(result: CheckResult): MatrixCell {
  if (!result.ok) {
    return {
      verdict: 'error',
      sourceAddressSeen: null,
      sourceAddressCandidates: [],
      blockedAt: null,
      error: result.error.message,
    };
  }
  // A workload answer counts as its worst group (the same order WorkloadTrace.verdict uses).
  const trace =
    'trace' in result
      ? result.trace
      : [...result.workload.groups].sort((a, b) => RANK[b.trace.verdict] - RANK[a.trace.verdict])[0]?.trace;
  if (trace === undefined) {
    return {
      verdict: 'error',
      sourceAddressSeen: null,
      sourceAddressCandidates: [],
      blockedAt: null,
      error: 'no trace',
    };
  }
  const b = trace.blockedAt;
  return {
    verdict: trace.verdict,
    sourceAddressSeen: trace.sourceAddressSeen,
    sourceAddressCandidates: trace.sourceAddressCandidates,
    blockedAt:
      b === null
        ? null
        : { kind: b.kind, resource: b.resource?.id ?? null, rule: b.rule?.id ?? null, reason: b.reason },
    trace,
  };
}
