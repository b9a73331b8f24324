/**
 * The `podreach` command line, driven in-process: `runProgram(argv, io, deps)` parses, runs one command and
 * returns its exit code. Commander's own exits (help, version, usage errors) are turned into return values with
 * `exitOverride`, its output is routed to `io`, and any unexpected exception becomes one line on stderr, never a
 * stack trace (set PODREACH_DEBUG=1 to see it).
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { collectCommand } from '../collect/command.js';
import { colorEnabled } from '../render/colors.js';
import { visible } from '../render/sanitize.js';
import { allowlistCommand } from './commands/allowlist.js';
import { assertCommand } from './commands/assert.js';
import { auditCommand } from './commands/audit.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { dnsCommand } from './commands/dns.js';
import { inspectCommand } from './commands/inspect.js';
import { matrixCommand } from './commands/matrix.js';
import { serveCommand } from './commands/serve.js';
import { whatifCommand } from './commands/whatif.js';
import type { CliDeps, CommandContext } from './context.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export interface ProgramOptions {
  /** `podreach`, or `kubectl podreach` when run as the kubectl plugin. */
  readonly name?: string;
  readonly version?: string;
}

/** The program name a binary was started as: `kubectl-podreach` is the kubectl plugin. */
export function programNameFor(binaryPath: string | undefined): string {
  const base = (binaryPath ?? '').split(/[\\/]/).pop() ?? '';
  return base.startsWith('kubectl-podreach') ? 'kubectl podreach' : 'podreach';
}

function routeOutput(
  command: Command<unknown[], Record<string, unknown>, Record<string, unknown>>,
  io: CliIo,
): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      // Commander's messages quote the user's arguments: escape them like snapshot strings, keeping line breaks.
      outputError: (text, write) => write(text.split('\n').map(visible).join('\n')),
    })
    .showHelpAfterError(`(add --help for usage)`);
}

export async function runProgram(
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps,
  options: ProgramOptions = {},
): Promise<number> {
  let exitCode: number = EXIT.reachable;
  const program = new Command(options.name ?? 'podreach')
    .description(
      'Can this Pod of an Alibaba Cloud ACK cluster reach that destination? Along which path, as which source address, and if not, which hop blocks it and why.',
    )
    .version(options.version ?? '0.0.0', '-V, --version')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .addHelpText(
      'after',
      `
Exit codes: 0 reachable · 1 blocked or unresolved · 3 unknown · 2 bad input or usage.
Docs: docs/cli.md, docs/trace.md, docs/snapshot.md.`,
    );
  const ctx: CommandContext = {
    io,
    deps,
    color: () => program.opts().color && colorEnabled(io.env, io.stdoutIsTTY),
    exit: (code) => {
      exitCode = code;
    },
  };
  routeOutput(program, io);
  const collect = collectCommand(
    { stdout: io.stdout, stderr: io.stderr, isTTY: io.stderrIsTTY === true },
    ctx.exit,
  );
  const fleet = [
    matrixCommand(ctx),
    auditCommand(ctx),
    allowlistCommand(ctx),
    assertCommand(ctx),
    diffCommand(ctx),
  ];
  for (const command of [
    inspectCommand(ctx),
    checkCommand(ctx),
    dnsCommand(ctx),
    whatifCommand(ctx),
    collect,
    serveCommand(ctx),
    ...fleet,
  ]) {
    routeOutput(command, io);
    program.addCommand(command);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.reachable : EXIT.usage;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`podreach: internal error: ${visible(message)}\n`);
    if (io.env.PODREACH_DEBUG !== undefined && error instanceof Error && error.stack !== undefined) {
      io.stderr(`${visible(error.stack).replaceAll('\\n', '\n')}\n`);
    } else {
      io.stderr(
        '(this is a bug in podreach; run again with PODREACH_DEBUG=1 to see where, and please report it)\n',
      );
    }
    return EXIT.usage;
  }
}
