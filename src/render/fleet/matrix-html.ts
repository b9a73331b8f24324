/**
 * The matrix as one self-contained HTML page: no network access (inline CSS, no scripts, no fonts or images), every
 * snapshot string escaped, and light enough for 500 rows × 100 columns: a plain table whose header row and first
 * column stay in view (CSS sticky), one short mark per cell linking to an anchor that holds the trace summary.
 * Identical summaries are written once, so the page grows with the distinct outcomes, not with rows × columns.
 */
import type { Matrix, MatrixCell } from '../../fleet/matrix.js';
import type { Trace } from '../../model/trace.js';
import { escapeHtml } from '../html/escape.js';
import { seenText, VERDICT_MARKS } from './verdict-marks.js';

const STYLE = `
body{font:13px/1.4 system-ui,sans-serif;margin:0;color:#222}
header{padding:8px 12px}
.wrap{overflow:auto;max-height:80vh;border-top:1px solid #ccc;border-bottom:1px solid #ccc}
table{border-collapse:separate;border-spacing:0}
th,td{border-right:1px solid #e3e3e3;border-bottom:1px solid #e3e3e3;padding:2px 4px;white-space:nowrap}
thead th{position:sticky;top:0;background:#f4f4f4;z-index:2;vertical-align:bottom}
thead th.col{writing-mode:vertical-rl;transform:rotate(180deg);max-height:220px;overflow:hidden;text-overflow:ellipsis;font-weight:normal}
tbody th{position:sticky;left:0;background:#fafafa;z-index:1;text-align:left;font-weight:normal}
thead th.corner{left:0;z-index:3}
td{text-align:center;font-size:12px}
td a{color:inherit;text-decoration:none;display:block}
td.reachable{background:#d9f2d9}td.blocked{background:#f7d4d4}td.unresolved{background:#f3ddc7}
td.unknown{background:#f5efc4}td.error{background:#e6dcef}
.n{color:#777}
section.t{border-top:1px solid #eee;padding:6px 12px}section.t:target{background:#fff8d0}
section.t pre{margin:2px 0;white-space:pre-wrap}
`;

function summaryOf(cell: MatrixCell): string {
  if (cell.verdict === 'error') return `not checkable: ${cell.error ?? ''}`;
  const trace: Trace | undefined = cell.trace;
  const lines: string[] = [];
  const seen = seenText(cell);
  lines.push(`${cell.verdict}${seen === '' ? '' : ` — seen as ${seen}`}`);
  if (trace !== undefined) {
    for (const hop of trace.hops) {
      if (hop.result === 'skip') continue;
      const rule = hop.rule === null ? '' : ` [${hop.rule.id}]`;
      const why = hop.result === 'drop' || hop.result === 'unknown' ? `: ${hop.reason}` : '';
      lines.push(`${hop.kind} ${hop.result}${rule}${why}`);
    }
  } else if (cell.blockedAt !== null) {
    lines.push(`${cell.blockedAt.kind} drop [${cell.blockedAt.rule ?? ''}]: ${cell.blockedAt.reason}`);
  }
  return lines.join('\n');
}

export function renderMatrixHtml(matrix: Matrix, options: { readonly title?: string } = {}): string {
  const summaries = new Map<string, number>();
  const anchor = (cell: MatrixCell): number => {
    const text = summaryOf(cell);
    let n = summaries.get(text);
    if (n === undefined) {
      n = summaries.size + 1;
      summaries.set(text, n);
    }
    return n;
  };
  const title = escapeHtml(options.title ?? 'podreach matrix');
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${title}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${title}</h1><p>${matrix.rows.length} rows × ${matrix.columns.length} columns. `,
    `Each row is a workload class traced from one representative pod; the number is how many pods it stands for. `,
    `Cells: ${VERDICT_MARKS.reachable} reachable, ${VERDICT_MARKS.blocked} blocked, ${VERDICT_MARKS.unresolved} unresolved, ${VERDICT_MARKS.unknown} unknown, ${VERDICT_MARKS.error} not checkable; `,
    `the address is what the destination sees; click a cell for its trace summary.</p></header>`,
    `<div class="wrap"><table><thead><tr><th class="corner">workload (pods)</th>`,
  );
  for (const col of matrix.columns) {
    parts.push(
      `<th class="col" title="${escapeHtml(`${col.id} (${col.category})`)}">${escapeHtml(col.id)}</th>`,
    );
  }
  parts.push('</tr></thead><tbody>');
  matrix.rows.forEach((row, r) => {
    const rowTitle = `${row.pods.join(', ')}; traced from ${row.representative}${row.vSwitch === null ? '' : `; vSwitch ${row.vSwitch}`}`;
    parts.push(
      `<tr><th title="${escapeHtml(rowTitle)}">${escapeHtml(row.id)} <span class="n">(${row.pods.length})</span></th>`,
    );
    (matrix.cells[r] ?? []).forEach((cell) => {
      const seen = cell.verdict === 'reachable' ? seenText(cell) : (cell.blockedAt?.kind ?? '');
      parts.push(
        `<td class="${cell.verdict}"><a href="#t${anchor(cell)}">${VERDICT_MARKS[cell.verdict]} ${escapeHtml(seen)}</a></td>`,
      );
    });
    parts.push('</tr>');
  });
  parts.push('</tbody></table></div><h2 style="padding:0 12px">Trace summaries</h2>');
  for (const [text, n] of summaries) {
    parts.push(
      `<section class="t" id="t${n}"><pre>${text.split('\n').map(escapeHtml).join('\n')}</pre></section>`,
    );
  }
  parts.push('</body></html>\n');
  return parts.join('');
}
