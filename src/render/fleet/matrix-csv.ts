import type { Matrix } from '../../fleet/matrix.js';
import { csvLine } from './csv.js';
import { matrixData } from './matrix-data.js';

/** One line per cell (long format: filters and pivots in any spreadsheet). */
export function renderMatrixCsv(matrix: Matrix): string {
  const data = matrixData(matrix);
  const rows = new Map(data.rows.map((r) => [r.id, r]));
  const columns = new Map(data.columns.map((c) => [c.id, c]));
  let out = csvLine([
    'row',
    'workload',
    'pods',
    'representative',
    'column',
    'category',
    'to',
    'port',
    'protocol',
    'verdict',
    'source_address_seen',
    'source_address_candidates',
    'blocked_at',
    'blocking_rule',
    'reason',
  ]);
  for (const cell of data.cells) {
    const row = rows.get(cell.row);
    const col = columns.get(cell.column);
    out += csvLine([
      cell.row,
      row?.workload ?? '',
      row?.podCount ?? 0,
      row?.representative ?? '',
      cell.column,
      col?.category ?? '',
      col?.to ?? '',
      col?.port ?? null,
      col?.protocol ?? '',
      cell.verdict,
      cell.sourceAddressSeen,
      cell.sourceAddressCandidates.join(' '),
      cell.blockedAt?.kind ?? null,
      cell.blockedAt?.rule ?? null,
      cell.blockedAt?.reason ?? cell.error ?? null,
    ]);
  }
  return out;
}
