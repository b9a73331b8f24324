import { beforeAll, describe, expect, it } from 'vitest';
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { type ColumnReach, columnReach } from './column-reach.js';
import { customColumns } from './columns.js';
import { FLANNEL, loadExample } from './test-fixtures/examples.js';

function summary(reach: ColumnReach) {
  return {
    nodes: reach.nodes === 'all' ? 'all' : [...reach.nodes].sort(),
    pods: [...reach.pods].sort(),
    ingressPolicies:
      reach.ingressPolicies === 'all'
        ? 'all'
        : reach.ingressPolicies.map((p) => `${p.namespace}/${p.name}`).sort(),
  };
}

describe('columnReach on the Flannel example', () => {
  let flannel: Snapshot;
  beforeAll(async () => {
    flannel = await loadExample(FLANNEL);
  });
  const reach = (text: string, to: Parameters<typeof customColumns>[0][number]['to'], port: number) => {
    const [column] = customColumns([{ text, to }], [port]);
    if (column === undefined) throw new Error('no column');
    return summary(columnReach(indexSnapshot(flannel), column, flannel.kubernetes.pods));
  };

  it('a Service: its endpoints, their nodes, and the policies selecting them', () => {
    // By hand from endpointslices.json and networkpolicies.yaml: api-k2m5n on .21, api-h8j4k on .22; in web,
    // default-deny-ingress ({}) and api-allow-from-frontend (app=api) select them, frontend-allow-all does not.
    expect(reach('svc/web/api', { kind: 'service', namespace: 'web', name: 'api' }, 8080)).toEqual({
      nodes: ['cn-hangzhou.192.168.10.21', 'cn-hangzhou.192.168.10.22'],
      pods: ['web/api-58d4f7c9b-h8j4k', 'web/api-58d4f7c9b-k2m5n'],
      ingressPolicies: ['web/api-allow-from-frontend', 'web/default-deny-ingress'],
    });
  });

  it('an Internet address and an RDS relate to no pod, node or policy', () => {
    const none = { nodes: [], pods: [], ingressPolicies: [] };
    expect(reach('1.1.1.1', { kind: 'address', address: '1.1.1.1' }, 443)).toEqual(none);
    expect(
      reach('rm-bp14sqc6vulowiur9', { kind: 'cloud-resource', id: 'rm-bp14sqc6vulowiur9' }, 3306),
    ).toEqual(none);
  });

  it('a name: the DNS query reaches CoreDNS through kube-dns, so its pods and nodes relate', () => {
    const r = reach('api.github.com', { kind: 'name', name: 'api.github.com' }, 443);
    expect(r.pods).toEqual(['kube-system/coredns-5d8b9c7f6-d2f8g', 'kube-system/coredns-5d8b9c7f6-v5b9n']);
    expect(r.nodes).toEqual(['cn-hangzhou.192.168.10.21', 'cn-hangzhou.192.168.10.23']);
  });
});
