/**
 * Starts the web app on a socket: 127.0.0.1 and a free port unless told otherwise. Returns the URL to print and a
 * close function (tests and the browser test start and stop it in-process).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createServerApp, type ServerAppOptions } from './app.js';

export interface StartOptions extends Omit<ServerAppOptions, 'loopbackOnly'> {
  readonly host: string;
  readonly port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The built UI: dist/ui beside the compiled server (dist/server → dist/ui), or the repository's dist/ui when run
 * from the sources (src/server → dist/ui). Undefined when neither was built.
 */
export function defaultUiRoot(): string | undefined {
  for (const relative of ['../ui/', '../../dist/ui/']) {
    const folder = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${folder}index.html`)) return folder;
  }
  return undefined;
}

export function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createServerApp({ ...options, loopbackOnly: isLoopbackAddress(options.host) });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        const host =
          info.family === 'IPv6' || info.address.includes(':') ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}/`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
