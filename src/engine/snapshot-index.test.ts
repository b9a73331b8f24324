import { describe, expect, it } from 'vitest';
import { canonicalIp, indexSnapshot, primeIndex } from './snapshot-index.js';
import { fixtureSnapshot, WEB_A } from './test-fixtures/cluster.js';

describe('snapshot index', () => {
  const index = indexSnapshot(fixtureSnapshot({ ipStack: 'dual' }));

  it('finds pods by name and by IP, never a hostNetwork pod by the node IP', () => {
    expect(index.pod('shop', WEB_A)?.ips).toEqual(['10.0.64.11', '2408:4005:3a0:b810::11']);
    expect(index.podByIp('10.0.64.11')?.name).toBe(WEB_A);
    expect(index.podByIp('2408:4005:3a0:b810:0:0:0:11')?.name).toBe(WEB_A);
    expect(index.podByIp('10.0.1.11')).toBeUndefined();
  });

  it('finds ENIs by private IP, the primary ENI of an instance, and the longest vSwitch CIDR', () => {
    expect(index.eniByPrivateIp('10.0.64.12')?.id).toBe('eni-a1');
    expect(index.primaryEni('i-a')?.id).toBe('eni-a0');
    expect(index.vSwitchForIp('10.0.128.9')?.id).toBe('vsw-pod-b');
    expect(index.vSwitchForIp('192.0.2.1')).toBeUndefined();
  });

  it('finds Services by cluster IP and LoadBalancer IP, and RDS by address or host name', () => {
    expect(index.serviceByClusterIp('192.168.10.10')?.name).toBe('api');
    expect(index.serviceByLoadBalancerIp('47.96.1.20')?.name).toBe('api-lb');
    expect(index.rdsByAddress('10.0.8.20')?.id).toBe('rm-orders');
    expect(index.rdsByAddress('RM-ORDERS.mysql.rds.aliyuncs.com.')?.id).toBe('rm-orders');
  });

  it('lists members of a security group by their private IPs', () => {
    expect(index.securityGroupMembers('sg-pod')).toContain('10.0.128.6');
    expect(index.securityGroupMembers('sg-none')).toBeUndefined();
  });

  it('SNAT entries by NAT gateway', () => {
    expect(index.snatEntries('ngw-1').map((e) => e.id)).toEqual(['snat-node-a', 'snat-pod-a']);
  });

  it('canonical IP text', () => {
    expect(canonicalIp('2408:4005:03a0:b810:0000::11')).toBe('2408:4005:3a0:b810::11');
    expect(canonicalIp('not-an-ip')).toBe('not-an-ip');
  });
});

describe('snapshot index by parts', () => {
  const before = fixtureSnapshot({ ipStack: 'dual' });
  const index = indexSnapshot(before);

  it('a changed snapshot sharing arrays reuses their tables: the same lists come back', () => {
    const policies = before.kubernetes.networkPolicies.slice(1);
    const after = { ...before, kubernetes: { ...before.kubernetes, networkPolicies: policies } };
    const again = indexSnapshot(after);
    expect(again).not.toBe(index);
    // Lists are returned from the tables themselves, so identity proves the table was not built again.
    expect(again.securityGroupMembers('sg-pod')).toBe(index.securityGroupMembers('sg-pod'));
    expect(again.endpointSlices('shop', 'api')).toBe(index.endpointSlices('shop', 'api'));
    expect(again.routeEntries('vtb-sys')).toBe(index.routeEntries('vtb-sys'));
    expect(again.pod('shop', WEB_A)).toBe(index.pod('shop', WEB_A));
  });

  it('a changed array is indexed again: a new group, and a pod moved to another IP', () => {
    const groups = before.cloud.securityGroups.map((g) =>
      g.id === 'sg-pod' ? { ...g, innerAccessPolicy: 'drop' as const } : g,
    );
    const pods = before.kubernetes.pods.map((p) => (p.name === WEB_A ? { ...p, ips: ['10.0.64.99'] } : p));
    const after = {
      ...before,
      kubernetes: { ...before.kubernetes, pods },
      cloud: { ...before.cloud, securityGroups: groups },
    };
    const again = indexSnapshot(after);
    expect(again.securityGroup('sg-pod')?.innerAccessPolicy).toBe('drop');
    expect(index.securityGroup('sg-pod')?.innerAccessPolicy).not.toBe('drop');
    expect(again.podByIp('10.0.64.99')?.name).toBe(WEB_A);
    expect(again.podByIp('10.0.64.11')).toBeUndefined();
    expect(index.podByIp('10.0.64.11')?.name).toBe(WEB_A);
    // Members come from the ENIs, which are shared: the same list.
    expect(again.securityGroupMembers('sg-pod')).toBe(index.securityGroupMembers('sg-pod'));
  });

  it('primeIndex builds every table and answers as the lazy index does', () => {
    const primed = primeIndex(fixtureSnapshot({ ipStack: 'dual' }));
    expect(primed.pod('shop', WEB_A)?.ips).toEqual(['10.0.64.11', '2408:4005:3a0:b810::11']);
    expect(primed.eniByPrivateIp('10.0.64.12')?.id).toBe('eni-a1');
    expect(primed.snatEntries('ngw-1').map((e) => e.id)).toEqual(['snat-node-a', 'snat-pod-a']);
  });
});
