import { Command, Option } from '@commander-js/extra-typings';
import { buildAllowlist } from '../../fleet/allowlist.js';
import { renderAllowlistJson, renderAllowlistText } from '../../render/fleet/allowlist-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';

export interface AllowlistOptions {
  readonly snapshot?: string;
  readonly for?: string;
  readonly output?: 'text' | 'json';
}

/** Exit 0: printed (and with --for nothing is missing); 1: --for lacks required entries; 2: bad input. */
export async function runAllowlist(
  ctx: CommandContext,
  workload: string,
  options: AllowlistOptions,
): Promise<ExitCode> {
  const parts = workload.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    ctx.io.stderr(
      `error: "${visible(workload)}" is not NAMESPACE/WORKLOAD or NAMESPACE/KIND/NAME\n(run "podreach allowlist --help" for usage)\n`,
    );
    return EXIT.usage;
  }
  const loaded = await loadForCheck(ctx, snapshotPath(options.snapshot, ctx.io.env));
  if (loaded === undefined) return EXIT.usage;
  const result = buildAllowlist(loaded.snapshot, ctx.deps.check, workload, options.for);
  if (!result.ok) {
    ctx.io.stderr(`error: ${visible(result.error)}\n`);
    return EXIT.usage;
  }
  ctx.io.stdout(
    options.output === 'json'
      ? renderAllowlistJson(result.report)
      : renderAllowlistText(result.report, { color: ctx.color() }),
  );
  return (result.report.missing?.length ?? 0) > 0 ? EXIT.blocked : EXIT.reachable;
}

export function allowlistCommand(ctx: CommandContext) {
  return new Command('allowlist')
    .description('the entries a whitelist must hold for every pod of a workload, now and as it scales')
    .argument('<workload>', 'NAMESPACE/NAME (any workload kind) or NAMESPACE/KIND/NAME')
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option(
      '--for <resource>',
      'compare with the whitelist of rm-… (RDS), lb-… (CLB ACL), i-… (ECS security groups) or a world.yaml allow-list name',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices(['text', 'json'] as const),
    )
    .addHelpText(
      'after',
      `
Terway: pod IPs now, the pod vSwitch CIDRs (PodNetworking or eni-config, zones of the nodes) as it scales.
Flannel and hostNetwork: node IPs now, the node vSwitch CIDRs as it scales. Internet: the addresses the pods
leave as (traced), and the SNAT IPs covering where they may run.

Exit codes: 0 printed (with --for: nothing missing) · 1 --for lacks required entries · 2 bad input or usage.

Examples:
  podreach allowlist shop/web --for rm-bp1vy4p0kslx05iqw
  podreach allowlist payments/payment-api --for paygate --output json`,
    )
    .action(async (workload, options) => {
      ctx.exit(await runAllowlist(ctx, workload, options));
    });
}
