import type { AllowlistReport } from '../../fleet/allowlist.js';
import { palette } from '../colors.js';
import { visible } from '../sanitize.js';
import { escapeInvisible } from '../stable-json.js';

export function renderAllowlistText(report: AllowlistReport, options: { readonly color: boolean }): string {
  const c = palette(options.color);
  const lines: string[] = [];
  lines.push(
    `${c.bold(visible(report.workload))} (${report.pods.length} pod${report.pods.length === 1 ? '' : 's'})${report.resource === null ? '' : ` for ${visible(report.resource)}`}`,
  );
  const section = (title: string, reach: 'vpc' | 'internet') => {
    const entries = report.required.filter((e) => e.reach === reach);
    if (entries.length === 0) return;
    lines.push('', title);
    for (const scope of ['now', 'scaling'] as const) {
      const list = entries.filter((e) => e.scope === scope);
      if (list.length === 0) continue;
      lines.push(`  ${scope === 'now' ? 'now' : 'as it scales'}:`);
      for (const e of list) lines.push(`    ${visible(e.entry).padEnd(40)} ${visible(e.why)}`);
    }
  };
  section('seen inside the VPC (RDS, ECS, internal CLB):', 'vpc');
  section('seen on the Internet (third parties, Internet CLB):', 'internet');
  if (report.missing !== null) {
    lines.push('', report.missing.length === 0 ? c.green('missing: none') : c.red('missing:'));
    for (const e of report.missing) lines.push(`    ${visible(e.entry).padEnd(40)} ${visible(e.why)}`);
  }
  if (report.unneeded !== null) {
    lines.push(
      report.unneeded.length === 0
        ? 'unneeded for this workload: none'
        : 'unneeded for this workload (other workloads may need them):',
    );
    for (const e of report.unneeded) lines.push(`    ${visible(e)}`);
  }
  for (const note of report.notes) lines.push(`note: ${visible(note)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * {schemaVersion, workload, resource, required: [{entry, why, scope, reach}], missing, unneeded, pods, current,
 * notes}. schemaVersion is raised only when a field changes meaning or goes away (docs/fleet.md).
 */
export function renderAllowlistJson(report: AllowlistReport): string {
  const ordered = {
    schemaVersion: 1,
    workload: report.workload,
    resource: report.resource,
    required: report.required.map((e) => ({ entry: e.entry, why: e.why, scope: e.scope, reach: e.reach })),
    missing: report.missing === null ? null : report.missing.map((e) => e.entry),
    unneeded: report.unneeded,
    pods: report.pods,
    current: report.current,
    notes: report.notes,
  };
  return `${escapeInvisible(JSON.stringify(ordered, null, 2))}\n`;
}
