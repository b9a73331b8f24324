import { Command, Option } from '@commander-js/extra-typings';
import { type DnsReport, dnsReport } from '../../engine/dns/report.js';
import type { DnsOverride } from '../../model/query.js';
import { palette } from '../../render/colors.js';
import { dnsDetailLines } from '../../render/dns-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';
import {
  collectRepeatable,
  type LiveLookup,
  liveOverride,
  mergeOverrides,
  parseResolveFlags,
} from './dns-overrides.js';

export interface DnsOptions {
  readonly snapshot?: string;
  readonly output?: 'text' | 'json';
  readonly resolve?: string[];
  readonly liveDns?: boolean;
}

function usage(ctx: CommandContext, message: string): ExitCode {
  ctx.io.stderr(`error: ${visible(message)}\n(run "podreach dns --help" for usage)\n`);
  return EXIT.usage;
}

export function exitCodeForDns(verdict: DnsReport['verdict']): ExitCode {
  switch (verdict) {
    case 'resolved':
    case 'reachable':
      return EXIT.reachable;
    case 'unresolved':
    case 'unreachable':
      return EXIT.blocked;
    case 'unknown':
      return EXIT.unknown;
  }
}

export function renderDnsText(report: DnsReport, color: boolean): string {
  const c = palette(color);
  const lines = [
    `${c.bold('podreach dns')}  ${visible(report.pod)}${report.name === null ? '' : `  ${visible(report.name)}`}`,
    '',
  ];
  lines.push(c.dim('/etc/resolv.conf as the pod gets it:'));
  for (const line of report.resolvConf.trimEnd().split('\n')) lines.push(`  ${visible(line)}`);
  lines.push('');
  lines.push(...dnsDetailLines(report.dns, c, ''));
  lines.push('');
  const verdict =
    report.verdict === 'resolved' || report.verdict === 'reachable'
      ? c.green(report.verdict)
      : report.verdict === 'unknown'
        ? c.yellow(report.verdict)
        : c.red(report.verdict);
  lines.push(`${c.bold('verdict')}   ${verdict}  ${visible(report.reason)}`);
  if (report.assumptions.length > 0) {
    lines.push(c.bold('assumptions'));
    for (const a of report.assumptions) {
      lines.push(`  • [${a.hop}] ${visible(a.statement)}`);
      lines.push(`      ${c.dim(`basis: ${visible(a.basis)}`)}`);
    }
  }
  if (report.missing.length > 0) {
    lines.push(c.bold('missing data'));
    for (const m of report.missing) {
      lines.push(`  ? [${m.hop}] ${visible(m.what)}`);
      lines.push(`      collect: ${c.cyan(visible(m.collect))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** JSON: the report's own fields, then the same fields as the `dns` hop's details. */
export function renderDnsJson(report: DnsReport): string {
  const { dns, ...rest } = report;
  return `${JSON.stringify({ ...rest, ...dns }, null, 2)}\n`;
}

export async function runDns(
  ctx: CommandContext,
  pod: string | undefined,
  name: string | undefined,
  options: DnsOptions,
  live: LiveLookup | undefined = undefined,
): Promise<ExitCode> {
  const parts = (pod ?? '').split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return usage(ctx, `expected NAMESPACE/POD, got ${pod ?? 'nothing'}`);
  }
  const resolved = parseResolveFlags(options.resolve ?? []);
  if (!resolved.ok) return usage(ctx, resolved.error);
  const loaded = await loadForCheck(ctx, snapshotPath(options.snapshot, ctx.io.env));
  if (loaded === undefined) return EXIT.usage;
  let overrides: DnsOverride[] = resolved.value;
  if (options.liveDns === true && name !== undefined) {
    const domain = loaded.snapshot.facts.clusterDomain;
    const result = await liveOverride(name, domain.known ? domain.value : 'cluster.local', live);
    if (result.warning !== undefined) ctx.io.stderr(`podreach: ${visible(result.warning)}\n`);
    if (result.override !== undefined) overrides = mergeOverrides(overrides, [result.override]);
  }
  const result = dnsReport(
    loaded.snapshot,
    { namespace: parts[0] ?? '', name: parts[1] ?? '' },
    name,
    overrides,
  );
  if (!result.ok) {
    const hint = result.error.hint === undefined ? '' : ` — ${result.error.hint}`;
    ctx.io.stderr(`error: ${visible(result.error.message)}${visible(hint)}\n`);
    return EXIT.usage;
  }
  ctx.io.stdout(
    options.output === 'json' ? renderDnsJson(result.report) : renderDnsText(result.report, ctx.color()),
  );
  return exitCodeForDns(result.report.verdict);
}

export function dnsCommand(ctx: CommandContext) {
  return new Command('dns')
    .description(
      "a pod's resolver (the resolv.conf it really gets), whether its DNS query reaches a nameserver, and with a name, every query it sends and the answer",
    )
    .argument('[pod]', 'NAMESPACE/POD')
    .argument('[name]', 'a host name to resolve as the pod would')
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices(['text', 'json'] as const),
    )
    .option(
      '--resolve <name=addr>',
      'declare a DNS answer, e.g. api.example.com=203.0.113.5 (repeatable)',
      collectRepeatable,
    )
    .option(
      '--live-dns',
      "ask this machine's resolver for NAME (the only network access; marked LIVE in the output)",
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 resolved (without NAME: a nameserver is reached) · 1 unresolved / unreachable · 3 unknown · 2 usage.

Examples:
  podreach dns shop/web-7c9d-abcde
  podreach dns shop/web-7c9d-abcde rm-bp1xxxx.mysql.rds.aliyuncs.com
  podreach dns shop/web-7c9d-abcde db.corp.example --resolve db.corp.example=10.0.8.5 --output json`,
    )
    .action(async (pod, name, options) => {
      ctx.exit(await runDns(ctx, pod, name, options));
    });
}
