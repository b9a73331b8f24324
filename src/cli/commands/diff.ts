import { Command, Option } from '@commander-js/extra-typings';
import { parseExpectations } from '../../fleet/assert.js';
import { diffMatrix, diffQueries } from '../../fleet/diff.js';
import { renderDiffJson, renderDiffText } from '../../render/fleet/diff-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck } from '../load.js';
import { parsePorts, parseSelectors } from './matrix.js';

export interface DiffOptions {
  readonly queries?: string;
  readonly from?: readonly string[];
  readonly port?: readonly string[];
  readonly output?: 'text' | 'json';
}

/** Exit 0: nothing changed; 1: something became reachable, blocked or is seen from another address; 2: bad input. */
export async function runDiff(
  ctx: CommandContext,
  oldPath: string,
  newPath: string,
  options: DiffOptions,
): Promise<ExitCode> {
  const ports = parsePorts(options.port);
  const from = parseSelectors(options.from);
  if (typeof ports === 'string' || typeof from === 'string') {
    ctx.io.stderr(`error: ${visible(typeof ports === 'string' ? ports : String(from))}\n`);
    return EXIT.usage;
  }
  let queries: Parameters<typeof diffQueries>[3] | undefined;
  if (options.queries !== undefined) {
    let text: string;
    try {
      text = await ctx.deps.readTextFile(options.queries);
    } catch {
      ctx.io.stderr(`error: cannot read ${visible(options.queries)}\n`);
      return EXIT.usage;
    }
    const parsed = parseExpectations(options.queries, text, { expectRequired: false });
    if (!parsed.ok) {
      for (const error of parsed.errors) ctx.io.stderr(`error: ${visible(error)}\n`);
      return EXIT.usage;
    }
    queries = parsed.expectations.map((e) => e.query);
  }
  const before = await loadForCheck(ctx, oldPath);
  if (before === undefined) return EXIT.usage;
  const after = await loadForCheck(ctx, newPath);
  if (after === undefined) return EXIT.usage;
  const diff =
    queries === undefined
      ? diffMatrix(before.snapshot, after.snapshot, ctx.deps.check, { from, ports })
      : diffQueries(before.snapshot, after.snapshot, ctx.deps.check, queries);
  ctx.io.stdout(
    options.output === 'json' ? renderDiffJson(diff) : renderDiffText(diff, { color: ctx.color() }),
  );
  return diff.changes.length === 0 ? EXIT.reachable : EXIT.blocked;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function diffCommand(ctx: CommandContext) {
  return new Command('diff')
    .description('what became reachable or blocked between two snapshots, with the hop and rule that changed')
    .argument('<old>', 'the earlier snapshot folder or file')
    .argument('<new>', 'the later snapshot folder or file')
    .option(
      '--queries <file>',
      'compare these queries (a check --batch or assert file) instead of the matrix',
    )
    .option(
      '--from <selector>',
      'matrix rows: NAMESPACE, NAMESPACE/POD, NAMESPACE/KIND/NAME or key=value (repeatable)',
      collect,
    )
    .option('-p, --port <n>', 'matrix destination port(s)', collect)
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text)').choices(['text', 'json'] as const),
    )
    .addHelpText(
      'after',
      `
Without --queries: the default matrix of the new snapshot (pods present in both, each answered by its own class).

Exit codes: 0 no change · 1 changes · 2 bad input or usage.

Example:
  podreach diff snapshots/monday snapshots/tuesday
  podreach diff old/ new/ --queries examples/terway-dualstack/expectations.yaml`,
    )
    .action(async (oldPath, newPath, options) => {
      ctx.exit(await runDiff(ctx, oldPath, newPath, options));
    });
}
