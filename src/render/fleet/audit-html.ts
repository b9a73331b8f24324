/**
 * `podreach audit --output html`: the findings as one self-contained page to attach to a ticket (issue 10). Same
 * rules as the check report (src/render/html/trace-html.ts): inline stylesheet admitted by its hash in a
 * Content-Security-Policy meta tag, no script, no network; every string from the snapshot goes through escapeHtml,
 * commands and manifests sit in <pre> so they can be copied as written. Findings are grouped by severity in
 * SEVERITIES order and keep the order auditSnapshot gave them inside a group, so the same findings give the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../fleet/audit.js';
import { SEVERITIES } from '../../fleet/audit.js';
import type { Fix } from '../../model/trace.js';
import { escapeHtml as e, escapeLines } from '../html/escape.js';
import { REPORT_CSS } from '../html/style.js';

/** Severity marks differ in shape as well as colour (readable without colour). */
const SEVERITY_MARK: Readonly<Record<Severity, string>> = { high: '✗', medium: '!', low: '·', info: 'i' };

const AUDIT_CSS = `${REPORT_CSS}
.finding{background:var(--panel);border:2px solid var(--border);border-left-width:6px;border-radius:6px;padding:.5em .8em;margin:.6em 0}
.finding p{margin:.25em 0}.finding .check{font-weight:700}
.s-high{border-color:var(--bad)}.s-medium{border-color:var(--warn)}.s-low{border-style:dashed}.s-info{border-style:dotted}
ul.counts{list-style:none;padding:0;display:flex;gap:1em;flex-wrap:wrap}
`;

function fixHtml(fix: Fix): string {
  const parts = [`<p><strong>${e(fix.summary)}</strong> <span class="muted">(${e(fix.kind)})</span></p>`];
  if (fix.tradeoffs !== undefined) parts.push(`<p class="muted">${e(fix.tradeoffs)}</p>`);
  for (const text of [...fix.commands, ...fix.manifests])
    parts.push(`<pre><code>${escapeLines(text)}</code></pre>`);
  if (fix.needs.length > 0)
    parts.push(`<p>Fill in: ${fix.needs.map((need) => `<code>${e(need)}</code>`).join(' ')}</p>`);
  if (fix.proof === undefined) {
    parts.push('<p class="muted">Not proven by a re-trace.</p>');
  } else {
    const seen = fix.proof.sourceAddressSeen === null ? '' : ` as ${e(fix.proof.sourceAddressSeen)}`;
    const cls = fix.proof.verdict === 'reachable' ? ' class="proof-ok"' : '';
    parts.push(`<p${cls}>After this fix: ${e(fix.proof.verdict)}${seen}</p>`);
  }
  return `<li>${parts.join('')}</li>`;
}

function findingHtml(f: Finding): string {
  const evidence =
    f.evidence.length === 0 ? '' : `<ul>${f.evidence.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`;
  const fixes = f.fixes.length === 0 ? '' : `<h4>Fixes</h4><ol>${f.fixes.map(fixHtml).join('')}</ol>`;
  return `<article class="finding s-${f.severity}"><p><span class="tag">${f.severity}</span> <span class="check">${e(f.check)}</span> <code>${e(f.subject)}</code></p><p>${e(f.title)}</p>${evidence}${fixes}</article>`;
}

export interface AuditHtmlOptions {
  /** Shown under the title, e.g. the snapshot path. */
  readonly subtitle?: string;
}

export function renderAuditHtml(findings: readonly Finding[], options: AuditHtmlOptions = {}): string {
  const counts = SEVERITIES.map(
    (s) => `<li>${SEVERITY_MARK[s]} ${findings.filter((f) => f.severity === s).length} ${s}</li>`,
  ).join('');
  const groups = SEVERITIES.map((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) return '';
    return `<section id="${severity}"><h2>${SEVERITY_MARK[severity]} ${severity} (${group.length})</h2>${group.map(findingHtml).join('')}</section>`;
  }).join('\n');
  const hash = createHash('sha256').update(AUDIT_CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = 'podreach audit';
  const subtitle = options.subtitle === undefined ? '' : `<p class="muted">${e(options.subtitle)}</p>`;
  const none = findings.length === 0 ? '<p class="muted">No findings.</p>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${AUDIT_CSS}</style>
</head>
<body>
<h1>${title}</h1>
${subtitle}
<p>${findings.length} finding${findings.length === 1 ? '' : 's'}</p><ul class="counts">${counts}</ul>
${none}${groups}
</body>
</html>
`;
}
