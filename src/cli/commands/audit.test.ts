import { describe, expect, it } from 'vitest';
import { FLANNEL, TERWAY } from '../../fleet/test-fixtures/examples.js';
import { captureIo } from '../io.js';
import { run } from '../main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach audit and allowlist', () => {
  it('audit: a high finding on Terway (exit 1), none on Flannel (exit 0)', async () => {
    const t = await cli(['audit', '--snapshot', TERWAY]);
    expect(t.code).toBe(1);
    expect(t.out.startsWith('HIGH   snat-uncovered-vswitch  vsw-bp1zjgcw5ubb1wqifun5\n')).toBe(true);
    const f = await cli(['audit', '--snapshot', FLANNEL, '--output', 'json']);
    expect(f.code).toBe(0);
    const data = JSON.parse(f.out) as { findings: { check: string; severity: string }[] };
    expect(data.findings.some((x) => x.check === 'policy-not-enforced' && x.severity === 'medium')).toBe(
      true,
    );
  });

  it('allowlist --for: exit 1 when entries are missing, JSON with workload, resource, required, missing, unneeded', async () => {
    const r = await cli([
      'allowlist',
      'web/frontend',
      '--for',
      'rm-bp14sqc6vulowiur9',
      '--snapshot',
      FLANNEL,
      '--output',
      'json',
    ]);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out) as Record<string, unknown>;
    expect(data.schemaVersion).toBe(1);
    expect(Object.keys(data).slice(0, 6)).toEqual([
      'schemaVersion',
      'workload',
      'resource',
      'required',
      'missing',
      'unneeded',
    ]);
    expect(data.missing).toEqual(['192.168.10.23', '192.168.10.0/24']);
    expect(data.unneeded).toEqual(['172.20.0.0/16']);
    const ok = await cli(['allowlist', 'payments/payment-api', '--for', 'paygate', '--snapshot', TERWAY]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('missing: none');
  });

  it('allowlist: exit 2 for a malformed or unknown workload', async () => {
    expect((await cli(['allowlist', 'justaname', '--snapshot', TERWAY])).code).toBe(2);
    const unknown = await cli(['allowlist', 'shop/nothing', '--snapshot', TERWAY]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('error: no pod of shop/nothing in the snapshot\n');
  });
});
