import { describe, expect, it } from 'vitest';
import { WEB_A, WEB_B } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;
const GITHUB = '140.82.112.5';

describe('internet-exit hop, IPv4', () => {
  it('Terway: the SNAT entry of the pod vSwitch gives its SnatIp', () => {
    const t = trace({}, FROM_A, GITHUB);
    const exit = hop(t, 'internet-exit');
    expect(exit.result).toBe('rewrite');
    expect(exit.rule?.id).toBe('snat-pod-a');
    expect(t.sourceAddressSeen).toBe('47.98.1.10');
  });

  it('Terway: a pod vSwitch without an SNAT entry is blocked, with the seed page reason', () => {
    const t = trace({}, FROM_B, GITHUB);
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toBe(
      "SNAT entries of ngw-1 cover vsw-node-a, vsw-pod-a but not the pod's vSwitch vsw-pod-b (10.0.128.0/19) or pod IP 10.0.128.6",
    );
  });

  it('Flannel: the node vSwitch SNAT entry covers the masqueraded node IP', () => {
    const t = trace({ cni: 'flannel' }, FROM_A, GITHUB);
    expect(hop(t, 'internet-exit').rule?.id).toBe('snat-node-a');
    expect(t.sourceAddressSeen).toBe('47.98.1.11');
  });

  it('Flannel: a node vSwitch without SNAT is blocked, naming the node side', () => {
    const t = trace({ cni: 'flannel' }, FROM_B, GITHUB);
    expect(t.blockedAt?.reason).toBe(
      "SNAT entries of ngw-1 cover vsw-node-a, vsw-pod-a but not the node's vSwitch vsw-node-b (10.0.2.0/24) or node IP 10.0.2.21",
    );
  });

  it('the SNAT entry with the longest source prefix wins', () => {
    const snat = [
      { id: 'snat-pod-a', vSwitch: 'vsw-pod-a', ips: '47.98.1.10' },
      { id: 'snat-web-a', cidr: '10.0.64.11/32', ips: '47.98.1.99' },
    ];
    const t = trace({ snat }, FROM_A, GITHUB);
    expect(hop(t, 'internet-exit').rule?.id).toBe('snat-web-a');
    expect(t.sourceAddressSeen).toBe('47.98.1.99');
  });

  it('an SNAT entry that is not Available does not translate', () => {
    const t = trace(
      { snat: [{ id: 'snat-pod-a', vSwitch: 'vsw-pod-a', ips: '47.98.1.10', status: 'Pending' }] },
      FROM_A,
      GITHUB,
    );
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toContain('snat-pod-a ignored');
  });

  it('Terway pod EIP (PodEIP InUse) wins over SNAT', () => {
    const t = trace({ podEip: { ip: '47.110.1.1', status: 'InUse' } }, FROM_A, GITHUB);
    expect(hop(t, 'internet-exit').reason).toContain('PodEIP shop/');
    expect(t.sourceAddressSeen).toBe('47.110.1.1');
  });

  it('an EIP bound to the pod IP on its ENI wins over SNAT; one not in use does not', () => {
    const eip = (status: string) => ({
      id: 'eip-web-a',
      ip: '47.110.2.2',
      status,
      instanceId: 'eni-a1',
      instanceType: 'NetworkInterface',
      privateIp: '10.0.64.11',
    });
    expect(trace({ eips: [eip('InUse')] }, FROM_A, GITHUB).sourceAddressSeen).toBe('47.110.2.2');
    const unbinding = trace({ eips: [eip('Unassociating')] }, FROM_A, GITHUB);
    expect(unbinding.sourceAddressSeen).toBe('47.98.1.10');
    expect(hop(unbinding, 'internet-exit').reason).toContain(
      'eip-web-a (47.110.2.2) is Unassociating, not in effect',
    );
  });

  it('Terway: the node EIP does not carry pod traffic, and the trace says so', () => {
    const t = trace({ nodeAEip: '121.40.1.1' }, FROM_A, GITHUB);
    expect(t.sourceAddressSeen).toBe('47.98.1.10');
    expect(hop(t, 'internet-exit').reason).toContain(
      "the node's public IP 121.40.1.1 does not carry Terway pod traffic",
    );
  });

  it('Flannel: the node EIP carries pod traffic', () => {
    const t = trace({ cni: 'flannel', nodeAEip: '121.40.1.1' }, FROM_A, GITHUB);
    expect(t.sourceAddressSeen).toBe('121.40.1.1');
  });

  it('Flannel: a pod-with-eip annotation is not honoured, and the trace says so', () => {
    const t = trace(
      { cni: 'flannel', podAnnotations: { [WEB_A]: { 'k8s.aliyun.com/pod-with-eip': 'true' } } },
      FROM_A,
      GITHUB,
    );
    expect(t.sourceAddressSeen).toBe('47.98.1.11');
    expect(hop(t, 'internet-exit').reason).toContain(
      'k8s.aliyun.com/pod-with-eip is not honoured on Flannel',
    );
  });

  it('SNAT entries not in the snapshot: unknown with the aliyun command', () => {
    const t = trace({ omit: ['vpc-DescribeSnatTableEntries.json'] }, FROM_A, GITHUB);
    expect(t.verdict).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'internet-exit',
      what: 'the SNAT entries of ngw-1',
      collect: 'aliyun vpc DescribeSnatTableEntries --RegionId cn-hangzhou --SnatTableId stb-1',
    });
  });
});

describe('internet-exit hop, IPv6', () => {
  it('an IPv4 single-stack cluster never reaches IPv6', () => {
    const t = trace({}, FROM_A, '2606:4700::10');
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toContain('IPv4 single-stack cluster');
  });

  it('dual stack with IPv6 Internet bandwidth: the pod’s own IPv6 address is seen', () => {
    const t = trace({ ipStack: 'dual', ipv6Bandwidth: true }, FROM_A, '2606:4700::10');
    expect(hop(t, 'internet-exit').result).toBe('pass');
    expect(t.sourceAddressSeen).toBe('2408:4005:3a0:b810::11');
  });

  it('dual stack without bandwidth on the address: blocked, naming it', () => {
    const t = trace({ ipStack: 'dual' }, FROM_A, '2606:4700::10');
    expect(t.blockedAt?.reason).toContain('2408:4005:3a0:b810::11 has no IPv6 Internet bandwidth');
  });

  it('an IPv6 address without its DescribeIpv6Addresses record is unknown', () => {
    const t = trace({ ipStack: 'dual' }, FROM_B, '2606:4700::10');
    expect(t.verdict).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'internet-exit',
      what: 'the IPv6 address record of 2408:4005:3a0:b820::6 (its Internet bandwidth)',
      collect: 'aliyun vpc DescribeIpv6Addresses --RegionId cn-hangzhou --Ipv6Address 2408:4005:3a0:b820::6',
    });
  });
});

describe('internet-exit hop: EIP binding identity', () => {
  it('an EIP naming another ENI with the same private IP does not apply', () => {
    const stray = {
      id: 'eip-stray',
      ip: '47.110.3.3',
      status: 'InUse',
      instanceId: 'eni-elsewhere',
      instanceType: 'NetworkInterface',
      privateIp: '10.0.64.11',
    };
    expect(trace({ eips: [stray] }, FROM_A, GITHUB).sourceAddressSeen).toBe('47.98.1.10');
  });
});
