import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;
const PODS_AND_NODES = [{ name: 'all', ips: '10.0.0.0/8,172.20.0.0/16' }];

describe('source-nat hop', () => {
  it('Terway: the pod keeps its own IP inside the VPC', () => {
    const t = trace({ rdsWhitelist: PODS_AND_NODES }, FROM, 'rm-orders', { port: 3306 });
    expect(hop(t, 'source-nat').result).toBe('pass');
    expect(t.sourceAddressSeen).toBe('10.0.64.11');
  });

  it('Flannel: a VPC destination sees the node IP (documented behaviour, assumption stated)', () => {
    const t = trace({ cni: 'flannel', rdsWhitelist: PODS_AND_NODES }, FROM, 'rm-orders', { port: 3306 });
    const nat = hop(t, 'source-nat');
    expect(nat.result).toBe('rewrite');
    expect(nat.packet.src).toBe('10.0.1.11');
    expect(t.sourceAddressSeen).toBe('10.0.1.11');
    expect(t.assumptions.map((a) => a.hop)).toContain('source-nat');
  });

  it('Flannel: pod-to-pod inside the cluster pod CIDR keeps the pod IP', () => {
    const t = trace({ cni: 'flannel' }, FROM, 'shop/api-b', { port: 9000 });
    expect(hop(t, 'source-nat').result).toBe('pass');
    expect(hop(t, 'source-nat').reason).toContain('inside the cluster pod CIDR 172.20.0.0/16');
    expect(t.sourceAddressSeen).toBe('172.20.0.11');
  });

  it('Flannel with ip-masq-agent: its nonMasqueradeCIDRs decide', () => {
    const t = trace(
      { cni: 'flannel', ipMasqAgent: 'nonMasqueradeCIDRs: [10.0.0.0/8]', rdsWhitelist: PODS_AND_NODES },
      FROM,
      'rm-orders',
      {
        port: 3306,
      },
    );
    const nat = hop(t, 'source-nat');
    expect(nat.result).toBe('pass');
    expect(nat.rule?.id).toBe('configmap/kube-system/ip-masq-agent');
    expect(t.sourceAddressSeen).toBe('172.20.0.11');
  });

  it('hostNetwork pods already send from the node IP', () => {
    const t = trace({}, 'monitoring/exporter-a', 'rm-orders', { port: 3306 });
    expect(hop(t, 'source-nat').result).toBe('pass');
    expect(t.sourceAddressSeen).toBe('10.0.1.11');
  });
});
