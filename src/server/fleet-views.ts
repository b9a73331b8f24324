/**
 * The matrix and audit as the UI reads them: the fleet module's answers (src/fleet) without the traces they keep
 * (a cell opens its trace through /api/query), each column with the TO text `check` takes.
 */
import type { CheckResult } from '../engine/api.js';
import { formatDestination } from '../engine/index.js';
import { auditSnapshot, type Finding } from '../fleet/audit.js';
import { buildMatrix, type MatrixCell } from '../fleet/matrix.js';
import type { SourceRow } from '../fleet/sources.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';

type CheckFn = (snapshot: Snapshot, query: Query) => CheckResult;

export interface MatrixColumnView {
  readonly id: string;
  readonly category: string;
  readonly label: string;
  /** The TO text of `podreach check`. */
  readonly to: string;
  readonly port: number | null;
  readonly protocol: string;
}

export interface MatrixView {
  readonly rows: readonly SourceRow[];
  readonly columns: readonly MatrixColumnView[];
  readonly cells: readonly (readonly Omit<MatrixCell, 'trace'>[])[];
}

export function matrixView(snapshot: Snapshot, check: CheckFn): MatrixView {
  const matrix = buildMatrix(snapshot, check);
  return {
    rows: matrix.rows,
    columns: matrix.columns.map((column) => ({
      id: column.id,
      category: column.category,
      label: column.label,
      to: formatDestination(column.to),
      port: column.port,
      protocol: column.protocol,
    })),
    cells: matrix.cells.map((row) => row.map(cellView)),
  };
}

/** The cell's fields by name: reading `trace` would trace the cell (matrix cells trace on first read). */
function cellView(cell: MatrixCell): Omit<MatrixCell, 'trace'> {
  return {
    verdict: cell.verdict,
    sourceAddressSeen: cell.sourceAddressSeen,
    sourceAddressCandidates: cell.sourceAddressCandidates,
    blockedAt: cell.blockedAt,
    ...(cell.error === undefined ? {} : { error: cell.error }),
  };
}

export type FindingView = Omit<Finding, 'trace'>;

export function auditView(snapshot: Snapshot, check: CheckFn): FindingView[] {
  return auditSnapshot(snapshot, check).map(({ trace: _trace, ...finding }) => finding);
}
