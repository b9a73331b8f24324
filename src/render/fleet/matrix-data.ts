/**
 * The matrix as plain data, in a stable field order: the JSON output and the base of CSV/HTML. Traces are left
 * out (run `podreach check` on the representative for one).
 */
import type { Matrix } from '../../fleet/matrix.js';

export function matrixData(matrix: Matrix) {
  return {
    schemaVersion: 1 as const,
    rows: matrix.rows.map((r) => ({
      id: r.id,
      workload: r.workload,
      namespace: r.namespace,
      representative: r.representative,
      podCount: r.pods.length,
      pods: r.pods,
      hostNetwork: r.hostNetwork,
      node: r.node,
      vSwitch: r.vSwitch,
      securityGroups: r.securityGroups,
    })),
    columns: matrix.columns.map((c) => ({
      id: c.id,
      category: c.category,
      to: c.label,
      port: c.port,
      protocol: c.protocol,
    })),
    cells: matrix.rows.flatMap((row, r) =>
      matrix.columns.map((col, i) => {
        const cell = matrix.cells[r]?.[i];
        return {
          row: row.id,
          column: col.id,
          verdict: cell?.verdict ?? 'error',
          sourceAddressSeen: cell?.sourceAddressSeen ?? null,
          sourceAddressCandidates: cell?.sourceAddressCandidates ?? [],
          blockedAt: cell?.blockedAt ?? null,
          ...(cell?.error === undefined ? {} : { error: cell.error }),
        };
      }),
    ),
  };
}
