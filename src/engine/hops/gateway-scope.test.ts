import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../model/snapshot.js';
import { fixtureSnapshot, WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace, traceOn } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const GITHUB = '140.82.112.5';
/** RFC 1918, outside the fixture VPC (10.0.0.0/8): an office network, a peered VPC, an IDC. */
const ELSEWHERE = '172.16.5.5';

function withNatType(networkType: string | null): Snapshot {
  const snapshot = fixtureSnapshot();
  const natGateways =
    networkType === null
      ? []
      : snapshot.cloud.natGateways.map((g) => (g.id === 'ngw-1' ? { ...g, networkType } : g));
  return { ...snapshot, cloud: { ...snapshot.cloud, natGateways } };
}

describe('a private destination outside the VPC handed to a gateway', () => {
  it('through the Internet NAT gateway is blocked: the Internet does not route private addresses', () => {
    const t = trace({}, FROM_A, ELSEWHERE, { port: 443 });
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.resource?.id).toBe('ngw-1');
    expect(t.blockedAt?.reason).toBe(
      '172.16.5.5 is a private address outside the VPC: the route sends it to Internet NAT gateway ngw-1, which leads only to the Internet, where private addresses are not routed',
    );
  });

  it('through an IPv4 gateway is blocked too', () => {
    const t = trace(
      { routes: [{ id: 'rte-v4gw', cidr: '172.16.0.0/12', type: 'IPv4Gateway', hop: 'ipv4gw-1' }] },
      FROM_A,
      ELSEWHERE,
      { port: 443 },
    );
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toContain('IPv4 gateway ipv4gw-1, which leads only to the Internet');
  });

  it('through a VPC NAT gateway is unknown: it leads to networks podreach does not model', () => {
    const t = traceOn(withNatType('intranet'), FROM_A, ELSEWHERE, { port: 443 });
    expect(t.verdict).toBe('unknown');
    expect(hop(t, 'internet-exit').reason).toBe(
      '172.16.5.5 is a private address outside the VPC: VPC NAT gateway ngw-1 forwards it to networks podreach does not model (CEN, VPN gateway, VBR)',
    );
  });

  it('through a NAT gateway missing from the snapshot is unknown and says what to collect', () => {
    const t = traceOn(withNatType(null), FROM_A, ELSEWHERE, { port: 443 });
    expect(t.verdict).toBe('unknown');
    expect(t.missing.map((m) => m.collect)).toContain(
      'aliyun vpc DescribeNatGateways --RegionId cn-hangzhou --NatGatewayId ngw-1',
    );
  });

  it('an address inside the VPC still stays inside it, whatever the default route', () => {
    const t = trace({}, FROM_A, '10.0.200.9', { port: 443 });
    expect(hop(t, 'internet-exit').result).toBe('skip');
    expect(t.verdict).not.toBe('blocked');
  });

  it('a 100.64.0.0/10 address (Alibaba Cloud services) is not treated as another private network', () => {
    const t = trace({}, FROM_A, '100.100.100.200', { port: 80 });
    expect(t.blockedAt?.reason ?? '').not.toContain('private address outside the VPC');
  });
});

describe('an Internet destination handed to a VPC NAT gateway', () => {
  it('is blocked: a VPC NAT gateway translates to private addresses only', () => {
    const t = traceOn(withNatType('intranet'), FROM_A, GITHUB, { port: 443 });
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toBe(
      'the route sends 140.82.112.5 to ngw-1, a VPC NAT gateway (NetworkType intranet): it translates to private addresses only and does not reach the Internet',
    );
  });

  it('an Internet NAT gateway still translates it (the fixture pod vSwitch has an SNAT entry)', () => {
    const t = trace({}, FROM_A, GITHUB, { port: 443 });
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('47.98.1.10');
  });
});
