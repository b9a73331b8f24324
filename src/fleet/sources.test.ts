import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../model/snapshot.js';
import { parseSourceSelector, sourceRows } from './sources.js';
import { FLANNEL, loadExample, TERWAY } from './test-fixtures/examples.js';

describe('parseSourceSelector', () => {
  it('reads namespace, pod, workload and label forms', () => {
    expect(parseSourceSelector('shop')).toEqual({ kind: 'namespace', namespace: 'shop' });
    expect(parseSourceSelector('shop/web-1')).toEqual({ kind: 'pod', namespace: 'shop', name: 'web-1' });
    expect(parseSourceSelector('shop/Deployment/web')).toEqual({
      kind: 'workload',
      namespace: 'shop',
      workloadKind: 'deployment',
      name: 'web',
    });
    expect(parseSourceSelector('app=web')).toEqual({ kind: 'label', key: 'app', value: 'web' });
  });

  it('refuses empty parts and too many parts', () => {
    expect(typeof parseSourceSelector('shop/')).toBe('string');
    expect(typeof parseSourceSelector('a/b/c/d')).toBe('string');
  });
});

describe('sourceRows on the examples', () => {
  let terway: Snapshot;
  let flannel: Snapshot;
  beforeAll(async () => {
    terway = await loadExample(TERWAY);
    flannel = await loadExample(FLANNEL);
  });

  it('splits a Deployment by pod vSwitch and keeps pods of one vSwitch together (Terway)', () => {
    const web = sourceRows(terway, [
      { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'web' },
    ]);
    // By hand: x2k4p and r8n3v are in vsw-bp191lfhxnepzzoiopw4 (zone j), t6y7u in vsw-bp1hzokrfzlj4o650m77 (zone k).
    expect(web.map((r) => [r.id, r.pods, r.vSwitch])).toEqual([
      [
        'shop/deployment/web#1',
        ['shop/web-7d9f8b6c5-r8n3v', 'shop/web-7d9f8b6c5-x2k4p'],
        'vsw-bp191lfhxnepzzoiopw4',
      ],
      ['shop/deployment/web#2', ['shop/web-7d9f8b6c5-t6y7u'], 'vsw-bp1hzokrfzlj4o650m77'],
    ]);
    expect(web[0]?.representative).toBe('shop/web-7d9f8b6c5-r8n3v');
  });

  it('both transcoder pods (same node, same new vSwitch) are one row standing for 2 pods', () => {
    const rows = sourceRows(terway, [{ kind: 'namespace', namespace: 'media' }]);
    const transcoder = rows.find((r) => r.workload === 'media/deployment/transcoder');
    expect(transcoder?.id).toBe('media/deployment/transcoder');
    expect(transcoder?.pods).toHaveLength(2);
  });

  it('a pod with its own EIP is never grouped with pods without one', () => {
    const rows = sourceRows(terway);
    const streamer = rows.find((r) => r.pods.includes('media/streamer-84f6c9d7b-q9w2e'));
    expect(streamer?.pods).toEqual(['media/streamer-84f6c9d7b-q9w2e']);
  });

  it('Flannel pods on the EIP node and on the others are different rows', () => {
    const rows = sourceRows(flannel, [
      { kind: 'workload', namespace: 'web', workloadKind: 'deployment', name: 'api' },
    ]);
    // api-h8j4k runs on cn-hangzhou.192.168.10.22 (node EIP 118.31.40.77), api-k2m5n on .21 (SNAT).
    expect(rows.map((r) => r.pods)).toEqual([['web/api-58d4f7c9b-h8j4k'], ['web/api-58d4f7c9b-k2m5n']]);
  });

  it('every pod is in exactly one row, and rows come out in the same order whatever order the pods are listed in', () => {
    const rows = sourceRows(terway);
    const all = rows.flatMap((r) => r.pods).sort();
    expect(all).toEqual(terway.kubernetes.pods.map((p) => `${p.namespace}/${p.name}`).sort());
    const reversed: Snapshot = {
      ...terway,
      kubernetes: { ...terway.kubernetes, pods: [...terway.kubernetes.pods].reverse() },
    };
    expect(sourceRows(reversed)).toEqual(rows);
  });

  it('a label selector picks pods by label', () => {
    const rows = sourceRows(terway, [{ kind: 'label', key: 'app', value: 'transcoder' }]);
    expect(rows.map((r) => r.workload)).toEqual(['media/deployment/transcoder']);
  });
});
