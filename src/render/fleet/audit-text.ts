import type { Finding } from '../../fleet/audit.js';
import { SEVERITIES } from '../../fleet/audit.js';
import { palette } from '../colors.js';
import { visible } from '../sanitize.js';
import { escapeInvisible } from '../stable-json.js';

export function renderAuditText(findings: readonly Finding[], options: { readonly color: boolean }): string {
  const c = palette(options.color);
  const paint = { high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${paint[f.severity](f.severity.toUpperCase().padEnd(6))} ${f.check}  ${visible(f.subject)}`);
    lines.push(`       ${visible(f.title)}`);
    for (const e of f.evidence) lines.push(`       · ${visible(e)}`);
    for (const fix of f.fixes) {
      lines.push(`       fix: ${visible(fix.summary)}`);
      for (const command of fix.commands) lines.push(`         $ ${visible(command)}`);
    }
  }
  const counts = SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  lines.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}: ${counts}`);
  return `${lines.join('\n')}\n`;
}

export function renderAuditJson(findings: readonly Finding[]): string {
  const data = {
    schemaVersion: 1,
    findings: findings.map((f) => ({
      check: f.check,
      severity: f.severity,
      subject: f.subject,
      title: f.title,
      evidence: f.evidence,
      fixes: f.fixes,
    })),
  };
  return `${escapeInvisible(JSON.stringify(data, null, 2))}\n`;
}
