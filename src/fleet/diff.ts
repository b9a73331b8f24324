/**
 * What changed between two snapshots: the same questions (the matrix's pods × destinations, or a list of queries)
 * asked of both, compared pod by pod. A change names the first hop whose decision differs and the rule on each side.
 */
import { formatDestination, formatSource } from '../engine/check.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Hop, Trace, Verdict } from '../model/trace.js';
import { buildMatrix, type CheckFn, cellOf, type MatrixCell, type MatrixOptions } from './matrix.js';

export type ChangeKind = 'became-reachable' | 'became-blocked' | 'verdict-changed' | 'source-address-changed';

export interface HopDecision {
  readonly kind: string;
  readonly result: string;
  readonly resource: string | null;
  readonly rule: string | null;
  readonly reason: string;
}

export interface Change {
  readonly kind: ChangeKind;
  /** The pods (ns/name) or the query source, sorted. */
  readonly sources: readonly string[];
  readonly to: string;
  readonly old: { readonly verdict: Verdict | 'error'; readonly sourceAddresses: readonly string[] };
  readonly new: { readonly verdict: Verdict | 'error'; readonly sourceAddresses: readonly string[] };
  /** The first hop whose decision differs, as it was and as it is (null on a side where it does not exist). */
  readonly hop: { readonly old: HopDecision | null; readonly new: HopDecision | null } | null;
}

export interface SnapshotDiff {
  readonly compared: number;
  readonly changes: readonly Change[];
}

function decision(hop: Hop | undefined): HopDecision | null {
  if (hop === undefined) return null;
  return {
    kind: hop.kind,
    result: hop.result,
    resource: hop.resource?.id ?? null,
    rule: hop.rule?.id ?? null,
    reason: hop.reason,
  };
}

function hopKey(hop: Hop | undefined): string {
  return hop === undefined ? '' : JSON.stringify([hop.kind, hop.result, hop.resource?.id, hop.rule?.id]);
}

/** The first hop (after the source) whose kind, result, resource or rule differs. */
export function firstDifferentHop(a: Trace | undefined, b: Trace | undefined): Change['hop'] {
  if (a === undefined || b === undefined) return null;
  const length = Math.max(a.hops.length, b.hops.length);
  for (let i = 0; i < length; i++) {
    if (hopKey(a.hops[i]) !== hopKey(b.hops[i]))
      return { old: decision(a.hops[i]), new: decision(b.hops[i]) };
  }
  return null;
}

function addresses(cell: MatrixCell): string[] {
  return cell.sourceAddressCandidates.length > 0
    ? [...cell.sourceAddressCandidates]
    : cell.sourceAddressSeen === null
      ? []
      : [cell.sourceAddressSeen];
}

/** The change between two answers to one question, or undefined when they agree. */
export function compareCells(
  sources: readonly string[],
  to: string,
  before: MatrixCell,
  after: MatrixCell,
): Change | undefined {
  const oldAddresses = addresses(before);
  const newAddresses = addresses(after);
  let kind: ChangeKind;
  if (before.verdict !== after.verdict) {
    if (after.verdict === 'reachable') kind = 'became-reachable';
    else if (
      before.verdict === 'reachable' &&
      (after.verdict === 'blocked' || after.verdict === 'unresolved')
    )
      kind = 'became-blocked';
    else kind = 'verdict-changed';
  } else if (oldAddresses.join(',') !== newAddresses.join(',')) {
    kind = 'source-address-changed';
  } else {
    return undefined;
  }
  return {
    kind,
    sources: [...sources].sort(),
    to,
    old: { verdict: before.verdict, sourceAddresses: oldAddresses },
    new: { verdict: after.verdict, sourceAddresses: newAddresses },
    hop: firstDifferentHop(before.trace, after.trace),
  };
}

/** Merges changes that differ only by their sources (several pods of one class, or several classes alike). */
function merge(changes: readonly Change[]): Change[] {
  const byKey = new Map<string, Change>();
  for (const change of changes) {
    const key = JSON.stringify([change.kind, change.to, change.old, change.new, change.hop]);
    const found = byKey.get(key);
    byKey.set(
      key,
      found === undefined ? change : { ...found, sources: [...found.sources, ...change.sources].sort() },
    );
  }
  return [...byKey.values()].sort(
    (a, b) => a.to.localeCompare(b.to) || (a.sources[0] ?? '').localeCompare(b.sources[0] ?? ''),
  );
}

/**
 * Over the matrix: the columns of the new snapshot (so new resources count), every pod present in both. Each pod
 * is answered by its own class's representative in each snapshot, so a pod that moved class is compared correctly.
 */
export function diffMatrix(
  before: Snapshot,
  after: Snapshot,
  check: CheckFn,
  options: MatrixOptions = {},
): SnapshotDiff {
  const newMatrix = buildMatrix(after, check, options);
  const oldMatrix = buildMatrix(before, check, { ...options, columns: newMatrix.columns });
  const oldCell = new Map<string, { rep: string; r: number }>();
  oldMatrix.rows.forEach((row, r) => {
    for (const pod of row.pods) oldCell.set(pod, { rep: row.representative, r });
  });
  const changes: Change[] = [];
  let compared = 0;
  newMatrix.rows.forEach((row, r) => {
    newMatrix.columns.forEach((column, c) => {
      const after = newMatrix.cells[r]?.[c];
      if (after === undefined) return;
      const byOldRow = new Map<number, string[]>();
      for (const pod of row.pods) {
        const old = oldCell.get(pod);
        if (old === undefined) continue;
        byOldRow.set(old.r, [...(byOldRow.get(old.r) ?? []), pod]);
      }
      for (const [oldRow, pods] of byOldRow) {
        compared += pods.length;
        const before = oldMatrix.cells[oldRow]?.[c];
        if (before === undefined) continue;
        const change = compareCells(pods, column.id, before, after);
        if (change !== undefined) changes.push(change);
      }
    });
  });
  return { compared, changes: merge(changes) };
}

export function queryLabel(query: Query): string {
  const port = query.protocol === 'icmp' || query.port === null ? '' : `:${query.port}`;
  return `${formatDestination(query.to)}${port}/${query.protocol}${query.family === undefined ? '' : ` (IPv${query.family})`}`;
}

/** Over given queries: each asked of both snapshots. */
export function diffQueries(
  before: Snapshot,
  after: Snapshot,
  check: CheckFn,
  queries: readonly Query[],
): SnapshotDiff {
  const changes: Change[] = [];
  for (const query of queries) {
    const change = compareCells(
      [formatSource(query.from)],
      queryLabel(query),
      cellOf(check(before, query)),
      cellOf(check(after, query)),
    );
    if (change !== undefined) changes.push(change);
  }
  return { compared: queries.length, changes: merge(changes) };
}
