/**
 * `podreach whatif`: apply changes a user writes (docs/whatif.md) to the snapshot in memory and show what they do —
 * the before/after trace of one query, or with --all, which queries of a list the change newly allows and newly
 * blocks, across the Kubernetes and Alibaba Cloud layers at once. Nothing is changed anywhere but in memory.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { CheckResult } from '../../engine/api.js';
import { formatDestination, formatSource } from '../../engine/check.js';
import { recheck } from '../../fleet/recheck.js';
import { parseChangeFile } from '../../load/changes/index.js';
import type { Query } from '../../model/query.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { Trace, Verdict, WorkloadTrace } from '../../model/trace.js';
import { parseQuery } from '../../query/parse-query.js';
import { applyChanges } from '../../remedy/apply.js';
import type { SnapshotChange } from '../../remedy/change.js';
import { visible } from '../../render/sanitize.js';
import { renderTraceJson } from '../../render/trace-json.js';
import { renderTraceText } from '../../render/trace-text.js';
import { batchMessage, parseBatch } from '../batch.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode, exitCodeForVerdict } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';

export interface WhatifOptions {
  readonly snapshot?: string;
  readonly change?: string[];
  readonly all?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly family?: string;
  readonly output?: 'text' | 'json';
}

/** One verdict line of a trace, for comparisons. */
export interface Outcome {
  readonly verdict: Verdict;
  readonly blockedAt: string | null;
  readonly sourceAddressSeen: string | null;
}

function usage(ctx: CommandContext, message: string): ExitCode {
  ctx.io.stderr(`error: ${visible(message)}\n(run "podreach whatif --help" for usage)\n`);
  return EXIT.usage;
}

function traceOf(result: Extract<CheckResult, { ok: true }>): Trace | WorkloadTrace {
  return 'trace' in result ? result.trace : result.workload;
}

export function outcomeOf(trace: Trace | WorkloadTrace): Outcome {
  if ('groups' in trace) {
    const worst = trace.groups.find((g) => g.trace.verdict === trace.verdict)?.trace;
    const b = worst?.blockedAt;
    return {
      verdict: trace.verdict,
      blockedAt: b === null || b === undefined ? null : b.kind,
      sourceAddressSeen: trace.groups.length === 1 ? (worst?.sourceAddressSeen ?? null) : null,
    };
  }
  return {
    verdict: trace.verdict,
    blockedAt: trace.blockedAt === null ? null : trace.blockedAt.kind,
    sourceAddressSeen: trace.sourceAddressSeen,
  };
}

export function outcomeText(o: Outcome): string {
  const at = o.blockedAt === null ? '' : ` at ${o.blockedAt}`;
  const seen = o.sourceAddressSeen === null ? '' : ` as ${o.sourceAddressSeen}`;
  return `${o.verdict}${at}${seen}`;
}

function queryText(q: Query): string {
  const port = q.port === null ? '' : `:${q.port}`;
  return `${formatSource(q.from)} → ${formatDestination(q.to)}${port}/${q.protocol}${q.family === undefined ? '' : ` (IPv${q.family})`}`;
}

function readErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

async function readChanges(
  ctx: CommandContext,
  files: readonly string[],
): Promise<SnapshotChange[] | undefined> {
  const changes: SnapshotChange[] = [];
  let bad = false;
  for (const file of files) {
    let text: string;
    try {
      text = await ctx.deps.readTextFile(file);
    } catch (error) {
      ctx.io.stderr(
        `error: cannot read the change file ${visible(file)}: ${visible(readErrorText(error))}\n`,
      );
      bad = true;
      continue;
    }
    const parsed = parseChangeFile(file, text);
    if (!parsed.ok) {
      for (const e of parsed.errors) ctx.io.stderr(`error: ${visible(e)}\n`);
      bad = true;
    } else changes.push(...parsed.changes);
  }
  return bad ? undefined : changes;
}

/** The classification of one query of an --all list. */
export type Movement = 'newly-allowed' | 'newly-blocked' | 'changed' | 'unchanged';

export function movement(before: Outcome, after: Outcome): Movement {
  const open = (o: Outcome) => o.verdict === 'reachable';
  const closed = (o: Outcome) => o.verdict === 'blocked' || o.verdict === 'unresolved';
  if (!open(before) && open(after)) return 'newly-allowed';
  if (!closed(before) && closed(after)) return 'newly-blocked';
  if (
    before.verdict !== after.verdict ||
    before.blockedAt !== after.blockedAt ||
    before.sourceAddressSeen !== after.sourceAddressSeen
  )
    return 'changed';
  return 'unchanged';
}

function check(ctx: CommandContext, snapshot: Snapshot, query: Query): CheckResult {
  return ctx.deps.check(snapshot, query);
}

async function runAll(
  ctx: CommandContext,
  before: Snapshot,
  after: Snapshot,
  file: string,
  output: 'text' | 'json',
): Promise<ExitCode> {
  let text: string;
  try {
    text = await ctx.deps.readTextFile(file);
  } catch (error) {
    return usage(ctx, `cannot read the queries file ${file}: ${readErrorText(error)}`);
  }
  const parsed = parseBatch(file, text);
  if (!parsed.ok) {
    for (const error of parsed.errors) ctx.io.stderr(`error: ${visible(error)}\n`);
    return EXIT.usage;
  }
  const rows: { query: Query; before: Outcome; after: Outcome; movement: Movement }[] = [];
  const queries = parsed.entries.map((entry) => entry.query);
  const beforeResults = queries.map((query) => check(ctx, before, query));
  // Only the queries the change can affect are traced again; the others keep their answer (src/fleet/recheck.ts).
  const again = recheck({
    before,
    after,
    queries,
    beforeResults,
    check: (snapshot, query) => check(ctx, snapshot, query),
  });
  let failed = 0;
  parsed.entries.forEach((entry, i) => {
    const b = beforeResults[i] as CheckResult;
    const a = again.results[i] as CheckResult;
    if (!b.ok || !a.ok) {
      failed += 1;
      const error = !b.ok ? b.error : !a.ok ? a.error : undefined;
      ctx.io.stderr(
        `error: ${visible(batchMessage(file, entry.line, entry.index, error?.message ?? 'cannot be checked'))}\n`,
      );
      return;
    }
    const bo = outcomeOf(traceOf(b));
    const ao = outcomeOf(traceOf(a));
    rows.push({ query: entry.query, before: bo, after: ao, movement: movement(bo, ao) });
  });
  if (failed > 0) return EXIT.usage;
  const pick = (m: Movement) => rows.filter((r) => r.movement === m);
  if (output === 'json') {
    const row = (r: (typeof rows)[number]) => ({
      query: queryText(r.query),
      before: r.before,
      after: r.after,
    });
    ctx.io.stdout(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          newlyAllowed: pick('newly-allowed').map(row),
          newlyBlocked: pick('newly-blocked').map(row),
          changed: pick('changed').map(row),
          unchanged: pick('unchanged').length,
          retraced: again.retraced.length,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const section = (title: string, list: typeof rows) => {
      ctx.io.stdout(`${title} (${list.length})\n`);
      for (const r of list)
        ctx.io.stdout(
          `  ${visible(queryText(r.query))}: ${visible(outcomeText(r.before))} → ${visible(outcomeText(r.after))}\n`,
        );
    };
    section('newly allowed', pick('newly-allowed'));
    section('newly blocked', pick('newly-blocked'));
    section('changed otherwise', pick('changed'));
    ctx.io.stdout(`unchanged (${pick('unchanged').length})\n`);
  }
  // On stderr, so the report on stdout stays as it was.
  ctx.io.stderr(
    `note: ${again.retraced.length} of ${queries.length} quer${queries.length === 1 ? 'y' : 'ies'} traced again after the change, the others cannot be affected (${visible(again.scope)})\n`,
  );
  return pick('newly-blocked').length > 0 ? EXIT.blocked : EXIT.reachable;
}

export async function runWhatif(
  ctx: CommandContext,
  from: string | undefined,
  to: string | undefined,
  options: WhatifOptions,
): Promise<ExitCode> {
  const files = options.change ?? [];
  if (files.length === 0) return usage(ctx, 'give at least one --change FILE');
  const output = options.output ?? 'text';
  let query: Query | undefined;
  if (options.all !== undefined) {
    if (from !== undefined || to !== undefined)
      return usage(ctx, '--all takes every query from its file; leave out FROM and TO');
  } else {
    const parsed = parseQuery({
      from,
      to,
      port: options.port,
      protocol: options.protocol,
      family: options.family,
    });
    if (!parsed.ok) return usage(ctx, parsed.error);
    query = parsed.value;
  }
  const changes = await readChanges(ctx, files);
  if (changes === undefined) return EXIT.usage;
  const path = snapshotPath(options.snapshot, ctx.io.env);
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const applied = applyChanges(loaded.snapshot, changes);
  if (!applied.ok) return usage(ctx, `the change cannot be applied: ${applied.error}`);
  if (options.all !== undefined) return runAll(ctx, loaded.snapshot, applied.snapshot, options.all, output);
  const q = query as Query;
  const before = check(ctx, loaded.snapshot, q);
  const after = check(ctx, applied.snapshot, q);
  if (!before.ok || !after.ok) {
    const error = !before.ok ? before.error : !after.ok ? after.error : undefined;
    ctx.io.stderr(`error: ${visible(error?.message ?? 'the query cannot be checked')}\n`);
    return EXIT.usage;
  }
  const b = traceOf(before);
  const a = traceOf(after);
  if (output === 'json') {
    ctx.io.stdout(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          changes: changes.map((c) => c.kind),
          before: JSON.parse(renderTraceJson(b)),
          after: JSON.parse(renderTraceJson(a)),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const color = ctx.color();
    ctx.io.stdout(`── before ─────────────────────────────\n${renderTraceText(b, { color })}`);
    ctx.io.stdout(
      `── after: ${changes.length} change${changes.length === 1 ? '' : 's'} (${visible(changes.map((c) => c.kind).join(', '))}) ──\n${renderTraceText(a, { color })}`,
    );
    ctx.io.stdout(`what-if: ${visible(outcomeText(outcomeOf(b)))} → ${visible(outcomeText(outcomeOf(a)))}\n`);
  }
  return exitCodeForVerdict(a.verdict);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function whatifCommand(ctx: CommandContext) {
  return new Command('whatif')
    .description(
      'apply changes in memory (docs/whatif.md) and show the trace before and after, or what a list of queries gains and loses',
    )
    .argument('[from]', 'as for check: NAMESPACE/POD, NAMESPACE/KIND/NAME or an IP address')
    .argument(
      '[to]',
      'as for check: an IP address, a host name, svc/NAMESPACE/NAME, NAMESPACE/POD or a resource id',
    )
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option(
      '-c, --change <file>',
      'a change file (repeatable): podreach/v1 Changes and/or Kubernetes manifests',
      collect,
    )
    .option(
      '--all <file>',
      're-check every query of a YAML/JSON list (as check --batch) and print what changes',
    )
    .option('-p, --port <n>', 'destination port')
    .option('--protocol <protocol>', 'tcp, udp, sctp or icmp (default: tcp)')
    .option('--family <family>', '4 or 6')
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices(['text', 'json'] as const),
    )
    .addHelpText(
      'after',
      `
Exit codes: one query — as check, for the trace after the change · --all: 1 when a query is newly blocked, else 0 ·
2 bad input or usage.

Examples:
  podreach whatif -s snap --change snat.yaml shop/web-7c9d-abcde api.github.com --port 443
  podreach whatif -s snap --change allow-egress.yaml --change sg.yaml --all queries.yaml`,
    )
    .action(async (from, to, options) => {
      ctx.exit(await runWhatif(ctx, from, to, options));
    });
}
