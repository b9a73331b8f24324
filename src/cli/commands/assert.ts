import { writeFile } from 'node:fs/promises';
import { Command } from '@commander-js/extra-typings';
import { parseExpectations, runExpectations } from '../../fleet/assert.js';
import { renderAssertText, renderJunit } from '../../render/fleet/assert-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';

export interface AssertOptions {
  readonly snapshot?: string;
  readonly junit?: string;
}

function readError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Exit 0: every expectation holds; 1: any fails; 2: the file, the snapshot or --junit cannot be used. */
export async function runAssert(
  ctx: CommandContext,
  file: string,
  options: AssertOptions,
): Promise<ExitCode> {
  let text: string;
  try {
    text = await ctx.deps.readTextFile(file);
  } catch (error) {
    ctx.io.stderr(`error: cannot read ${visible(file)}: ${visible(readError(error))}\n`);
    return EXIT.usage;
  }
  const parsed = parseExpectations(file, text);
  if (!parsed.ok) {
    for (const error of parsed.errors) ctx.io.stderr(`error: ${visible(error)}\n`);
    ctx.io.stderr(
      `podreach: ${parsed.errors.length} bad entr${parsed.errors.length === 1 ? 'y' : 'ies'} in ${visible(file)}; nothing was checked\n`,
    );
    return EXIT.usage;
  }
  const loaded = await loadForCheck(ctx, snapshotPath(options.snapshot, ctx.io.env));
  if (loaded === undefined) return EXIT.usage;
  const results = runExpectations(loaded.snapshot, ctx.deps.check, parsed.expectations);
  ctx.io.stdout(renderAssertText(results, { color: ctx.color() }));
  if (options.junit !== undefined) {
    try {
      await writeFile(options.junit, renderJunit(file, results), 'utf8');
    } catch (error) {
      ctx.io.stderr(`error: cannot write ${visible(options.junit)}: ${visible(readError(error))}\n`);
      return EXIT.usage;
    }
  }
  return results.every((r) => r.passed) ? EXIT.reachable : EXIT.blocked;
}

export function assertCommand(ctx: CommandContext) {
  return new Command('assert')
    .description('check connectivity expectations (a YAML list) against a snapshot: for CI')
    .argument(
      '<file>',
      'YAML list of {name, from, to, port, protocol, family, expect, sourceAddress, blockedAt}',
    )
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option('--junit <file>', 'also write the results as JUnit XML')
    .addHelpText(
      'after',
      `
Each entry: from, to, port, protocol (default tcp), family (4|6, optional), expect (reachable|blocked|unresolved|
unknown), optional sourceAddress (an address, or a list: every address a SNAT entry may pick), blockedAt (a hop
kind), name and why. The format of examples/*/expectations.yaml. A workload source must hold for every pod.

Exit codes: 0 all passed · 1 any failed · 2 bad input or usage.

Example:
  podreach assert examples/terway-dualstack/expectations.yaml --snapshot examples/terway-dualstack --junit report.xml`,
    )
    .action(async (file, options) => {
      ctx.exit(await runAssert(ctx, file, options));
    });
}
