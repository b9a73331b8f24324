/**
 * `podreach matrix --policy-only` for a terminal: the namespace table (allowed pod pairs / all pod pairs per cell)
 * with the totals and what the answer ignores, or one pod pair's verdict per port. Snapshot names go through
 * `visible` (src/render/sanitize.ts) before they are measured and padded.
 */
import { visible } from '../sanitize.js';
import {
  POLICY_ONLY_NOTE,
  type PolicyMatrixResult,
  type PolicyNamespaceMatrix,
  type PolicyPairResult,
} from './policy-matrix-result.js';

const WIDTH = 100;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function table(result: PolicyNamespaceMatrix): string[] {
  const cell = new Map(
    result.rows.map((r) => [
      `${r.from}\n${r.to}`,
      `${r.allowed}/${r.pairs}${r.unknown > 0 ? ` ?${r.unknown}` : ''}`,
    ]),
  );
  const corner = 'from \\ to';
  const rowLabels = result.from.map(visible);
  const firstWidth = Math.max(corner.length, ...rowLabels.map((l) => l.length));
  const widths = result.to.map((t) =>
    Math.max(visible(t).length, ...result.from.map((f) => (cell.get(`${f}\n${t}`) ?? '').length)),
  );
  const line = (first: string, cells: readonly string[]) =>
    `${first.padEnd(firstWidth)}  ${cells.map((c, k) => c.padStart(widths[k] as number)).join('  ')}`.trimEnd();
  return [
    line(corner, result.to.map(visible)),
    ...result.from.map((f, k) =>
      line(
        rowLabels[k] as string,
        result.to.map((t) => cell.get(`${f}\n${t}`) ?? ''),
      ),
    ),
  ];
}

function renderNamespaces(result: PolicyNamespaceMatrix): string[] {
  const t = result.totals;
  return [
    'Pod pairs allowed by NetworkPolicy / all pod pairs, from the row namespace to the column namespace (?N: N more unknown):',
    ...table(result),
    '',
    `pods: ${result.namespaces.map((n) => `${visible(n.name)} ${n.pods}`).join(' · ')}`,
    `whole snapshot: ${t.pods} pods, ${t.podPairs} pod pairs, ${t.allowedPairs} allowed, ${t.unknownPairs} unknown; ${t.destinationsWithoutPorts} destination pods declare no port (never asked)`,
  ];
}

function renderPair(result: PolicyPairResult): string[] {
  const lines = [`NetworkPolicy alone: ${visible(result.from)} → ${visible(result.to)}`];
  if (result.ports.length === 0) {
    lines.push('  the destination declares no container port: ask with --port N');
  } else {
    const names = result.ports.map((p) => (p.port === null ? p.protocol : `${p.port}/${p.protocol}`));
    const width = Math.max(...names.map((n) => n.length));
    result.ports.forEach((p, k) => {
      lines.push(
        `  ${(names[k] as string).padEnd(width)}  ${(p.source === 'declared' ? 'declared' : '--port').padEnd(8)}  ${p.verdict}`,
      );
    });
  }
  const declared = result.ports.filter((p) => p.source === 'declared').map((p) => p.verdict);
  const pair =
    declared.length === 0
      ? 'not asked (no declared port)'
      : declared.includes('allow')
        ? 'allowed (at least one declared port)'
        : declared.includes('unknown')
          ? 'unknown (no declared port allowed, one denied by a policy of unknown enforcement)'
          : 'denied on every declared port';
  lines.push(`pair: ${pair}`);
  return lines;
}

export function renderPolicyMatrixText(result: PolicyMatrixResult): string {
  const lines = result.kind === 'policy-pair' ? renderPair(result) : renderNamespaces(result);
  lines.push('', ...wrap(POLICY_ONLY_NOTE));
  return `${lines.join('\n')}\n`;
}
