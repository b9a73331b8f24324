import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('podreach assert', () => {
  it('passes on both examples with their own expectations.yaml (exit 0)', async () => {
    const t = await cli(['assert', join(TERWAY, 'expectations.yaml'), '--snapshot', TERWAY]);
    expect(t.code).toBe(0);
    expect(t.out.trimEnd().split('\n').at(-1)).toBe('31 passed, 0 failed');
    const f = await cli(['assert', join(FLANNEL, 'expectations.yaml'), '--snapshot', FLANNEL]);
    expect(f.code).toBe(0);
    expect(f.out.trimEnd().split('\n').at(-1)).toBe('19 passed, 0 failed');
  });

  it('fails (exit 1) on a copy without an SNAT entry, and writes JUnit XML', async () => {
    const folder = terwayWithoutSnatEntry('snat-bp1te3fnkyz0x0syh8et');
    const junit = join(mkdtempSync(join(tmpdir(), 'podreach-junit-')), 'report.xml');
    const r = await cli([
      'assert',
      join(TERWAY, 'expectations.yaml'),
      '--snapshot',
      folder,
      '--junit',
      junit,
    ]);
    expect(r.code).toBe(1);
    // By hand: snat-bp1te3fnkyz0x0syh8et (10.0.96.0/24) carries t6y7u → 140.82.112.5 and uploader → both.example.com.
    expect(r.out).toContain(
      'FAIL same Deployment, other zone: covered by the pod-k SNAT entry with its single EIP',
    );
    expect(r.out).toContain('FAIL a name with A and AAAA: IPv4 first goes through SNAT');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('29 passed, 2 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites tests="31" failures="2">');
  });

  it('exit 2 on a bad file, naming the entry, and on a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podreach-assert-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- { from: shop/web, to: 1.1.1.1, port: 443, expect: maybe }\n');
    const r = await cli(['assert', bad, '--snapshot', TERWAY]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('entry [0]: "expect" must be one of reachable, blocked, unresolved, unknown');
    expect(r.out).toBe('');
    const missing = await cli(['assert', join(dir, 'nothere.yaml'), '--snapshot', TERWAY]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
  });
});
