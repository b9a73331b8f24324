import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import { customColumns } from './columns.js';
import { compareCells, diffMatrix, diffQueries } from './diff.js';
import type { MatrixCell } from './matrix.js';
import { loadExample, TERWAY, terwayWithoutSnatEntry } from './test-fixtures/examples.js';

const cell = (verdict: MatrixCell['verdict'], seen: string | null): MatrixCell => ({
  verdict,
  sourceAddressSeen: seen,
  sourceAddressCandidates: seen === null ? [] : [seen],
  blockedAt: null,
});

describe('compareCells', () => {
  it('names the direction of a verdict change', () => {
    expect(compareCells(['a/b'], 'x', cell('blocked', null), cell('reachable', '1.2.3.4'))?.kind).toBe(
      'became-reachable',
    );
    expect(compareCells(['a/b'], 'x', cell('reachable', '1.2.3.4'), cell('blocked', null))?.kind).toBe(
      'became-blocked',
    );
    expect(compareCells(['a/b'], 'x', cell('reachable', '1.2.3.4'), cell('unknown', null))?.kind).toBe(
      'verdict-changed',
    );
  });

  it('a new source address with the same verdict is a change; the same answer is none', () => {
    expect(compareCells(['a/b'], 'x', cell('reachable', '1.2.3.4'), cell('reachable', '5.6.7.8'))?.kind).toBe(
      'source-address-changed',
    );
    expect(
      compareCells(['a/b'], 'x', cell('reachable', '1.2.3.4'), cell('reachable', '1.2.3.4')),
    ).toBeUndefined();
  });
});

describe('diff on the Terway example without snat-bp1dyrhigku3583a56sq', () => {
  let before: Snapshot;
  let after: Snapshot;
  beforeAll(async () => {
    before = await loadExample(TERWAY);
    after = await loadExample(terwayWithoutSnatEntry('snat-bp1dyrhigku3583a56sq'));
  });

  const github: Query = {
    from: { kind: 'pod', namespace: 'shop', name: 'web-7d9f8b6c5-x2k4p' },
    to: { kind: 'name', name: 'api.github.com' },
    protocol: 'tcp',
    port: 443,
  };

  it('a query: became blocked, at the hop where the SNAT entry used to decide', () => {
    const diff = diffQueries(before, after, check, [github]);
    expect(diff.compared).toBe(1);
    expect(diff.changes).toHaveLength(1);
    const change = diff.changes[0];
    expect(change?.kind).toBe('became-blocked');
    expect(change?.sources).toEqual(['shop/web-7d9f8b6c5-x2k4p']);
    expect(change?.to).toBe('api.github.com:443/tcp');
    expect(change?.old).toEqual({ verdict: 'reachable', sourceAddresses: ['47.98.210.15', '47.98.210.16'] });
    expect(change?.new).toEqual({ verdict: 'blocked', sourceAddresses: [] });
    expect(change?.hop?.old?.rule).toBe('snat-bp1dyrhigku3583a56sq');
    expect(change?.hop?.new?.result).not.toBe('rewrite');
  });

  it('a workload query counts as its worst pod group', () => {
    const web: Query = {
      ...github,
      from: { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'web' },
    };
    // t6y7u (10.0.96.0/24) still reaches; x2k4p and r8n3v (10.0.64.0/19) do not: the workload became blocked.
    expect(diffQueries(before, after, check, [web]).changes.map((c) => [c.kind, c.sources])).toEqual([
      ['became-blocked', ['shop/deployment/web']],
    ]);
  });

  it('a query that does not pass the removed entry is unchanged', () => {
    const uploader: Query = {
      ...github,
      from: { kind: 'pod', namespace: 'media', name: 'uploader-5c7b8d9f6-p4l5m' },
    };
    expect(diffQueries(before, after, check, [uploader]).changes).toEqual([]);
  });

  it('over the matrix: the Internet column loses every pod of 10.0.64.0/19 without an EIP, and only those', () => {
    const columns = customColumns([{ text: '1.1.1.1', to: { kind: 'address', address: '1.1.1.1' } }], [443]);
    const diff = diffMatrix(before, after, check, {
      columns,
      from: [{ kind: 'namespace', namespace: 'shop' }],
    });
    // By hand: shop pods in vsw-bp191lfhxnepzzoiopw4 (x2k4p, r8n3v, checkout m7q2w, cart-redis-0) lose the NAT;
    // t6y7u, orders-worker and cart-redis-1 are in 10.0.96.0/24 (its own entry), checkout c3v4b was already blocked.
    const blocked = diff.changes.filter((c) => c.kind === 'became-blocked').flatMap((c) => c.sources);
    expect(blocked.sort()).toEqual([
      'shop/cart-redis-0',
      'shop/checkout-5b8c7d9f4-m7q2w',
      'shop/web-7d9f8b6c5-r8n3v',
      'shop/web-7d9f8b6c5-x2k4p',
    ]);
    expect(diff.changes.every((c) => c.kind === 'became-blocked')).toBe(true);
  });

  it('a snapshot compared with itself has no change', () => {
    const columns = customColumns([{ text: '1.1.1.1', to: { kind: 'address', address: '1.1.1.1' } }], [443]);
    const diff = diffMatrix(before, before, check, { columns });
    expect(diff.changes).toEqual([]);
    expect(diff.compared).toBe(before.kubernetes.pods.length);
  });
});
