/**
 * `podreach check --output html`: one self-contained HTML file (inline stylesheet, no script, no network) showing the
 * same views as the web UI: the verdict, the path of hops with the packet's rewrites on the edges, every blocker
 * with its fixes and their proof, the assumptions and missing data. Every string from the trace goes through
 * escapeHtml; a Content-Security-Policy meta tag admits only the inline stylesheet (by its hash), so even a
 * string that slipped through could not run.
 */
import { createHash } from 'node:crypto';
import type { Blocker, Fix, Hop, HopResult, Trace, Verdict, WorkloadTrace } from '../../model/trace.js';
import { escapeHtml as e, escapeLines } from './escape.js';
import { packetRewrites } from './packet-rewrites.js';
import { REPORT_CSS } from './style.js';

const RESULT_MARK: Readonly<Record<HopResult, readonly [string, string]>> = {
  pass: ['✓', 'passes'],
  rewrite: ['✓', 'passes, rewritten'],
  drop: ['✗', 'drops'],
  skip: ['–', 'does not apply'],
  unknown: ['?', 'unknown'],
};

const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  reachable: '✓',
  blocked: '✗',
  unresolved: '✗',
  unknown: '?',
};

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '<span class="muted">—</span>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">none</span>';
    if (value.every((item) => typeof item !== 'object' || item === null))
      return e(value.map(String).join(', '));
    return `<ol>${value.map((item) => `<li>${detailValue(item)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') return detailList(value as Record<string, unknown>);
  return e(String(value));
}

function detailList(details: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(details).map(
    ([key, value]) => `<div><dt>${e(key)}</dt><dd>${detailValue(value)}</dd></div>`,
  );
  return `<dl class="d">${rows.join('')}</dl>`;
}

function hopBox(hop: Hop, index: number, prefix: string, blocker: boolean): string {
  const [symbol, word] = RESULT_MARK[hop.result];
  const parts = [
    `<p><span class="m m-${hop.result}" aria-hidden="true">${symbol}</span><span class="kind">${e(hop.kind)}</span> <span class="muted">${word}</span>${blocker ? ' <strong class="tag blocker-tag">blocker</strong>' : ''}</p>`,
  ];
  if (hop.resource !== null) {
    const name = hop.resource.name === undefined ? '' : ` <span class="muted">${e(hop.resource.name)}</span>`;
    parts.push(
      `<p><span class="tag">${e(hop.resource.type)}</span> <code>${e(hop.resource.id)}</code>${name}</p>`,
    );
  }
  if (hop.rule !== null) {
    const origin =
      hop.rule.origin === undefined
        ? ''
        : ` <span class="muted">(${e(hop.rule.origin.file)}${hop.rule.origin.line === undefined ? '' : `:${hop.rule.origin.line}`})</span>`;
    parts.push(
      `<p><span class="tag">rule</span> <code>${e(hop.rule.id)}</code> ${e(hop.rule.description)}${origin}</p>`,
    );
  }
  parts.push(`<p>${e(hop.reason)}</p>`);
  const considered = hop.considered ?? [];
  if ((hop.details !== undefined && Object.keys(hop.details).length > 0) || considered.length > 0) {
    const summary = hop.kind === 'dns' ? 'DNS resolution' : 'Details';
    const also =
      considered.length === 0
        ? ''
        : `<p class="muted">Also considered:</p><ul>${considered.map((rule) => `<li><code>${e(rule.id)}</code> ${e(rule.description)}</li>`).join('')}</ul>`;
    parts.push(
      `<details><summary>${summary}</summary>${hop.details === undefined ? '' : detailList(hop.details)}${also}</details>`,
    );
  }
  return `<article class="hop r-${hop.result}" id="${prefix}hop-${index}">${parts.join('')}</article>`;
}

function path(trace: Trace, prefix: string): string {
  const blockers = new Set(trace.blockers.map((blocker) => blocker.hopIndex));
  const items: string[] = [];
  trace.hops.forEach((hop, index) => {
    if (index > 0) {
      const before = trace.hops[index - 2];
      const at = trace.hops[index - 1];
      const changes =
        before === undefined || at === undefined ? [] : packetRewrites(before.packet, at.packet);
      const text = changes
        .map((c) => `${c.field} <code>${e(c.before)}</code> → <code>${e(c.after)}</code>`)
        .join(' ');
      items.push(`<li class="edge">↓${text === '' ? '' : `<span class="rw">${text}</span>`}</li>`);
    }
    items.push(`<li>${hopBox(hop, index, prefix, blockers.has(index))}</li>`);
  });
  return `<ol class="path">${items.join('')}</ol>`;
}

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
    parts.push(
      `<p${cls}>${VERDICT_MARK[fix.proof.verdict]} After this fix: ${e(fix.proof.verdict)}${seen}</p>`,
    );
  }
  return `<li>${parts.join('')}</li>`;
}

function blockerHtml(blocker: Blocker, prefix: string): string {
  const at = blocker.resource === null ? '' : ` at <code>${e(blocker.resource.id)}</code>`;
  const rule = blocker.rule === null ? '' : ` by rule <code>${e(blocker.rule.id)}</code>`;
  const fixes =
    blocker.fixes.length === 0
      ? '<p class="muted">No fix computed for this blocker.</p>'
      : `<h4>Fixes</h4><ol>${blocker.fixes.map(fixHtml).join('')}</ol>`;
  return `<li><p><a href="#${prefix}hop-${blocker.hopIndex}">✗ ${e(blocker.kind)}</a>${at}${rule}</p><p>${e(blocker.reason)}</p>${fixes}</li>`;
}

function notes(trace: Trace): string {
  if (trace.assumptions.length === 0 && trace.missing.length === 0) {
    return '<section class="panel"><h3>Assumptions and unknowns</h3><p class="muted">None: every hop was decided from the snapshot.</p></section>';
  }
  const missing = trace.missing.map(
    (item) =>
      `<li><span class="tag">${e(item.hop)}</span> ? ${e(item.what)}<pre><code>${escapeLines(item.collect)}</code></pre></li>`,
  );
  const assumptions = trace.assumptions.map(
    (item) =>
      `<li><span class="tag">${e(item.hop)}</span> ${e(item.statement)} <span class="muted">— ${e(item.basis)}</span></li>`,
  );
  return `<section class="panel"><h3>Assumptions and unknowns</h3>${missing.length > 0 ? `<h4>Missing data</h4><ul>${missing.join('')}</ul>` : ''}${assumptions.length > 0 ? `<h4>Assumptions</h4><ul>${assumptions.join('')}</ul>` : ''}</section>`;
}

function single(trace: Trace, prefix: string): string {
  const blockers =
    trace.blockers.length === 0
      ? ''
      : `<section class="panel blockers"><h3>Blockers</h3><ol>${trace.blockers.map((b) => blockerHtml(b, prefix)).join('')}</ol></section>`;
  return `${blockers}${path(trace, prefix)}${notes(trace)}`;
}

function verdictBanner(trace: Trace | WorkloadTrace): string {
  const port = trace.query.port === null ? '' : `:${trace.query.port}`;
  const one = 'hops' in trace ? trace : undefined;
  const at =
    one?.blockedAt == null ? '' : ` at <a href="#hop-${one.blockedAt.hopIndex}">${e(one.blockedAt.kind)}</a>`;
  const seen =
    one === undefined || one.sourceAddressCandidates.length === 0
      ? ''
      : `<p>The destination sees the source as <code>${e(one.sourceAddressCandidates.join(', '))}</code></p>`;
  return `<div class="verdict v-${trace.verdict}"><span class="mark" aria-hidden="true">${VERDICT_MARK[trace.verdict]}</span><div><p class="word">${e(trace.verdict)}${at}</p><p><code>${e(trace.query.from)}</code> → <code>${e(`${trace.query.to}${port}`)}</code> ${e(trace.query.protocol)}</p>${seen}</div></div>`;
}

export interface TraceHtmlOptions {
  /** Shown under the title, e.g. the snapshot path. */
  readonly subtitle?: string;
}

export function renderTraceHtml(trace: Trace | WorkloadTrace, options: TraceHtmlOptions = {}): string {
  const body =
    'hops' in trace
      ? single(trace, '')
      : trace.groups
          .map(
            (group, index) =>
              `<section><h2>${VERDICT_MARK[group.trace.verdict]} ${group.pods.length} pod${group.pods.length === 1 ? '' : 's'}: ${e(group.trace.verdict)}</h2><p class="muted">${e(group.pods.join(', '))}</p>${single(group.trace, `g${index}-`)}</section>`,
          )
          .join('');
  const hash = createHash('sha256').update(REPORT_CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `podreach: ${trace.query.from} → ${trace.query.to}`;
  const subtitle = options.subtitle === undefined ? '' : `<p class="muted">${e(options.subtitle)}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${e(title)}</h1>
${subtitle}
${verdictBanner(trace)}
${body}
</body>
</html>
`;
}
