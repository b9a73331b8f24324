/**
 * The matrix as a terminal table: one line per row (workload class) with a mark per numbered column, the column
 * legend, then the source addresses each row was seen as, with the columns they apply to.
 */
import type { Matrix } from '../../fleet/matrix.js';
import { palette } from '../colors.js';
import { visible } from '../sanitize.js';
import { seenText, VERDICT_MARKS } from './verdict-marks.js';

function ranges(numbers: readonly number[]): string {
  const out: string[] = [];
  let start = numbers[0];
  let prev = start;
  for (const n of [...numbers.slice(1), undefined]) {
    if (n !== undefined && prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (start !== undefined && prev !== undefined) out.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = n;
    prev = n;
  }
  return out.join(',');
}

export function renderMatrixText(matrix: Matrix, options: { readonly color: boolean }): string {
  const c = palette(options.color);
  const paint: Record<string, (s: string) => string> = {
    reachable: c.green,
    blocked: c.red,
    unresolved: c.red,
    unknown: c.yellow,
    error: c.magenta,
  };
  const labels = matrix.rows.map((r) => `${visible(r.id)} (${r.pods.length})`);
  const width = Math.max(10, ...labels.map((l) => l.length));
  const cellWidth = String(matrix.columns.length).length + 1;
  const lines: string[] = [];
  const header = matrix.columns.map((_, i) => String(i + 1).padStart(cellWidth)).join('');
  lines.push(`${'workload (pods)'.padEnd(width)} ${header}`);
  matrix.rows.forEach((_, r) => {
    const marks = (matrix.cells[r] ?? [])
      .map((cell) => {
        const mark = VERDICT_MARKS[cell.verdict];
        return `${' '.repeat(cellWidth - 1)}${(paint[cell.verdict] ?? ((s: string) => s))(mark)}`;
      })
      .join('');
    lines.push(`${(labels[r] ?? '').padEnd(width)} ${marks}`);
  });
  lines.push('');
  lines.push('columns:');
  matrix.columns.forEach((col, i) => {
    lines.push(`${String(i + 1).padStart(4)}  ${visible(col.id)}  (${col.category})`);
  });
  lines.push('');
  lines.push('seen as (source address at the destination, by column):');
  matrix.rows.forEach((row, r) => {
    const byAddress = new Map<string, number[]>();
    (matrix.cells[r] ?? []).forEach((cell, i) => {
      if (cell.verdict !== 'reachable') return;
      const seen = seenText(cell) || 'unknown address';
      byAddress.set(seen, [...(byAddress.get(seen) ?? []), i + 1]);
    });
    const parts = [...byAddress.entries()].map(([a, cols]) => `${visible(a)} → ${ranges(cols)}`);
    lines.push(`  ${visible(row.id)}: ${parts.length === 0 ? 'reaches nothing' : parts.join('; ')}`);
  });
  lines.push('');
  const rowsWithMany = matrix.rows.filter((r) => r.pods.length > 1).length;
  lines.push(
    `${matrix.rows.length} rows (${matrix.rows.reduce((n, r) => n + r.pods.length, 0)} pods; ${rowsWithMany} rows stand for several pods, traced from one) × ${matrix.columns.length} columns. ${VERDICT_MARKS.reachable} reachable ${VERDICT_MARKS.blocked} blocked ${VERDICT_MARKS.unresolved} unresolved ${VERDICT_MARKS.unknown} unknown ${VERDICT_MARKS.error} not checkable`,
  );
  lines.push('Trace any cell: podreach check <representative> <column> (representatives: --output json).');
  return `${lines.join('\n')}\n`;
}
