/**
 * The reachability matrix: rows (workload classes, src/fleet/sources.ts) × columns (destinations). No second
 * evaluator: every cell is what `podreach check` prints for the row's representative pod and the column. Cells are
 * shared between sources the trace cannot tell apart (shared-cells.ts), so the engine runs once per class of each
 * column instead of once per cell; `buildMatrixPerRow` is the plain algorithm (one check per cell), kept as the
 * reference the differential tests compare with.
 */
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { type Column, defaultColumns } from './columns.js';
import { type CheckFn, cellOf, type MatrixCell, podQuery } from './matrix-cell.js';
import { refineRows } from './row-refinement.js';
import { SharedCells, type SharingStats } from './shared-cells.js';
import { type SourceRow, type SourceSelector, sourceRows } from './sources.js';

export { type CheckFn, cellOf, type MatrixCell, podQuery } from './matrix-cell.js';

export interface Matrix {
  readonly rows: readonly SourceRow[];
  readonly columns: readonly Column[];
  /** `cells[r][c]` answers rows[r] → columns[c]. */
  readonly cells: readonly (readonly MatrixCell[])[];
}

export interface MatrixOptions {
  readonly from?: readonly SourceSelector[];
  /** Columns to use instead of the defaults. */
  readonly columns?: readonly Column[];
  /** `--port` values for the default columns. */
  readonly ports?: readonly number[];
}

/** The matrix with how much the sharing saved (engine checks run, cells filled from another source's). */
export function buildMatrixWithStats(
  snapshot: Snapshot,
  check: CheckFn,
  options: MatrixOptions = {},
): Matrix & { readonly stats: SharingStats & { readonly rowsBeforeRefinement: number } } {
  const initial = sourceRows(snapshot, options.from ?? []);
  const columns = options.columns ?? defaultColumns(snapshot, options.ports ?? []);
  const index = indexSnapshot(snapshot);
  const sources = initial
    .flatMap((row) => row.pods)
    .flatMap((label) => {
      const slash = label.indexOf('/');
      const pod = index.pod(label.slice(0, slash), label.slice(slash + 1));
      return pod === undefined ? [] : [pod];
    });
  const shared = new SharedCells(snapshot, check, columns, sources);
  const rows = refineRows(initial, shared);
  const cells = rows.map((row) => {
    const facts = shared.factsOf(row.representative);
    return columns.map((_, c) => shared.cell(facts, c));
  });
  return { rows, columns, cells, stats: { ...shared.stats, rowsBeforeRefinement: initial.length } };
}

export function buildMatrix(snapshot: Snapshot, check: CheckFn, options: MatrixOptions = {}): Matrix {
  const { rows, columns, cells } = buildMatrixWithStats(snapshot, check, options);
  return { rows, columns, cells };
}

/** The plain algorithm: one engine check per (row, column), on the rows given. The reference for tests. */
export function buildMatrixPerRow(
  snapshot: Snapshot,
  check: CheckFn,
  rows: readonly SourceRow[],
  columns: readonly Column[],
): Matrix {
  const cells = rows.map((row) =>
    columns.map((col) => cellOf(check(snapshot, podQuery(row.representative, col)))),
  );
  return { rows, columns, cells };
}
