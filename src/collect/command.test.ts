import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it } from 'vitest';
import { registerCollectCommand, toCollectOptions } from './command.js';
import { type Harness, startHarness } from './test-fixtures/harness.js';

const raw = { namespace: [] as string[], endpoint: [] as string[] };

describe('toCollectOptions', () => {
  it('requires --out unless --dry-run', () => {
    expect(toCollectOptions(raw)).toEqual({
      ok: false,
      message: '--out DIR is required (the folder to write the snapshot into)',
    });
    expect(toCollectOptions({ ...raw, dryRun: true }).ok).toBe(true);
  });

  it('splits, sorts and de-duplicates namespaces, and parses endpoints', () => {
    const parsed = toCollectOptions({
      ...raw,
      out: 'snap',
      namespace: ['shop,media', 'shop'],
      endpoint: ['vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com'],
      region: 'cn-hangzhou',
      redact: true,
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        out: 'snap',
        region: 'cn-hangzhou',
        namespaces: ['media', 'shop'],
        endpoints: { vpc: { protocol: 'HTTPS', host: 'vpc-vpc.cn-hangzhou.aliyuncs.com' } },
        dryRun: false,
        redact: true,
      },
    });
  });

  it('refuses a bad region, cluster id or namespace with a message', () => {
    expect(toCollectOptions({ ...raw, out: 's', region: 'hangzhou' })).toEqual({
      ok: false,
      message: '--region hangzhou: not a region id (e.g. cn-hangzhou)',
    });
    expect(toCollectOptions({ ...raw, out: 's', clusterId: 'c-1/..' })).toEqual({
      ok: false,
      message: '--cluster-id c-1/..: not an ACK cluster id (letters and digits)',
    });
    expect(toCollectOptions({ ...raw, out: 's', namespace: ['Shop'] })).toEqual({
      ok: false,
      message: '--namespace Shop: not a namespace name',
    });
  });
});

describe('registerCollectCommand', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function run(
    argv: string[],
    h: Harness,
  ): Promise<{ code: number | undefined; io: ReturnType<Harness['io']> }> {
    const io = h.io();
    let code: number | undefined;
    const program = new Command('podreach').exitOverride();
    registerCollectCommand(
      program,
      io,
      (c) => {
        code = c;
      },
      h.deps,
    );
    await program.parseAsync(argv, { from: 'user' });
    return { code, io };
  }

  it('runs collect from the command line and exits 0 when everything was collected', async () => {
    harness = await startHarness('terway-dualstack');
    const out = join(harness.dir, 'cli-snapshot');
    const endpoints = ['cs', 'vpc', 'ecs', 'rds', 'slb'].flatMap((p) => [
      '--endpoint',
      `${p}=http://127.0.0.1:${harness?.cloud.port}`,
    ]);
    const { code } = await run(
      ['collect', '--out', out, '--kubeconfig', harness.kubeconfig, ...endpoints],
      harness,
    );
    expect(code).toBe(0);
    expect(existsSync(join(out, 'collection.json'))).toBe(true);
  });

  it('exits 2 with one line on stderr for bad usage, before contacting anything', async () => {
    harness = await startHarness('terway-dualstack');
    const { code, io } = await run(
      ['collect', '--out', 'x', '--endpoint', 'oss=https://oss.example'],
      harness,
    );
    expect(code).toBe(2);
    expect(io.err.join('')).toBe(
      'podreach collect: --endpoint oss=https://oss.example: unknown product "oss" (one of cs, vpc, ecs, rds, slb)\n',
    );
    expect(harness.kube.requests).toEqual([]);
  });
});
