import { Command, Option } from '@commander-js/extra-typings';
import { auditSnapshot } from '../../fleet/audit.js';
import { renderAuditHtml } from '../../render/fleet/audit-html.js';
import { renderAuditJson, renderAuditText } from '../../render/fleet/audit-text.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';

export interface AuditOptions {
  readonly snapshot?: string;
  readonly output?: 'text' | 'json' | 'html';
}

/** Exit 0: no high-severity finding; 1: at least one; 2: bad input. */
export async function runAudit(ctx: CommandContext, options: AuditOptions): Promise<ExitCode> {
  const path = snapshotPath(options.snapshot, ctx.io.env);
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const findings = auditSnapshot(loaded.snapshot, ctx.deps.check);
  ctx.io.stdout(
    options.output === 'json'
      ? renderAuditJson(findings)
      : options.output === 'html'
        ? renderAuditHtml(findings, { subtitle: `snapshot ${path}` })
        : renderAuditText(findings, { color: ctx.color() }),
  );
  return findings.some((f) => f.severity === 'high') ? EXIT.blocked : EXIT.reachable;
}

export function auditCommand(ctx: CommandContext) {
  return new Command('audit')
    .description(
      'findings across the cluster: Internet exposure, uncovered vSwitches, DNS, policies, whitelists, security groups',
    )
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices([
        'text',
        'json',
        'html',
      ] as const),
    )
    .addHelpText(
      'after',
      `
Checks: internet-egress, public-addresses, snat-uncovered-vswitch, policy-blocks-dns, policy-selects-nothing,
policy-not-enforced, whitelist-too-wide, whitelist-stale, sg-drop-shadows-everything, sg-drop-shadowed,
layer4-hairpin, terway-no-in-cluster-lb (docs/fleet.md).

--output html writes one self-contained page (no script, no network access needed):
  podreach audit --output html > audit.html

Exit codes: 0 no high-severity finding · 1 at least one · 2 bad input or usage.`,
    )
    .action(async (options) => {
      ctx.exit(await runAudit(ctx, options));
    });
}
