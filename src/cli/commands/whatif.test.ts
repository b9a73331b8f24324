import { describe, expect, it } from 'vitest';
import { check } from '../../engine/index.js';
import { fixtureFiles, WEB_A, WEB_B } from '../../engine/test-fixtures/cluster.js';
import { loadSnapshotFromFiles } from '../../load/index.js';
import type { CliDeps } from '../context.js';
import { captureIo } from '../io.js';
import { runProgram } from '../program.js';

const SNAT_FOR_POD_B = `apiVersion: podreach/v1
kind: Changes
changes:
  - addSnatEntry: { snatTableId: stb-1, sourceVSwitchId: vsw-pod-b, snatIps: [47.98.1.11] }
`;

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

const QUERIES = `- { from: shop/${WEB_A}, to: 140.82.112.5, port: 443 }
- { from: shop/${WEB_B}, to: 140.82.112.5, port: 443 }
- { from: monitoring/exporter-a, to: 140.82.112.5, port: 443 }
`;

async function whatif(argv: string[]) {
  const io = captureIo({ env: {} });
  const files: Record<string, string> = {
    'snat.yaml': SNAT_FOR_POD_B,
    'deny.yaml': DENY_EGRESS,
    'q.yaml': QUERIES,
  };
  const deps: CliDeps = {
    loadSnapshot: async () => loadSnapshotFromFiles(fixtureFiles({})),
    check,
    readTextFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    },
  };
  const code = await runProgram(['whatif', '--no-color', ...argv], io, deps, {});
  return { code, out: io.out(), err: io.err() };
}

describe('podreach whatif', () => {
  it('one query: the trace before, after, and the change in one line; exit code of the after trace', async () => {
    const r = await whatif([
      '-s',
      'snap',
      '--change',
      'snat.yaml',
      `shop/${WEB_B}`,
      '140.82.112.5',
      '--port',
      '443',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('── before ─');
    expect(r.out).toContain('── after: 1 change (add-snat-entry) ──');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(
      'what-if: blocked at internet-exit → reachable as 47.98.1.11',
    );
  });

  it('one query as JSON: both traces', async () => {
    const r = await whatif([
      '-s',
      'snap',
      '-c',
      'snat.yaml',
      `shop/${WEB_B}`,
      '140.82.112.5',
      '-p',
      '443',
      '-o',
      'json',
    ]);
    const json = JSON.parse(r.out);
    expect(json.changes).toEqual(['add-snat-entry']);
    expect(json.before.verdict).toBe('blocked');
    expect(json.after.verdict).toBe('reachable');
    expect(json.after.sourceAddressSeen).toBe('47.98.1.11');
  });

  it('--all: what a change newly allows', async () => {
    const r = await whatif(['-s', 'snap', '-c', 'snat.yaml', '--all', 'q.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'newly allowed (1)',
        `  shop/${WEB_B} → 140.82.112.5:443/tcp: blocked at internet-exit → reachable as 47.98.1.11`,
        'newly blocked (0)',
        'changed otherwise (0)',
        'unchanged (2)',
        '',
      ].join('\n'),
    );
  });

  it('--all across layers: a default-deny NetworkPolicy newly blocks the Terway pod, not the hostNetwork one; exit 1', async () => {
    const r = await whatif([
      '-s',
      'snap',
      '-c',
      'deny.yaml',
      '-c',
      'snat.yaml',
      '--all',
      'q.yaml',
      '-o',
      'json',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.newlyBlocked).toEqual([
      {
        query: `shop/${WEB_A} → 140.82.112.5:443/tcp`,
        before: { verdict: 'reachable', blockedAt: null, sourceAddressSeen: '47.98.1.10' },
        after: { verdict: 'blocked', blockedAt: 'egress-policy', sourceAddressSeen: null },
      },
    ]);
    expect(json.newlyAllowed).toEqual([]);
    expect(json.unchanged).toBe(1);
    expect(json.changed).toEqual([
      {
        query: `shop/${WEB_B} → 140.82.112.5:443/tcp`,
        before: { verdict: 'blocked', blockedAt: 'internet-exit', sourceAddressSeen: null },
        after: { verdict: 'blocked', blockedAt: 'egress-policy', sourceAddressSeen: null },
      },
    ]);
  });

  it('--all traces again only the queries the change can affect, says so on stderr, and reports the same', async () => {
    const r = await whatif(['-s', 'snap', '-c', 'deny.yaml', '--all', 'q.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        'newly allowed (0)',
        'newly blocked (1)',
        `  shop/${WEB_A} → 140.82.112.5:443/tcp: reachable as 47.98.1.10 → blocked at egress-policy`,
        'changed otherwise (1)',
        `  shop/${WEB_B} → 140.82.112.5:443/tcp: blocked at internet-exit → blocked at egress-policy`,
        'unchanged (1)',
        '',
      ].join('\n'),
    );
    // The hostNetwork pod of monitoring cannot be affected by a policy of shop.
    expect(r.err).toBe(
      'note: 2 of 3 queries traced again after the change, the others cannot be affected (changed: NetworkPolicies of shop)\n',
    );
    const json = JSON.parse(
      (await whatif(['-s', 'snap', '-c', 'snat.yaml', '--all', 'q.yaml', '-o', 'json'])).out,
    );
    // A SNAT entry is not a change the re-check bounds: every query is traced again.
    expect(json.retraced).toBe(3);
  });

  it('usage errors exit 2 with one line per problem', async () => {
    const none = await whatif(['-s', 'snap', `shop/${WEB_B}`, '140.82.112.5', '-p', '443']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('error: give at least one --change FILE');
    const missing = await whatif([
      '-s',
      'snap',
      '-c',
      'nope.yaml',
      `shop/${WEB_B}`,
      '140.82.112.5',
      '-p',
      '443',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('error: cannot read the change file nope.yaml: no such file\n');
  });
});
