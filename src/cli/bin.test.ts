/**
 * The built binary, spawned as a user runs it (after `npm ci`, whose `prepare` step builds dist/). Skipped when
 * dist/ has not been built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/podreach.js`;
const built = existsSync(`${root}dist/cli/main.js`);
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;

function spawn(file: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [file, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe.runIf(built)('bin/podreach.js', () => {
  it('prints the package version', () => {
    expect(spawn(bin, ['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('calls itself "kubectl podreach" when run as kubectl-podreach', () => {
    const link = `${mkdtempSync(`${tmpdir()}/podreach-bin-`)}/kubectl-podreach`;
    symlinkSync(bin, link);
    const result = spawn(link, ['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: kubectl podreach [options] [command]');
  });

  it('exits 1 for a blocked check, 2 for a usage error, with no colour on a pipe', () => {
    const blocked = spawn(bin, [
      'check',
      '--snapshot',
      'examples/terway-dualstack',
      'shop/checkout-5b8c7d9f4-c3v4b',
      'api.github.com',
      '--port',
      '443',
    ]);
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain('verdict   BLOCKED');
    expect(blocked.out).not.toContain('\u001b[');
    const usage = spawn(bin, ['check', 'shop/x', 'api.github.com']);
    expect(usage).toMatchObject({ code: 2, out: '' });
    expect(usage.err).toContain('error: --port is required for tcp');
  });

  it('reads the snapshot from $PODREACH_SNAPSHOT', () => {
    const result = spawn(bin, ['inspect'], { PODREACH_SNAPSHOT: 'examples/flannel-ipv4' });
    expect(result.code).toBe(0);
    expect(result.out).toContain('podreach inspect  examples/flannel-ipv4');
  });
});
