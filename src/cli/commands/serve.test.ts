/** `podreach serve` in-process: it prints a loopback URL, answers there, warns for other hosts, refuses bad ports. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../engine/index.js';
import { loadSnapshot } from '../../load/index.js';
import { defaultUiRoot, type RunningServer } from '../../server/listen.js';
import type { CommandContext } from '../context.js';
import { captureIo } from '../io.js';
import { runServe } from './serve.js';

const terway = fileURLToPath(new URL('../../../examples/terway-dualstack', import.meta.url));
const built = defaultUiRoot() !== undefined;

function context() {
  const io = captureIo();
  const ctx: CommandContext = {
    io,
    deps: { loadSnapshot: (path) => loadSnapshot(path), check, readTextFile: async () => '' },
    color: () => false,
    exit: () => undefined,
  };
  return { io, ctx };
}

describe('podreach serve', () => {
  it('refuses a port that is not a number, before loading anything', async () => {
    const { io, ctx } = context();
    expect(await runServe(ctx, { snapshot: terway, port: 'http' })).toBe(2);
    expect(io.err()).toContain('--port http is not a port number');
  });

  it.skipIf(!built)(
    'binds 127.0.0.1 on a free port by default, prints the URL, and answers there',
    async () => {
      const { io, ctx } = context();
      let server: RunningServer | undefined;
      expect(await runServe(ctx, { snapshot: terway }, (started) => (server = started))).toBe(0);
      try {
        const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(io.out())?.[0];
        expect(url).toBeDefined();
        expect(io.err()).toBe('');
        const response = await fetch(
          `${url}api/query?from=shop/checkout-5b8c7d9f4-c3v4b&to=api.github.com&port=443`,
        );
        expect(response.status).toBe(200);
        const index = await fetch(url ?? '');
        expect(await index.text()).toContain('<div id="app">');
      } finally {
        await server?.close();
      }
    },
  );

  it.skipIf(!built)('warns that another host exposes the snapshot', async () => {
    const { io, ctx } = context();
    let server: RunningServer | undefined;
    expect(await runServe(ctx, { snapshot: terway, host: '0.0.0.0' }, (started) => (server = started))).toBe(
      0,
    );
    await server?.close();
    expect(io.err()).toContain(
      'warning: serving on 0.0.0.0: anyone who can reach this address can read the snapshot',
    );
  });

  it('refuses a snapshot with load errors (exit 2), like check', async () => {
    const { io, ctx } = context();
    expect(await runServe(ctx, { snapshot: `${terway}/no-such-folder` })).toBe(2);
    expect(io.err()).not.toBe('');
  });
});
