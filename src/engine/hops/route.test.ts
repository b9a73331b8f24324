import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

describe('route hop', () => {
  it('Internet destinations follow 0.0.0.0/0 to the NAT gateway', () => {
    const route = hop(trace({}, FROM, '140.82.112.5'), 'route');
    expect(route.result).toBe('pass');
    expect(route.rule?.id).toBe('rte-default');
    expect(route.resource).toEqual({ type: 'route-table', id: 'vtb-sys' });
  });

  it('Flannel pods on another node are reached through the per-node instance route', () => {
    const route = hop(trace({ cni: 'flannel' }, FROM, 'shop/api-b', { port: 9000 }), 'route');
    expect(route.result).toBe('pass');
    expect(route.rule?.id).toBe('rte-flannel-b');
    expect(route.reason).toContain('instance i-b');
  });

  it('no route: dropped', () => {
    const t = trace({ noDefaultRoute: true }, FROM, '140.82.112.5');
    expect(t.blockedAt?.kind).toBe('route');
    expect(t.blockedAt?.reason).toContain('no route in vtb-sys');
  });

  it('a next hop podreach does not model is unknown, naming it', () => {
    const t = trace(
      { routes: [{ id: 'rte-vpn', cidr: '172.16.5.0/24', type: 'VpnGateway', hop: 'vpn-1' }] },
      FROM,
      '172.16.5.10',
    );
    expect(t.verdict).toBe('unknown');
    expect(hop(t, 'route').reason).toContain('VpnGateway vpn-1');
  });

  it('an address source outside every vSwitch skips the route and still checks the pod ingress', () => {
    const t = trace({}, '203.0.113.7', 'shop/api-a', { port: 9000 });
    const route = hop(t, 'route');
    expect(route.result).toBe('skip');
    expect(route.reason).toContain('203.0.113.7 is in no vSwitch of the snapshot');
    expect(t.missing).toEqual([]);
    expect(hop(t, 'ingress-policy').result).not.toBe('skip');
  });

  it('an address source inside a vSwitch is routed like any VPC host', () => {
    expect(hop(trace({}, '10.0.64.50', 'shop/api-a', { port: 9000 }), 'route').result).toBe('pass');
  });

  it('a pod on the same node is delivered without a VPC route', () => {
    expect(hop(trace({}, FROM, 'shop/api-a', { port: 9000 }), 'route').result).toBe('skip');
  });

  it('route entries missing: unknown with the aliyun command', () => {
    const t = trace({ omit: ['vpc-DescribeRouteEntryList.json'] }, FROM, '140.82.112.5');
    expect(t.verdict).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'route',
      what: 'the entries of route table vtb-sys',
      collect: 'aliyun vpc DescribeRouteEntryList --RegionId cn-hangzhou --RouteTableId vtb-sys',
    });
  });
});
