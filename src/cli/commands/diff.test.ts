import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLANNEL, TERWAY, terwayWithoutSnatEntry } from '../../fleet/test-fixtures/examples.js';
import { captureIo } from '../io.js';
import { run } from '../main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach diff', () => {
  it('over given queries: names the change and the SNAT entry that decided before (exit 1)', async () => {
    const after = terwayWithoutSnatEntry('snat-bp1dyrhigku3583a56sq');
    const dir = mkdtempSync(join(tmpdir(), 'podreach-diff-'));
    const queries = join(dir, 'q.yaml');
    writeFileSync(
      queries,
      '- { from: shop/web-7d9f8b6c5-x2k4p, to: api.github.com, port: 443 }\n- { from: media/uploader-5c7b8d9f6-p4l5m, to: api.github.com, port: 443 }\n',
    );
    const r = await cli(['diff', TERWAY, after, '--queries', queries]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('became blocked: shop/web-7d9f8b6c5-x2k4p → api.github.com:443/tcp');
    expect(r.out).toContain('  was reachable as 47.98.210.15 or 47.98.210.16; now blocked');
    expect(r.out).toContain('  old: internet-exit rewrite by snat-bp1dyrhigku3583a56sq');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('1 change over 2 answers');
  });

  it('the expectations file works as the query list; the same snapshot twice has no change (exit 0)', async () => {
    const r = await cli(['diff', FLANNEL, FLANNEL, '--queries', join(FLANNEL, 'expectations.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('no change over 19 answers\n');
  });

  it('over the matrix, with JSON output', async () => {
    const after = terwayWithoutSnatEntry('snat-bp1dyrhigku3583a56sq');
    const r = await cli(['diff', TERWAY, after, '--from', 'shop/deployment/web', '--output', 'json']);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out) as { changes: { kind: string; sources: string[]; to: string }[] };
    expect(data.changes.find((c) => c.to === '1.1.1.1:443/tcp')).toMatchObject({
      kind: 'became-blocked',
      sources: ['shop/web-7d9f8b6c5-r8n3v', 'shop/web-7d9f8b6c5-x2k4p'],
    });
  });
});
