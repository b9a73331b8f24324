import { describe, expect, it } from 'vitest';
import type { Query } from '../../model/query.js';
import { liveOverride, mergeOverrides, parseResolveFlags, withLiveDns } from './dns-overrides.js';

describe('parseResolveFlags', () => {
  it('NAME=ADDR, several addresses, repeated names merged, lower-cased, trailing dot dropped', () => {
    expect(
      parseResolveFlags(['API.example.com.=203.0.113.5,2001:db8::5', 'api.example.com=203.0.113.6']),
    ).toEqual({
      ok: true,
      value: [
        {
          name: 'api.example.com',
          addresses: ['203.0.113.5', '2001:db8::5', '203.0.113.6'],
          source: 'resolve',
        },
      ],
    });
  });

  it('refuses a missing address, a bad address and a bad name', () => {
    expect(parseResolveFlags(['api.example.com'])).toMatchObject({ ok: false });
    expect(parseResolveFlags(['api.example.com=not-an-ip'])).toEqual({
      ok: false,
      error: '--resolve api.example.com=not-an-ip: not-an-ip is not an IP address',
    });
    expect(parseResolveFlags(['bad name=1.2.3.4'])).toMatchObject({ ok: false });
  });
});

describe('liveOverride', () => {
  it('an answer from the machine is a live override', async () => {
    expect(await liveOverride('api.example.com', 'cluster.local', async () => ['140.82.112.5'])).toEqual({
      override: { name: 'api.example.com', addresses: ['140.82.112.5'], source: 'live' },
    });
  });

  it('ENOTFOUND is a live NXDOMAIN', async () => {
    const fail = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    expect(await liveOverride('gone.example.com', 'cluster.local', fail)).toEqual({
      override: { name: 'gone.example.com', addresses: [], nxdomain: true, source: 'live' },
    });
  });

  it('another failure is a warning, not an answer', async () => {
    const fail = async () => {
      throw Object.assign(new Error('timeout'), { code: 'ETIMEOUT' });
    };
    const result = await liveOverride('slow.example.com', 'cluster.local', fail);
    expect(result.override).toBeUndefined();
    expect(result.warning).toContain('ETIMEOUT');
  });

  it('cluster names and single labels are never asked of this machine', async () => {
    const never = async (): Promise<string[]> => {
      throw new Error('must not be called');
    };
    expect(
      (await liveOverride('api.shop.svc.cluster.local', 'cluster.local', never)).override,
    ).toBeUndefined();
    expect((await liveOverride('api', 'cluster.local', never)).override).toBeUndefined();
  });
});

describe('withLiveDns and mergeOverrides', () => {
  const query: Query = {
    from: { kind: 'pod', namespace: 'shop', name: 'web' },
    to: { kind: 'name', name: 'api.example.com' },
    protocol: 'tcp',
    port: 443,
    dnsOverrides: [{ name: 'api.example.com', addresses: ['203.0.113.9'], source: 'resolve' }],
  };

  it('--resolve wins over the live answer for the same name', async () => {
    const asked = await withLiveDns(
      query,
      'cluster.local',
      () => {},
      async () => ['140.82.112.5'],
    );
    expect(asked.dnsOverrides).toEqual([
      { name: 'api.example.com', addresses: ['203.0.113.9'], source: 'resolve' },
    ]);
  });

  it('a destination that is not a name: nothing asked, a warning', async () => {
    const warnings: string[] = [];
    const q: Query = { ...query, to: { kind: 'address', address: '1.2.3.4' } };
    expect(
      await withLiveDns(
        q,
        'cluster.local',
        (w) => warnings.push(w),
        async () => ['9.9.9.9'],
      ),
    ).toBe(q);
    expect(warnings).toHaveLength(1);
  });

  it('mergeOverrides keeps declared answers first', () => {
    expect(
      mergeOverrides(
        [{ name: 'a.example', addresses: ['1.1.1.1'], source: 'resolve' }],
        [
          { name: 'a.example', addresses: ['2.2.2.2'], source: 'live' },
          { name: 'b.example', addresses: ['3.3.3.3'], source: 'live' },
        ],
      ).map((o) => `${o.name}=${o.addresses.join(',')}:${o.source}`),
    ).toEqual(['a.example=1.1.1.1:resolve', 'b.example=3.3.3.3:live']);
  });
});
