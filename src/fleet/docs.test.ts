/**
 * docs/fleet.md shows real output: these blocks are re-run here and must appear in it byte for byte, so the page
 * follows the engine (regenerate the page's blocks from `podreach <command>` when this fails).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../cli/io.js';
import { run } from '../cli/main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(`${root}docs/fleet.md`, 'utf8');

async function shown(argv: string[]): Promise<string> {
  const io = captureIo();
  // Run on absolute paths; the page shows them relative to the repository, as a user types them there.
  await run(
    argv.map((arg) => (arg.startsWith('examples/') ? `${root}${arg}` : arg)),
    io,
  );
  return `$ podreach ${argv.join(' ')}\n${io.out()}`;
}

describe('docs/fleet.md', () => {
  for (const argv of [
    ['matrix', '--snapshot', 'examples/flannel-ipv4', '--from', 'web', '--from', 'batch'],
    ['matrix', '--policy-only', '--snapshot', 'examples/terway-dualstack'],
    [
      'matrix',
      '--policy-only',
      '--snapshot',
      'examples/terway-dualstack',
      '--from',
      'monitoring/prometheus-5f8c9d6b7-l2m4n',
      '--to',
      'shop/cart-redis-0',
      '--port',
      '443',
    ],
    ['allowlist', 'web/frontend', '--for', 'rm-bp14sqc6vulowiur9', '--snapshot', 'examples/flannel-ipv4'],
    [
      'allowlist',
      'media/streamer',
      '--for',
      'paygate',
      '--snapshot',
      'examples/terway-dualstack',
      '--output',
      'json',
    ],
    ['assert', 'examples/flannel-ipv4/expectations.yaml', '--snapshot', 'examples/flannel-ipv4'],
  ]) {
    it(`shows the current output of podreach ${argv.slice(0, 2).join(' ')}`, async () => {
      expect(page).toContain((await shown(argv)).trimEnd());
    });
  }
});
