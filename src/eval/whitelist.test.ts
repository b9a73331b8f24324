import { describe, expect, it } from 'vitest';
import type { AccessControlList, LoadBalancerListener, RdsWhitelistGroup } from '../model/cloud.js';
import type { ThirdPartyAllowList } from '../model/world.js';
import { allowListAdmits, allowListApplies, rdsWhitelistAdmits, slbAclAdmits } from './whitelist.js';

const origin = { file: 'x.json', path: '' };

const group = (name: string, entries: string[]): RdsWhitelistGroup => ({ name, entries, origin });

describe('rdsWhitelistAdmits', () => {
  it('admits an address inside a CIDR entry of any group', () => {
    const result = rdsWhitelistAdmits(
      [group('default', ['192.168.1.0/24']), group('ack', ['10.0.64.0/19'])],
      '10.0.70.9',
    );
    expect(result.admitted).toBe(true);
    if (!result.admitted) throw new Error('expected admitted');
    expect(result.group.name).toBe('ack');
    expect(result.entry).toBe('10.0.64.0/19');
  });

  it('refuses an address outside every entry', () => {
    const result = rdsWhitelistAdmits([group('default', ['192.168.1.0/24', '10.0.0.5'])], '10.0.70.9');
    expect(result).toEqual({
      admitted: false,
      reason: '10.0.70.9 is in no entry of any whitelist group (default)',
    });
  });

  it('reads a bare IP as /32', () => {
    expect(rdsWhitelistAdmits([group('default', ['10.0.0.5'])], '10.0.0.5').admitted).toBe(true);
    expect(rdsWhitelistAdmits([group('default', ['10.0.0.5'])], '10.0.0.6').admitted).toBe(false);
  });

  it('0.0.0.0/0 admits everyone', () => {
    expect(rdsWhitelistAdmits([group('default', ['0.0.0.0/0'])], '47.98.1.10').admitted).toBe(true);
  });

  it('bare 0.0.0.0 admits nobody and is flagged as the common mistake', () => {
    const result = rdsWhitelistAdmits([group('default', ['0.0.0.0'])], '47.98.1.10');
    expect(result.admitted).toBe(false);
    if (result.admitted) throw new Error('expected refusal');
    expect(result.notes).toEqual([
      'group default lists 0.0.0.0, which admits nobody; the documented form for every address is 0.0.0.0/0',
    ]);
  });

  it('the default 127.0.0.1 admits nobody, even 127.0.0.1', () => {
    const result = rdsWhitelistAdmits([group('default', ['127.0.0.1'])], '127.0.0.1');
    expect(result).toEqual({
      admitted: false,
      reason: 'the whitelist holds only the default 127.0.0.1, which admits nobody; 127.0.0.1 must be added',
    });
  });

  it('IPv6 entries admit IPv6 addresses and not IPv4 ones', () => {
    const groups = [group('v6', ['2408:4005:300::/48'])];
    expect(rdsWhitelistAdmits(groups, '2408:4005:300:aa00::1a').admitted).toBe(true);
    expect(rdsWhitelistAdmits([group('v4', ['0.0.0.0/0'])], '2408:4005:300:aa00::1a').admitted).toBe(false);
  });

  it('tolerates spaces and flags entries that are not addresses', () => {
    expect(rdsWhitelistAdmits([group('default', [' 10.0.0.0/8 '])], '10.1.1.1').admitted).toBe(true);
    const result = rdsWhitelistAdmits([group('default', ['sg-abc'])], '10.1.1.1');
    if (result.admitted) throw new Error('expected refusal');
    expect(result.notes?.[0]).toContain('sg-abc');
  });
});

function listener(fields: Partial<LoadBalancerListener>): LoadBalancerListener {
  return { port: 80, protocol: 'tcp', aclIds: ['acl-1'], origin, ...fields };
}

const acl = (id: string, cidrs: string[]): AccessControlList => ({
  id,
  entries: cidrs.map((cidr) => ({ cidr })),
  origin,
});

describe('slbAclAdmits', () => {
  const office = acl('acl-1', ['192.168.1.0/24', '10.0.64.11/32']);

  it('admits everyone when access control is off or absent', () => {
    expect(slbAclAdmits(listener({ aclStatus: 'off', aclType: 'white' }), [office], '8.8.8.8').admitted).toBe(
      true,
    );
    expect(slbAclAdmits(listener({}), [], '8.8.8.8').admitted).toBe(true);
  });

  it('a whitelist admits listed addresses', () => {
    const result = slbAclAdmits(listener({ aclStatus: 'on', aclType: 'white' }), [office], '10.0.64.11');
    expect(result.admitted).toBe(true);
    expect(result.acl?.id).toBe('acl-1');
    expect(result.entry).toBe('10.0.64.11/32');
  });

  it('a whitelist refuses unlisted addresses', () => {
    const result = slbAclAdmits(listener({ aclStatus: 'on', aclType: 'white' }), [office], '10.0.64.12');
    expect(result.admitted).toBe(false);
    expect(result.unknown).toBeUndefined();
  });

  it('a blacklist refuses listed addresses', () => {
    expect(
      slbAclAdmits(listener({ aclStatus: 'on', aclType: 'black' }), [office], '192.168.1.7').admitted,
    ).toBe(false);
  });

  it('a blacklist admits unlisted addresses', () => {
    expect(
      slbAclAdmits(listener({ aclStatus: 'on', aclType: 'black' }), [office], '192.168.2.7').admitted,
    ).toBe(true);
  });

  it('an ACL without entries forwards everything, white or black', () => {
    const empty = acl('acl-1', []);
    expect(slbAclAdmits(listener({ aclStatus: 'on', aclType: 'white' }), [empty], '8.8.8.8').admitted).toBe(
      true,
    );
    expect(slbAclAdmits(listener({ aclStatus: 'on', aclType: 'black' }), [empty], '8.8.8.8').admitted).toBe(
      true,
    );
  });

  it('access control on without any ACL attached forwards everything', () => {
    const result = slbAclAdmits(
      listener({ aclStatus: 'on', aclType: 'white', aclIds: [] }),
      [office],
      '8.8.8.8',
    );
    expect(result).toEqual({
      admitted: true,
      reason: 'listener 80 has access control on but no ACL attached',
    });
  });

  it('an ACL referenced but not loaded makes the answer unknown', () => {
    const result = slbAclAdmits(
      listener({ aclStatus: 'on', aclType: 'white', aclIds: ['acl-9'] }),
      [office],
      '8.8.8.8',
      {
        regionId: 'cn-hangzhou',
      },
    );
    expect(result.unknown).toBe(true);
    expect(result.missing).toEqual([
      'aliyun slb DescribeAccessControlListAttribute --RegionId cn-hangzhou --AclId acl-9',
    ]);
  });

  it('an address listed in a loaded whitelist is admitted even when another ACL is missing', () => {
    const result = slbAclAdmits(
      listener({ aclStatus: 'on', aclType: 'white', aclIds: ['acl-1', 'acl-9'] }),
      [office],
      '192.168.1.7',
    );
    expect(result.admitted).toBe(true);
    expect(result.unknown).toBeUndefined();
  });

  it('access control on without a type is unknown', () => {
    const result = slbAclAdmits(listener({ aclStatus: 'on' }), [office], '8.8.8.8', {
      loadBalancerId: 'lb-1',
    });
    expect(result.unknown).toBe(true);
    expect(result.missing).toEqual([
      'aliyun slb DescribeLoadBalancerTCPListenerAttribute --RegionId <region> --LoadBalancerId lb-1 --ListenerPort 80',
    ]);
  });
});

describe('third-party allow-lists', () => {
  const partner: ThirdPartyAllowList = {
    name: 'partner-api',
    addresses: ['203.0.113.10'],
    ports: [443],
    protocol: 'tcp',
    allowedSources: ['47.98.1.10/32'],
    origin,
  };

  it('admits a listed source', () => {
    expect(allowListAdmits(partner, '47.98.1.10')).toEqual({
      admitted: true,
      entry: '47.98.1.10/32',
      reason: '47.98.1.10 is in 47.98.1.10/32, allowed by partner-api',
    });
  });

  it('refuses an unlisted source', () => {
    expect(allowListAdmits(partner, '47.98.1.11')).toEqual({
      admitted: false,
      reason: 'partner-api admits only 47.98.1.10/32, not 47.98.1.11',
    });
  });

  it('applies to its address, protocol and port only', () => {
    expect(allowListApplies(partner, '203.0.113.10', 'tcp', 443)).toBe(true);
    expect(allowListApplies(partner, '203.0.113.11', 'tcp', 443)).toBe(false);
    expect(allowListApplies(partner, '203.0.113.10', 'tcp', 80)).toBe(false);
    expect(allowListApplies(partner, '203.0.113.10', 'udp', 443)).toBe(false);
  });

  it('applies to every port when it lists none', () => {
    expect(allowListApplies({ ...partner, ports: [] }, '203.0.113.10', 'tcp', 8443)).toBe(true);
  });
});
