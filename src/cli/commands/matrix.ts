import { Command, Option } from '@commander-js/extra-typings';
import { type Column, customColumns } from '../../fleet/columns.js';
import { buildMatrix } from '../../fleet/matrix.js';
import { parseSourceSelector, type SourceSelector } from '../../fleet/sources.js';
import type { Protocol } from '../../model/protocol.js';
import type { QueryDestination } from '../../model/query.js';
import { parseDestination } from '../../query/parse-query.js';
import { renderMatrixCsv } from '../../render/fleet/matrix-csv.js';
import { renderMatrixHtml } from '../../render/fleet/matrix-html.js';
import { renderMatrixJson } from '../../render/fleet/matrix-json.js';
import { renderMatrixText } from '../../render/fleet/matrix-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';
import { runPolicyMatrix } from './policy-matrix.js';

export interface MatrixCliOptions {
  readonly snapshot?: string;
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly port?: readonly string[];
  readonly protocol?: string;
  readonly output?: 'text' | 'csv' | 'json' | 'html';
  /** NetworkPolicy-only counts by namespace, or one pod pair per port (policy-matrix.ts). */
  readonly policyOnly?: boolean;
}

function usage(ctx: CommandContext, command: string, message: string): ExitCode {
  ctx.io.stderr(`error: ${visible(message)}\n(run "podreach ${command} --help" for usage)\n`);
  return EXIT.usage;
}

/** `--port 80 --port 443` or `--port 80,443`. */
export function parsePorts(values: readonly string[] = []): number[] | string {
  const out: number[] = [];
  for (const text of values.flatMap((v) => v.split(','))) {
    const t = text.trim();
    if (!/^[0-9]{1,5}$/.test(t) || Number(t) < 1 || Number(t) > 65535)
      return `--port "${text}" is not a port number (1-65535)`;
    if (!out.includes(Number(t))) out.push(Number(t));
  }
  return out;
}

export function parseSelectors(values: readonly string[] = []): SourceSelector[] | string {
  const out: SourceSelector[] = [];
  for (const v of values) {
    const s = parseSourceSelector(v);
    if (typeof s === 'string') return s;
    out.push(s);
  }
  return out;
}

export async function runMatrix(ctx: CommandContext, options: MatrixCliOptions): Promise<ExitCode> {
  const ports = parsePorts(options.port);
  if (typeof ports === 'string') return usage(ctx, 'matrix', ports);
  if (options.policyOnly === true) return runPolicyMatrix(ctx, options, ports);
  const from = parseSelectors(options.from);
  if (typeof from === 'string') return usage(ctx, 'matrix', from);
  const protocol = (options.protocol ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp', 'icmp'].includes(protocol))
    return usage(ctx, 'matrix', `--protocol "${protocol}" is not tcp, udp, sctp or icmp`);
  let columns: Column[] | undefined;
  if (options.to !== undefined && options.to.length > 0) {
    const destinations: { text: string; to: QueryDestination }[] = [];
    for (const text of options.to) {
      const parsed = parseDestination(text);
      if (!parsed.ok) return usage(ctx, 'matrix', parsed.error);
      destinations.push({ text, to: parsed.value });
    }
    columns = customColumns(destinations, ports, protocol as Protocol);
  }
  const path = snapshotPath(options.snapshot, ctx.io.env);
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const matrix = buildMatrix(loaded.snapshot, ctx.deps.check, {
    from,
    ports,
    ...(columns === undefined ? {} : { columns }),
  });
  if (matrix.rows.length === 0) return usage(ctx, 'matrix', 'no pod matches --from');
  const output = options.output ?? 'text';
  ctx.io.stdout(
    output === 'json'
      ? renderMatrixJson(matrix)
      : output === 'csv'
        ? renderMatrixCsv(matrix)
        : output === 'html'
          ? renderMatrixHtml(matrix, { title: `podreach matrix — ${path}` })
          : renderMatrixText(matrix, { color: ctx.color() }),
  );
  return EXIT.reachable;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function matrixCommand(ctx: CommandContext) {
  return new Command('matrix')
    .description('workloads × destinations: the verdict and source address seen for every pair')
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option(
      '--from <selector>',
      'rows: NAMESPACE, NAMESPACE/POD, NAMESPACE/KIND/NAME or label key=value (repeatable)',
      collect,
    )
    .option(
      '--to <destination>',
      'columns instead of the defaults: anything check takes as TO (repeatable)',
      collect,
    )
    .option('-p, --port <n>', 'destination port(s), e.g. --port 443 --port 3306 or --port 443,3306', collect)
    .option('--protocol <protocol>', 'for --to columns: tcp, udp, sctp or icmp (default: tcp)')
    .option(
      '--policy-only',
      'NetworkPolicy alone for every pod pair: namespace × namespace counts, or one NS/POD → NS/POD per port',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices([
        'text',
        'csv',
        'json',
        'html',
      ] as const),
    )
    .addHelpText(
      'after',
      `
Rows are workloads; pods of a workload that leave the same way (vSwitch, security groups, public address,
policy-relevant labels, addresses no rule tells apart) form one row traced from one representative pod, and the
row says how many pods it stands for. Default columns: an Internet sample address (1.1.1.1, and
2606:4700:4700::1111 on dual-stack), every RDS, non-node ECS and CLB of the snapshot, every Service, and one pod
per namespace. --output html writes one self-contained page (no network access needed).

--policy-only reads NetworkPolicy alone (ACK enforcement) for every pair of Running pods with an IP, on the
destination's declared ports: --from/--to take NAMESPACE (rows/columns), or one NAMESPACE/POD each for that pair's
verdict per port (plus --port). Output text, csv or json.

Exit codes: 0 the matrix was printed · 2 bad input or usage.

Examples:
  podreach matrix --snapshot examples/terway-dualstack
  podreach matrix --from shop --to rm-bp1vy4p0kslx05iqw --to api.github.com --port 443 --port 3306
  podreach matrix --output html > matrix.html
  podreach matrix --policy-only --from shop --to shop --to media`,
    )
    .action(async (options) => {
      ctx.exit(await runMatrix(ctx, options));
    });
}
