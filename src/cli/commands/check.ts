import { Command, Option } from '@commander-js/extra-typings';
import type { CheckResult } from '../../engine/api.js';
import type { Query } from '../../model/query.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { Trace, WorkloadTrace } from '../../model/trace.js';
import { parseQuery } from '../../query/parse-query.js';
import { attachResultFixes } from '../../remedy/index.js';
import { renderTraceHtml } from '../../render/html/trace-html.js';
import { visible } from '../../render/sanitize.js';
import { renderTraceJson } from '../../render/trace-json.js';
import { renderTraceText } from '../../render/trace-text.js';
import { batchMessage, parseBatch } from '../batch.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode, exitCodeForVerdict, worstExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';
import { collectRepeatable, parseResolveFlags, withLiveDns } from './dns-overrides.js';

export interface CheckOptions {
  readonly snapshot?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly family?: string;
  readonly output?: 'text' | 'json' | 'html';
  readonly batch?: string;
  readonly details?: boolean;
  /** `--no-fixes` sets it false: skip building and proving fixes (faster). */
  readonly fixes?: boolean;
  /** `--resolve NAME=ADDR`, repeatable: declared DNS answers (docs/dns.md). */
  readonly resolve?: string[];
  /** `--live-dns`: ask this machine's resolver for TO (the only network access, marked live). */
  readonly liveDns?: boolean;
}

function usage(ctx: CommandContext, message: string): ExitCode {
  ctx.io.stderr(`error: ${visible(message)}\n(run "podreach check --help" for usage)\n`);
  return EXIT.usage;
}

function queryError(ctx: CommandContext, result: Extract<CheckResult, { ok: false }>): void {
  const hint = result.error.hint === undefined ? '' : ` — ${result.error.hint}`;
  ctx.io.stderr(`error: ${visible(result.error.message)}${visible(hint)}\n`);
}

function traceOf(result: Extract<CheckResult, { ok: true }>): Trace | WorkloadTrace {
  return 'trace' in result ? result.trace : result.workload;
}

function readErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

async function runOne(
  ctx: CommandContext,
  path: string,
  query: Query,
  output: 'text' | 'json' | 'html',
  details: boolean,
  fixes: boolean,
  liveDns = false,
): Promise<ExitCode> {
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const domain = loaded.snapshot.facts.clusterDomain;
  const asked = liveDns
    ? await withLiveDns(query, domain.known ? domain.value : 'cluster.local', (w) =>
        ctx.io.stderr(`podreach: ${visible(w)}\n`),
      )
    : query;
  const result = withFixes(ctx, loaded.snapshot, asked, fixes);
  if (!result.ok) {
    queryError(ctx, result);
    return EXIT.usage;
  }
  const trace = traceOf(result);
  ctx.io.stdout(
    output === 'json'
      ? `${renderTraceJson(trace, { indent: 2 })}\n`
      : output === 'html'
        ? renderTraceHtml(trace, { subtitle: `snapshot ${path}` })
        : renderTraceText(trace, { color: ctx.color(), details }),
  );
  return exitCodeForVerdict(trace.verdict);
}

/**
 * Every entry is parsed, then every query checked, before anything is printed: a bad entry or a query the snapshot
 * cannot answer (unknown pod...) stops the whole batch with exit 2 and no partial output, so CI never reads half a
 * result as the answer.
 */
/** check, then (unless --no-fixes) the proven fixes of every blocker (src/remedy, docs/fixes.md). */
function withFixes(ctx: CommandContext, snapshot: Snapshot, query: Query, fixes: boolean): CheckResult {
  const result = ctx.deps.check(snapshot, query);
  return fixes ? attachResultFixes(snapshot, query, result, ctx.deps.check) : result;
}

async function runBatch(ctx: CommandContext, path: string, file: string, fixes: boolean): Promise<ExitCode> {
  let text: string;
  try {
    text = await ctx.deps.readTextFile(file);
  } catch (error) {
    return usage(ctx, `cannot read the batch file ${file}: ${readErrorText(error)}`);
  }
  const parsed = parseBatch(file, text);
  if (!parsed.ok) {
    for (const error of parsed.errors) ctx.io.stderr(`error: ${visible(error)}\n`);
    ctx.io.stderr(
      `podreach: ${parsed.errors.length} bad entr${parsed.errors.length === 1 ? 'y' : 'ies'} in ${visible(file)}; nothing was checked\n`,
    );
    return EXIT.usage;
  }
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const traces: (Trace | WorkloadTrace)[] = [];
  let failed = 0;
  for (const entry of parsed.entries) {
    const result = withFixes(ctx, loaded.snapshot, entry.query, fixes);
    if (result.ok) {
      traces.push(traceOf(result));
    } else {
      failed += 1;
      const hint = result.error.hint === undefined ? '' : ` — ${result.error.hint}`;
      ctx.io.stderr(
        `error: ${visible(batchMessage(file, entry.line, entry.index, `${result.error.message}${hint}`))}\n`,
      );
    }
  }
  if (failed > 0) {
    ctx.io.stderr(
      `podreach: ${failed} entr${failed === 1 ? 'y' : 'ies'} of ${visible(file)} cannot be checked; nothing was printed\n`,
    );
    return EXIT.usage;
  }
  for (const trace of traces) ctx.io.stdout(`${renderTraceJson(trace)}\n`);
  return worstExitCode(traces.map((trace) => exitCodeForVerdict(trace.verdict)));
}

export async function runCheck(
  ctx: CommandContext,
  from: string | undefined,
  to: string | undefined,
  options: CheckOptions,
): Promise<ExitCode> {
  const path = snapshotPath(options.snapshot, ctx.io.env);
  if (options.batch !== undefined) {
    const conflicting = [
      from === undefined ? undefined : 'FROM',
      to === undefined ? undefined : 'TO',
      options.port === undefined ? undefined : '--port',
      options.protocol === undefined ? undefined : '--protocol',
      options.family === undefined ? undefined : '--family',
      options.resolve === undefined ? undefined : '--resolve',
      options.liveDns === undefined ? undefined : '--live-dns',
    ].filter((name) => name !== undefined);
    if (conflicting.length > 0) {
      return usage(ctx, `--batch takes every query from its file; leave out ${conflicting.join(', ')}`);
    }
    if (options.output === 'text' || options.output === 'html')
      return usage(ctx, `--batch prints one JSON trace per line; --output ${options.output} does not apply`);
    return runBatch(ctx, path, options.batch, options.fixes !== false);
  }
  const parsed = parseQuery({
    from,
    to,
    port: options.port,
    protocol: options.protocol,
    family: options.family,
  });
  if (!parsed.ok) return usage(ctx, parsed.error);
  const declared = parseResolveFlags(options.resolve ?? []);
  if (!declared.ok) return usage(ctx, declared.error);
  return runOne(
    ctx,
    path,
    declared.value.length > 0 ? { ...parsed.value, dnsOverrides: declared.value } : parsed.value,
    options.output ?? 'text',
    options.details === true,
    options.fixes !== false,
    options.liveDns === true,
  );
}

export function checkCommand(ctx: CommandContext) {
  return new Command('check')
    .description('trace a packet from a pod (or every pod of a workload) to a destination, hop by hop')
    .argument(
      '[from]',
      'NAMESPACE/POD, NAMESPACE/deployment|statefulset|daemonset|job/NAME, or an IP address',
    )
    .argument(
      '[to]',
      'an IP address, a host name, svc/NAMESPACE/NAME, NAMESPACE/POD, or a cloud resource id (i-…, rm-…, lb-…)',
    )
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option(
      '-p, --port <n>',
      'destination port; required for tcp/udp/sctp except to an RDS instance (its engine port)',
    )
    .option('--protocol <protocol>', 'tcp, udp, sctp or icmp (default: tcp)')
    .option('--family <family>', '4 or 6: trace only that address family')
    .addOption(
      new Option(
        '-o, --output <format>',
        'output format (default: text; --batch: json); html: one self-contained file for a ticket',
      ).choices(['text', 'json', 'html'] as const),
    )
    .option(
      '--details',
      "text output: also print each hop's details (resolver, ENI, groups, policies considered)",
    )
    .option('--no-fixes', 'do not build and prove fixes for the blockers (faster)')
    .option(
      '--resolve <name=addr>',
      'declare a DNS answer, e.g. api.example.com=203.0.113.5 (repeatable; docs/dns.md)',
      collectRepeatable,
    )
    .option(
      '--live-dns',
      "ask this machine's resolver for TO (the only network access; marked LIVE in the trace)",
    )
    .option(
      '--batch <file>',
      'a YAML/JSON list of {from, to, port, protocol, family}: one JSON trace per line, in order',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 reachable · 1 blocked or unresolved · 3 unknown (the snapshot lacks data) · 2 bad input or usage.
With --batch, the worst of all entries.

Examples:
  podreach check shop/web-7c9d-abcde api.github.com --port 443
  podreach check shop/deployment/web rm-bp1orders
  podreach check shop/web-7c9d-abcde svc/shop/cart --port 8080 --output json
  podreach check --batch queries.yaml`,
    )
    .action(async (from, to, options) => {
      ctx.exit(await runCheck(ctx, from, to, options));
    });
}
