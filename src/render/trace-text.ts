/**
 * The human form of a trace: one block per hop (marker, kind, resource, why, the deciding rule with its file and
 * line, the packet as it leaves the hop with rewrites highlighted), then the verdict, the source address the
 * destination sees, the blockers with their fixes, the assumptions and the missing data with the commands that
 * collect it. Every string from the snapshot goes through `visible` (src/render/sanitize.ts).
 */
import { formatOrigin } from '../model/origin.js';
import type {
  Blocker,
  Fix,
  Hop,
  HopResult,
  Packet,
  ResourceRef,
  RuleRef,
  Trace,
  TraceQuery,
  Verdict,
  WorkloadTrace,
} from '../model/trace.js';
import { type Palette, palette } from './colors.js';
import { dnsDetailLines } from './dns-text.js';
import { formatDestination, packetChanges } from './packet-text.js';
import { visible } from './sanitize.js';

export interface TraceTextOptions {
  readonly color: boolean;
  /** Also print each hop's free-form `details` (resolver, ENI, groups...); off by default to keep one screen. */
  readonly details?: boolean;
}

export const HOP_MARKERS: Readonly<Record<HopResult, string>> = {
  pass: '✓',
  rewrite: '✓',
  drop: '✗',
  unknown: '?',
  skip: '–',
};

const KIND_WIDTH = 22;
const DETAIL_LIMIT = 160;

function marker(result: HopResult, c: Palette): string {
  const mark = HOP_MARKERS[result];
  if (result === 'drop') return c.red(c.bold(mark));
  if (result === 'unknown') return c.yellow(c.bold(mark));
  if (result === 'skip') return c.dim(mark);
  return c.green(mark);
}

function verdictText(verdict: Verdict, c: Palette): string {
  const word = verdict.toUpperCase();
  if (verdict === 'reachable') return c.green(c.bold(word));
  if (verdict === 'unknown') return c.yellow(c.bold(word));
  return c.red(c.bold(word));
}

export function formatResource(resource: ResourceRef | null): string {
  if (resource === null) return '';
  const name =
    resource.name !== undefined && resource.name !== resource.id ? ` (${visible(resource.name)})` : '';
  return `${visible(resource.type)} ${visible(resource.id)}${name}`;
}

export function formatRule(rule: RuleRef): string {
  const description =
    rule.description !== '' && rule.description !== rule.id ? ` — ${visible(rule.description)}` : '';
  const origin = rule.origin === undefined ? '' : `  @ ${visible(formatOrigin(rule.origin))}`;
  return `${visible(rule.id)}${description}${origin}`;
}

export function formatQuery(query: TraceQuery): string {
  const to = visible(query.to);
  const family = query.family === null ? '' : `  IPv${query.family}`;
  if (query.port === null) return `${visible(query.from)} → ${to} ${query.protocol}${family}`;
  const host = to.includes(':') ? `[${to}]` : to;
  return `${visible(query.from)} → ${host}:${query.port}/${query.protocol}${family}`;
}

function packetLine(before: Packet | undefined, hop: Hop, c: Palette): string {
  const after = hop.packet;
  const changed = packetChanges(before, after);
  const src = changed.src ? c.yellow(c.bold(visible(after.src))) : visible(after.src);
  const dstText = formatDestination(after);
  const dst = changed.dst || changed.port ? c.yellow(c.bold(dstText)) : dstText;
  const notes: string[] = [];
  if (before !== undefined && changed.src) notes.push(`source was ${visible(before.src)}`);
  if (before !== undefined && (changed.dst || changed.port)) {
    notes.push(`destination was ${formatDestination(before)}`);
  }
  const note = notes.length === 0 ? '' : `  ${c.yellow(`(${notes.join('; ')})`)}`;
  return `${src} → ${dst}${note}`;
}

function detailValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const shown = visible(text);
  return shown.length > DETAIL_LIMIT ? `${shown.slice(0, DETAIL_LIMIT - 1)}…` : shown;
}

function hopBlock(
  hop: Hop,
  index: number,
  before: Packet | undefined,
  c: Palette,
  indent: string,
  details: boolean,
): string[] {
  const number = String(index + 1).padStart(2, ' ');
  const kind = hop.kind.padEnd(KIND_WIDTH, ' ');
  const kindText = hop.result === 'drop' ? c.red(kind) : hop.result === 'skip' ? c.dim(kind) : c.bold(kind);
  const resource = formatResource(hop.resource);
  const lines = [`${indent}${number} ${marker(hop.result, c)} ${kindText}${resource}`.trimEnd()];
  const pad = `${indent}       `;
  lines.push(`${pad}${c.dim('why')}     ${visible(hop.reason)}`);
  if (hop.rule !== null) lines.push(`${pad}${c.dim('rule')}    ${formatRule(hop.rule)}`);
  for (const rule of hop.considered ?? []) lines.push(`${pad}${c.dim('also')}    ${c.dim(formatRule(rule))}`);
  // The packet is printed where it starts, wherever a hop changes it, and where it stops or the answer is open:
  // an unchanged packet on every hop would bury the rewrites.
  const changes = packetChanges(before, hop.packet);
  const changed = changes.src || changes.dst || changes.port;
  const shown = before === undefined || changed || hop.result === 'drop' || hop.result === 'unknown';
  if (hop.result !== 'skip' && shown) lines.push(`${pad}${c.dim('packet')}  ${packetLine(before, hop, c)}`);
  if (details && hop.kind === 'dns' && hop.details?.resolver !== undefined) {
    lines.push(...dnsDetailLines(hop.details, c, pad));
    return lines;
  }
  for (const key of details ? Object.keys(hop.details ?? {}).sort() : []) {
    lines.push(`${pad}${c.dim(`${visible(key)}:`)} ${c.dim(detailValue(hop.details?.[key]))}`);
  }
  return lines;
}

function fixLines(fix: Fix, c: Palette, pad: string): string[] {
  const lines = [`${pad}${c.cyan('fix')}  ${visible(fix.summary)}`];
  const inner = `${pad}     `;
  if (fix.tradeoffs !== undefined) lines.push(`${inner}${c.dim(`trade-off: ${visible(fix.tradeoffs)}`)}`);
  for (const command of fix.commands) {
    command.split('\n').forEach((line, i) => {
      lines.push(`${inner}${i === 0 ? '$ ' : '  '}${visible(line)}`);
    });
  }
  for (const manifest of fix.manifests) {
    for (const line of manifest.split('\n')) lines.push(`${inner}| ${visible(line)}`);
  }
  if (fix.needs.length > 0) lines.push(`${inner}${c.dim(`fill in: ${fix.needs.map(visible).join(', ')}`)}`);
  if (fix.proof !== undefined) {
    const seen = fix.proof.sourceAddressSeen === null ? '' : ` as ${visible(fix.proof.sourceAddressSeen)}`;
    lines.push(
      `${inner}${c.dim('proof:')} traced again with the fix: ${verdictText(fix.proof.verdict, c)}${seen}`,
    );
  }
  return lines;
}

function blockerLines(blocker: Blocker, c: Palette, indent: string): string[] {
  const resource = formatResource(blocker.resource);
  const lines = [
    `${indent}  ${marker('drop', c)} hop ${blocker.hopIndex + 1} ${blocker.kind}${resource === '' ? '' : `  ${resource}`}`,
    `${indent}      ${visible(blocker.reason)}`,
  ];
  if (blocker.rule !== null) lines.push(`${indent}      ${c.dim('rule')} ${formatRule(blocker.rule)}`);
  for (const fix of blocker.fixes) lines.push(...fixLines(fix, c, `${indent}      `));
  return lines;
}

function traceLines(trace: Trace, c: Palette, indent: string, details: boolean): string[] {
  const lines: string[] = [];
  let before: Packet | undefined;
  trace.hops.forEach((hop, index) => {
    lines.push(...hopBlock(hop, index, before, c, indent, details));
    if (hop.result !== 'skip') before = hop.packet;
  });
  if (trace.hops.length === 0) lines.push(`${indent}${c.dim('(no hops)')}`);
  lines.push('');
  const at =
    trace.blockedAt === null
      ? ''
      : ` at hop ${trace.blockedAt.hopIndex + 1} ${trace.blockedAt.kind}${
          trace.blockedAt.resource === null ? '' : ` (${formatResource(trace.blockedAt.resource)})`
        }`;
  lines.push(`${indent}${c.bold('verdict')}   ${verdictText(trace.verdict, c)}${at}`);
  const seen =
    trace.sourceAddressSeen === null
      ? c.dim('— (nothing arrives, or not known)')
      : trace.sourceAddressCandidates.length > 1
        ? `${c.bold(trace.sourceAddressCandidates.map(visible).join(' or '))} ${c.dim('(one per connection)')}`
        : c.bold(visible(trace.sourceAddressSeen));
  lines.push(`${indent}${c.bold('seen as')}   ${seen}`);
  if (trace.blockers.length > 0) {
    lines.push(`${indent}${c.bold('blockers')}`);
    for (const blocker of trace.blockers) lines.push(...blockerLines(blocker, c, indent));
  }
  if (trace.assumptions.length > 0) {
    lines.push(`${indent}${c.bold('assumptions')}`);
    for (const assumption of trace.assumptions) {
      lines.push(`${indent}  • [${assumption.hop}] ${visible(assumption.statement)}`);
      lines.push(`${indent}      ${c.dim(`basis: ${visible(assumption.basis)}`)}`);
    }
  }
  if (trace.missing.length > 0) {
    lines.push(`${indent}${c.bold('missing data')}`);
    for (const missing of trace.missing) {
      lines.push(`${indent}  ${marker('unknown', c)} [${missing.hop}] ${visible(missing.what)}`);
      lines.push(`${indent}      collect: ${c.cyan(visible(missing.collect))}`);
    }
  }
  return lines;
}

function isWorkloadTrace(trace: Trace | WorkloadTrace): trace is WorkloadTrace {
  return 'groups' in trace;
}

/** Text form of a trace (or a workload's grouped traces); ends with a newline. */
export function renderTraceText(trace: Trace | WorkloadTrace, options: TraceTextOptions): string {
  const c = palette(options.color);
  const lines = [`${c.bold('podreach check')}  ${formatQuery(trace.query)}`, ''];
  if (!isWorkloadTrace(trace)) {
    lines.push(...traceLines(trace, c, '', options.details === true));
    return `${lines.join('\n')}\n`;
  }
  const groups = trace.groups.length;
  lines.push(
    `${c.bold('verdict')}   ${verdictText(trace.verdict, c)}  (worst of ${groups} group${groups === 1 ? '' : 's'} of pods with the same outcome)`,
  );
  trace.groups.forEach((group, index) => {
    lines.push('');
    const pods = group.pods.map(visible).join(', ');
    lines.push(
      `${c.bold(`── group ${index + 1} of ${groups}`)}: ${group.pods.length} pod${group.pods.length === 1 ? '' : 's'} → ${verdictText(group.trace.verdict, c)}`,
    );
    lines.push(`   ${c.dim('pods')} ${pods}`);
    lines.push('');
    lines.push(...traceLines(group.trace, c, '   ', options.details === true));
  });
  return `${lines.join('\n')}\n`;
}
