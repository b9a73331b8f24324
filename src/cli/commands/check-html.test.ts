/** `podreach check --output html` end to end on the Terway example, in-process. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../io.js';
import { run } from '../main.js';

const terway = fileURLToPath(new URL('../../../examples/terway-dualstack', import.meta.url));

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach check --output html', () => {
  it('writes one self-contained page with the blocker, its proven fix, and exit code 1', async () => {
    const result = await cli([
      'check',
      'shop/checkout-5b8c7d9f4-c3v4b',
      'api.github.com',
      '--port',
      '443',
      '--snapshot',
      terway,
      '--output',
      'html',
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    expect(result.out.startsWith('<!doctype html>')).toBe(true);
    expect(result.out).toContain('blocked at <a href="#hop-6">internet-exit</a>');
    expect(result.out).toContain('aliyun vpc CreateSnatEntry');
    expect(result.out).toContain('After this fix: reachable');
    expect(result.out).not.toMatch(/<script|https?:\/\//i);
  });

  it('is refused with --batch, which prints JSON lines', async () => {
    const result = await cli(['check', '--batch', 'q.yaml', '--output', 'html', '--snapshot', terway]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--output html does not apply');
  });
});
