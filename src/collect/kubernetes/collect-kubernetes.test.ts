import { describe, expect, it } from 'vitest';
import { collectKubernetes, type KubeApi, withoutUserInfo } from './collect-kubernetes.js';
import { KINDS } from './kinds.js';

describe('withoutUserInfo', () => {
  it('drops user and password from the API server URL, and leaves others as they are', () => {
    expect(withoutUserInfo('https://admin:s3cret@10.0.1.180:6443')).toBe('https://10.0.1.180:6443/');
    expect(withoutUserInfo('https://10.0.1.180:6443')).toBe('https://10.0.1.180:6443');
  });
});

describe('collectKubernetes', () => {
  const settings = { namespaces: [], pageLimit: 2, maxPages: 3, onProgress: () => {} };

  it('restores apiVersion and kind on list items, and follows continue tokens up to maxPages', async () => {
    const calls: string[] = [];
    const api: KubeApi = async (spec, _ns, _limit, token) => {
      calls.push(`${spec.resource} ${token ?? '-'}`);
      if (spec.kind !== 'Pod') return { items: [] };
      const page = Number(token ?? '0');
      return { items: [{ metadata: { name: `p${page}` } }], continueToken: String(page + 1) };
    };
    const outcomes = await collectKubernetes(api, settings);
    const pods = outcomes.find((o) => o.spec.kind === 'Pod');
    expect(pods?.items).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p0' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p2' } },
    ]);
    expect(calls.filter((c) => c.startsWith('pods'))).toEqual(['pods -', 'pods 1', 'pods 2']);
    expect(outcomes.map((o) => o.spec.kind)).toEqual(KINDS.map((k) => k.kind));
  });

  it('after a connection failure, skips the remaining kinds instead of failing each in turn', async () => {
    const api: KubeApi = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    };
    const outcomes = await collectKubernetes(api, settings);
    expect(outcomes[0]).toMatchObject({ outcome: 'failed', message: 'connect ECONNREFUSED 127.0.0.1:6443' });
    expect(outcomes[1]).toMatchObject({
      outcome: 'skipped',
      message: 'not tried: the API server did not answer (connect ECONNREFUSED 127.0.0.1:6443)',
    });
  });
});
