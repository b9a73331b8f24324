import { Command, Option } from '@commander-js/extra-typings';
import { renderInspectJson } from '../../render/inspect-json.js';
import { buildInspectReport } from '../../render/inspect-report.js';
import { renderInspectText } from '../../render/inspect-text.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { countErrors, snapshotPath } from '../load.js';

export interface InspectOptions {
  readonly snapshot?: string;
  readonly output: 'text' | 'json';
}

/** Prints the report (even for a snapshot with errors: it lists them) and exits 2 when the snapshot has errors. */
export async function runInspect(ctx: CommandContext, options: InspectOptions): Promise<number> {
  const path = snapshotPath(options.snapshot, ctx.io.env);
  const result = await ctx.deps.loadSnapshot(path);
  const report = buildInspectReport(path, result);
  ctx.io.stdout(
    options.output === 'json'
      ? `${renderInspectJson(report)}\n`
      : renderInspectText(report, { color: ctx.color() }),
  );
  const errors = countErrors(result);
  if (errors === 0) return EXIT.reachable;
  ctx.io.stderr(
    `podreach: the snapshot has ${errors} error${errors === 1 ? '' : 's'} (see "load problems"); fix them before running check\n`,
  );
  return EXIT.usage;
}

export function inspectCommand(ctx: CommandContext) {
  return new Command('inspect')
    .description(
      'show what the snapshot holds: CNI, mode and version with their evidence, IP stack, object counts, NAT gateways and SNAT coverage, EIPs, security groups, RDS/SLB, and the checks it cannot support yet',
    )
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices(['text', 'json'] as const)
        .default('text' as const),
    )
    .action(async (options) => {
      ctx.exit(await runInspect(ctx, options));
    });
}
