import type { Change, HopDecision, SnapshotDiff } from '../../fleet/diff.js';
import { palette } from '../colors.js';
import { visible } from '../sanitize.js';

const TITLES: Readonly<Record<Change['kind'], string>> = {
  'became-reachable': 'became reachable',
  'became-blocked': 'became blocked',
  'verdict-changed': 'verdict changed',
  'source-address-changed': 'source address changed',
};

function side(s: Change['old']): string {
  return `${s.verdict}${s.sourceAddresses.length > 0 ? ` as ${s.sourceAddresses.join(' or ')}` : ''}`;
}

function hop(h: HopDecision | null): string {
  if (h === null) return '(no such hop)';
  return `${h.kind} ${h.result}${h.rule === null ? '' : ` by ${h.rule}`}: ${h.reason}`;
}

function answers(n: number): string {
  return `${n} answer${n === 1 ? '' : 's'}`;
}

/** `podreach diff`: one block per change, grouped pods, then a count. */
export function renderDiffText(diff: SnapshotDiff, options: { readonly color: boolean }): string {
  const c = palette(options.color);
  const lines: string[] = [];
  for (const change of diff.changes) {
    const title =
      change.kind === 'became-reachable'
        ? c.green(TITLES[change.kind])
        : change.kind === 'became-blocked'
          ? c.red(TITLES[change.kind])
          : c.yellow(TITLES[change.kind]);
    const who =
      change.sources.length > 3
        ? `${change.sources.slice(0, 3).join(', ')} and ${change.sources.length - 3} more`
        : change.sources.join(', ');
    lines.push(`${title}: ${visible(who)} → ${visible(change.to)}`);
    lines.push(`  was ${visible(side(change.old))}; now ${visible(side(change.new))}`);
    if (change.hop !== null) {
      lines.push(`  old: ${visible(hop(change.hop.old))}`);
      lines.push(`  new: ${visible(hop(change.hop.new))}`);
    }
  }
  lines.push(
    diff.changes.length === 0
      ? `no change over ${answers(diff.compared)}`
      : `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} over ${answers(diff.compared)}`,
  );
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(diff: SnapshotDiff): string {
  return `${JSON.stringify({ schemaVersion: 1, compared: diff.compared, changes: diff.changes }, null, 2)}\n`;
}
