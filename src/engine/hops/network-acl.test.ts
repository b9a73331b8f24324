import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

describe('network ACLs', () => {
  it('the source vSwitch ACL outbound: a drop entry before the accept blocks, as a route hop', () => {
    const networkAcl = {
      vSwitch: 'vsw-pod-a',
      ingress: [],
      egress: ['drop tcp 3306/3306 10.0.8.0/24', 'accept all -1/-1 0.0.0.0/0'],
    };
    const t = trace(
      { networkAcl, rdsWhitelist: [{ name: 'pods', ips: '10.0.64.0/19' }] },
      FROM,
      'rm-orders',
      { port: 3306 },
    );
    expect(t.blockedAt?.kind).toBe('route');
    expect(t.blockedAt?.resource).toEqual({ type: 'network-acl', id: 'nacl-1' });
    expect(t.blockedAt?.rule?.id).toBe('nae-out-1');
  });

  it('the same ACL lets other traffic out, and says the reply is not traced', () => {
    const networkAcl = {
      vSwitch: 'vsw-pod-a',
      ingress: [],
      egress: ['drop tcp 3306/3306 10.0.8.0/24', 'accept all -1/-1 0.0.0.0/0'],
    };
    const t = trace({ networkAcl }, FROM, '140.82.112.5');
    expect(t.verdict).toBe('reachable');
    expect(t.assumptions.some((a) => a.statement.includes('nacl-1 is stateless'))).toBe(true);
  });

  it('the destination vSwitch ACL inbound: no matching entry denies by default', () => {
    const networkAcl = { vSwitch: 'vsw-db', ingress: ['accept tcp 22/22 10.0.1.0/24'], egress: [] };
    const t = trace({ networkAcl }, FROM, 'i-legacy', { port: 8080 });
    expect(t.blockedAt?.kind).toBe('destination-access');
    expect(t.blockedAt?.rule?.id).toBe('nacl-1:default');
  });

  it('the ACL bound but not in the snapshot: unknown with the aliyun command', () => {
    const networkAcl = { vSwitch: 'vsw-db', ingress: [], egress: [] };
    const t = trace({ networkAcl, omit: ['vpc-DescribeNetworkAcls.json'] }, FROM, 'i-legacy', { port: 8080 });
    expect(t.verdict).toBe('unknown');
    expect(t.missing).toContainEqual({
      hop: 'destination-access',
      what: 'network ACL nacl-1 bound to vsw-db',
      collect: 'aliyun vpc DescribeNetworkAclAttributes --RegionId cn-hangzhou --NetworkAclId nacl-1',
    });
  });
});
