/**
 * The matrix figure of the benchmark (issue 9): all workloads × N destinations through src/fleet's buildMatrix,
 * which shares cells between sources the trace cannot tell apart (src/fleet/shared-cells.ts). Called by
 * bench/run.mjs with the loaded snapshot, the engine's `check`, the dist/ importer and the columns.
 *
 * The run is first tried on a slice of the pods (an eighth); when that slice, scaled linearly to all pods, would
 * take longer than `budgetMs`, only the slice is reported, with the full time extrapolated by rows (stated as
 * such). Sharing makes the full run cheaper than linear, so the extrapolation overestimates.
 */

const round = (ms) => Math.round(ms * 1000) / 1000;

export async function measureMatrix({ snapshot, check, dist, columns, budgetMs = 120_000 }) {
  const { buildMatrixWithStats } = await dist('fleet/matrix.js');
  const { sourceRows } = await dist('fleet/sources.js');
  const allRows = sourceRows(snapshot).length;
  const pods = snapshot.kubernetes.pods
    .filter((p) => !p.hostNetwork)
    .sort((a, b) => (a.namespace === b.namespace ? a.name.localeCompare(b.name) : a.namespace.localeCompare(b.namespace)));

  const run = (from) => {
    const t = performance.now();
    const m = buildMatrixWithStats(snapshot, check, from === undefined ? { columns } : { columns, from });
    return { m, ms: performance.now() - t };
  };
  const record = (m, ms) => ({
    rows: m.rows.length,
    allRows,
    rowsBeforeRefinement: m.stats.rowsBeforeRefinement,
    columns: m.columns.length,
    cells: m.rows.length * m.columns.length,
    checks: m.stats.checks,
    sharedCells: m.stats.shared,
    ms: round(ms),
  });

  const slice = pods.slice(0, Math.max(1, Math.ceil(pods.length / 8)));
  const probe = run(slice.map((p) => ({ kind: 'pod', namespace: p.namespace, name: p.name })));
  if (probe.ms * (pods.length / slice.length) > budgetMs) {
    return {
      ...record(probe.m, probe.ms),
      partial: `only the rows of ${slice.length} of ${pods.length} pods run (time budget ${budgetMs / 1000} s)`,
      extrapolatedFullMs: round((probe.ms * allRows) / Math.max(1, probe.m.rows.length)),
    };
  }
  const full = run(undefined);
  return record(full.m, full.ms);
}
