import { Command } from '@commander-js/extra-typings';
import { visible } from '../../render/sanitize.js';
import { defaultUiRoot, isLoopbackAddress, type RunningServer, startServer } from '../../server/listen.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';

export interface ServeOptions {
  readonly snapshot?: string;
  readonly host?: string;
  readonly port?: string;
}

/**
 * Loads the snapshot once and serves the UI and its JSON routes (src/server) until the process is stopped. Binds
 * 127.0.0.1 unless told otherwise: the snapshot is infrastructure data, so any other host gets a warning. Opens no
 * browser; prints the URL. `onStarted` lets tests stop the server.
 */
export async function runServe(
  ctx: CommandContext,
  options: ServeOptions,
  onStarted?: (server: RunningServer) => void,
): Promise<ExitCode> {
  const host = options.host ?? '127.0.0.1';
  const portText = options.port ?? '0';
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535) {
    ctx.io.stderr(
      `error: --port ${visible(portText)} is not a port number (0 to 65535; 0 picks a free one)\n`,
    );
    return EXIT.usage;
  }
  const uiRoot = defaultUiRoot();
  if (uiRoot === undefined) {
    ctx.io.stderr(
      'error: the web UI is not built (dist/ui is missing); run `npm run build` in the podreach folder\n',
    );
    return EXIT.usage;
  }
  const path = snapshotPath(options.snapshot, ctx.io.env);
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  if (!isLoopbackAddress(host)) {
    ctx.io.stderr(
      `warning: serving on ${visible(host)}: anyone who can reach this address can read the snapshot (addresses, rules, names); the server has no login\n`,
    );
  }
  let server: RunningServer;
  try {
    server = await startServer({
      loaded,
      snapshotPath: path,
      check: ctx.deps.check,
      uiRoot,
      host,
      port: Number(portText),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : String(error);
    ctx.io.stderr(`error: cannot listen on ${visible(host)}:${portText}: ${visible(why)}\n`);
    return EXIT.usage;
  }
  ctx.io.stdout(`podreach serves ${visible(path)} at ${server.url}\n(read-only; stop with Ctrl-C)\n`);
  onStarted?.(server);
  return EXIT.reachable;
}

export function serveCommand(ctx: CommandContext) {
  return new Command('serve')
    .description('serve a local web UI to trace queries on a snapshot (read-only; binds 127.0.0.1)')
    .option(
      '-s, --snapshot <dir>',
      'snapshot folder or file (default: $PODREACH_SNAPSHOT, else the current folder)',
    )
    .option(
      '--host <address>',
      'address to listen on (default: 127.0.0.1; others are reachable by anyone who can route to them)',
    )
    .option('--port <n>', 'port to listen on (default: 0, a free port)')
    .addHelpText(
      'after',
      `
The server only reads the snapshot and answers JSON; it never writes, runs commands or applies fixes.
Docs: docs/ui.md

Examples:
  podreach serve --snapshot examples/terway-dualstack
  podreach serve --snapshot ./snap --port 8080`,
    )
    .action(async (options) => {
      ctx.exit(await runServe(ctx, options));
    });
}
