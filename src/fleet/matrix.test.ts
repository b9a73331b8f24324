import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import type { Snapshot } from '../model/snapshot.js';
import { renderMatrixJson } from '../render/fleet/matrix-json.js';
import { customColumns, defaultColumns } from './columns.js';
import { buildMatrix } from './matrix.js';
import { FLANNEL, loadExample, TERWAY } from './test-fixtures/examples.js';

describe('matrix on the examples', () => {
  let terway: Snapshot;
  let flannel: Snapshot;
  beforeAll(async () => {
    terway = await loadExample(TERWAY);
    flannel = await loadExample(FLANNEL);
  });

  it('default columns: the Internet samples by IP stack, every RDS, ECS that is not a node, CLB, Service', () => {
    const f = defaultColumns(flannel).map((c) => c.id);
    expect(f.slice(0, 3)).toEqual([
      '1.1.1.1:443/tcp',
      'rm-bp14sqc6vulowiur9',
      'i-bp1qnbtkltj2zmf1rn7r:443/tcp',
    ]);
    expect(f).toContain('svc/web/api:8080/tcp');
    expect(f.some((id) => id.startsWith('2606:'))).toBe(false);
    const t = defaultColumns(terway).map((c) => c.id);
    expect(t.slice(0, 3)).toEqual([
      '1.1.1.1:443/tcp',
      '2606:4700:4700::1111:443/tcp',
      'rm-bp1vy4p0kslx05iqw',
    ]);
    expect(defaultColumns(terway, [8080]).every((c) => c.port === 8080)).toBe(true);
  });

  it('cells agree with the hand-written expectations (Terway: SNAT, pod EIP, new vSwitch, RDS whitelist)', () => {
    const columns = customColumns(
      [
        { text: 'api.github.com', to: { kind: 'name', name: 'api.github.com' } },
        { text: 'rm-bp1vy4p0kslx05iqw', to: { kind: 'cloud-resource', id: 'rm-bp1vy4p0kslx05iqw' } },
      ],
      [],
    );
    expect(columns.map((c) => c.id)).toEqual(['api.github.com:443/tcp', 'rm-bp1vy4p0kslx05iqw']);
    const m = buildMatrix(terway, check, {
      columns,
      from: [
        { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'checkout' },
        { kind: 'pod', namespace: 'media', name: 'streamer-84f6c9d7b-q9w2e' },
        { kind: 'workload', namespace: 'shop', workloadKind: 'deployment', name: 'orders-worker' },
      ],
    });
    const answer = m.rows.map((row, r) => [
      row.id,
      ...(m.cells[r] ?? []).map(
        (c) => `${c.verdict} ${c.sourceAddressCandidates.join('|') || c.blockedAt?.kind}`,
      ),
    ]);
    expect(answer).toEqual([
      ['media/deployment/streamer', 'reachable 47.110.56.200', 'blocked destination-access'],
      ['shop/deployment/checkout#1', 'blocked internet-exit', 'blocked destination-access'],
      ['shop/deployment/checkout#2', 'reachable 47.98.210.15|47.98.210.16', 'blocked destination-access'],
      ['shop/deployment/orders-worker', 'reachable 47.98.210.16', 'reachable 10.0.96.32'],
    ]);
  });

  it('Flannel: pods are seen as their node on the RDS; the newer node is refused', () => {
    const columns = customColumns(
      [{ text: 'rm-bp14sqc6vulowiur9', to: { kind: 'cloud-resource', id: 'rm-bp14sqc6vulowiur9' } }],
      [],
    );
    const m = buildMatrix(flannel, check, {
      columns,
      from: [{ kind: 'workload', namespace: 'batch', workloadKind: 'deployment', name: 'reporter' }],
    });
    expect(
      m.rows.map((row, r) => [row.pods, m.cells[r]?.[0]?.verdict, m.cells[r]?.[0]?.sourceAddressSeen]),
    ).toEqual([
      [['batch/reporter-7c5f8b6d9-p9l6k'], 'blocked', null],
      [['batch/reporter-7c5f8b6d9-z7x3c'], 'reachable', '192.168.10.21'],
    ]);
  });

  it('is deterministic: the same JSON on every run and whatever order the snapshot lists pods in', () => {
    const once = renderMatrixJson(buildMatrix(flannel, check));
    expect(renderMatrixJson(buildMatrix(flannel, check))).toBe(once);
    const shuffled: Snapshot = {
      ...flannel,
      kubernetes: {
        ...flannel.kubernetes,
        pods: [...flannel.kubernetes.pods].reverse(),
        services: [...flannel.kubernetes.services].reverse(),
      },
      cloud: { ...flannel.cloud, loadBalancers: [...flannel.cloud.loadBalancers].reverse() },
    };
    expect(renderMatrixJson(buildMatrix(shuffled, check))).toBe(once);
  });
});
