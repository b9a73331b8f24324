/**
 * The `dns` hop's details in words (docs/dns.md): the resolver as resolv.conf reads, the queries in the order the
 * pod sends them with their outcomes, the answer, and the DNS query's own path folded to one line per transport.
 * Used by `check --details` under the dns hop and by `podreach dns`.
 */
import type { Palette } from './colors.js';
import { visible } from './sanitize.js';

interface QueryRow {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly outcome?: unknown;
  readonly addresses?: unknown;
  readonly cname?: unknown;
  readonly by?: unknown;
}

interface FoldedTrace {
  readonly verdict?: unknown;
  readonly query?: { readonly to?: unknown; readonly protocol?: unknown; readonly port?: unknown };
  readonly hops?: readonly { readonly kind?: unknown; readonly result?: unknown }[];
  readonly blockedAt?: { readonly kind?: unknown; readonly reason?: unknown } | null;
}

const RESULT_MARK: Readonly<Record<string, string>> = {
  pass: '✓',
  rewrite: '↻',
  drop: '✗',
  skip: '-',
  unknown: '?',
};

function text(value: unknown): string {
  return visible(typeof value === 'string' ? value : String(value ?? ''));
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text) : [];
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** One line: `udp/53 → 192.168.0.10  reachable  [source ✓ · service ↻ · …]`, plus where it stopped. */
export function foldedTraceLine(trace: unknown): string {
  if (trace === null || typeof trace !== 'object') return 'not traced';
  const t = trace as FoldedTrace;
  const hops = (t.hops ?? [])
    .map((h) => `${text(h.kind)} ${RESULT_MARK[text(h.result)] ?? text(h.result)}`)
    .join(' · ');
  const stop = t.blockedAt ? ` — ${text(t.blockedAt.kind)}: ${text(t.blockedAt.reason)}` : '';
  return `${text(t.query?.protocol)}/${text(t.query?.port)} → ${text(t.query?.to)}  ${text(t.verdict)}  [${hops}]${stop}`;
}

export function formatQueryRow(row: QueryRow): string {
  const outcome = text(row.outcome);
  const addresses = list(row.addresses);
  const shown =
    outcome === 'answer'
      ? addresses.length > 0
        ? addresses.join(', ')
        : 'no record of this type (NODATA)'
      : outcome === 'cname'
        ? `CNAME ${text(row.cname)}${addresses.length > 0 ? ` → ${addresses.join(', ')}` : ''}`
        : outcome === 'nxdomain'
          ? 'NXDOMAIN'
          : outcome === 'not-asked'
            ? 'not asked'
            : `unknown${typeof row.by === 'string' ? ` (${visible(row.by)})` : ''}`;
  return `${text(row.name)} ${text(row.type).padEnd(4, ' ')} ${shown}`;
}

/** Lines for the dns details, each prefixed with `pad`. */
export function dnsDetailLines(
  details: Readonly<Record<string, unknown>>,
  c: Palette,
  pad: string,
): string[] {
  const lines: string[] = [];
  const label = (name: string) => c.dim(name.padEnd(9, ' '));
  const cont = `${pad}${' '.repeat(10)}`;
  const resolver = record(details.resolver);
  const nameservers = list(resolver.nameservers);
  lines.push(
    `${pad}${label('resolver')} ${text(resolver.effective)}: nameserver ${nameservers.join(', ') || '(none)'} · search ${
      list(resolver.searches).join(' ') || '(none)'
    } · options ${list(resolver.options).join(' ') || '(none)'}`,
  );
  const sources = record(resolver.sources);
  for (const key of ['nameservers', 'searches', 'options']) {
    if (sources[key] !== undefined) lines.push(`${cont}${c.dim(`${key} from ${text(sources[key])}`)}`);
  }
  const queries = Array.isArray(details.queries) ? (details.queries as QueryRow[]) : [];
  queries.forEach((q, i) => {
    lines.push(`${i === 0 ? `${pad}${label('queries')} ` : cont}${formatQueryRow(q)}`);
  });
  const answer = record(details.answer);
  if (details.answer !== null && details.answer !== undefined) {
    const cnames = list(answer.cnames);
    const addresses = list(answer.addresses);
    lines.push(
      `${pad}${label('answer')} ${text(answer.name)} → ${addresses.join(', ') || '(none)'}${
        cnames.length > 0 ? ` (via ${cnames.join(' → ')})` : ''
      }${answer.live === true ? c.yellow('  LIVE (asked of this machine at run time)') : ''}`,
    );
  }
  lines.push(`${pad}${label('path')} ${foldedTraceLine(details.queryTrace)}`);
  if (details.tcpQueryTrace !== null && details.tcpQueryTrace !== undefined) {
    lines.push(`${cont}${foldedTraceLine(details.tcpQueryTrace)}`);
  }
  const attempts = Array.isArray(details.nameserverAttempts) ? details.nameserverAttempts.map(record) : [];
  if (attempts.length > 1) {
    lines.push(
      `${cont}${c.dim(`nameservers tried: ${attempts.map((a) => `${text(a.nameserver)} udp ${text(a.udp)}`).join(', ')}`)}`,
    );
  }
  if (typeof details.fix === 'string') lines.push(`${pad}${label('fix')} ${c.cyan(visible(details.fix))}`);
  return lines;
}
