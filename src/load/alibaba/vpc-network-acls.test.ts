import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeNetworkAclAttributes, describeNetworkAcls } from './vpc-network-acls.js';

const adapters = [describeNetworkAcls, describeNetworkAclAttributes];

const ACL_FIELDS = `"NetworkAclId": "nacl-2ze0pod000000001", "NetworkAclName": "pod-acl", "VpcId": "vpc-2zeacl000000001",
  "Status": "Available", "Description": "", "RegionId": "cn-beijing",
  "IngressAclEntries": {"IngressAclEntry": [
    {"NetworkAclEntryId": "nae-2zein01", "NetworkAclEntryName": "allow-vpc", "Policy": "accept", "Protocol": "all",
     "Port": "-1/-1", "SourceCidrIp": "10.0.0.0/8", "IpVersion": "IPv4", "EntryType": "custom", "Description": ""},
    {"NetworkAclEntryId": "nae-2zein02", "NetworkAclEntryName": "", "Policy": "accept", "Protocol": "tcp",
     "Port": "1024/65535", "SourceCidrIp": "0.0.0.0/0", "IpVersion": "IPv4", "EntryType": "custom"}]},
  "EgressAclEntries": {"EgressAclEntry": [
    {"NetworkAclEntryId": "nae-2zeeg01", "NetworkAclEntryName": "deny-db", "Policy": "drop", "Protocol": "TCP",
     "Port": "3306/3306", "DestinationCidrIp": "10.8.0.0/24", "IpVersion": "IPv4", "EntryType": "custom"},
    {"NetworkAclEntryId": "nae-2zeeg02", "Policy": "accept", "Protocol": "all", "Port": "-1/-1",
     "DestinationCidrIp": "0.0.0.0/0", "EntryType": "system"}]},
  "Resources": {"Resource": [{"ResourceId": "vsw-2zepod000000001", "ResourceType": "VSwitch", "Status": "BINDED"}]},
  "Tags": {"Tag": []}`;

const LIST = `{"RequestId": "R", "TotalCount": "1", "PageNumber": "1", "PageSize": "10",
 "NetworkAcls": {"NetworkAcl": [{${ACL_FIELDS}}]}}`;

const ATTRIBUTES = `{"RequestId": "R",
 "NetworkAclAttribute": {${ACL_FIELDS}}}`;

const EXPECTED = {
  id: 'nacl-2ze0pod000000001',
  name: 'pod-acl',
  vpcId: 'vpc-2zeacl000000001',
  status: 'Available',
  ingress: [
    {
      id: 'nae-2zein01',
      name: 'allow-vpc',
      policy: 'accept',
      protocol: 'all',
      portRange: '-1/-1',
      cidr: '10.0.0.0/8',
      ipVersion: 'IPv4',
      entryType: 'custom',
    },
    {
      id: 'nae-2zein02',
      policy: 'accept',
      protocol: 'tcp',
      portRange: '1024/65535',
      cidr: '0.0.0.0/0',
      ipVersion: 'IPv4',
      entryType: 'custom',
    },
  ],
  egress: [
    {
      id: 'nae-2zeeg01',
      name: 'deny-db',
      policy: 'drop',
      protocol: 'tcp',
      portRange: '3306/3306',
      cidr: '10.8.0.0/24',
      ipVersion: 'IPv4',
      entryType: 'custom',
    },
    {
      id: 'nae-2zeeg02',
      policy: 'accept',
      protocol: 'all',
      portRange: '-1/-1',
      cidr: '0.0.0.0/0',
      entryType: 'system',
    },
  ],
  vSwitchIds: ['vsw-2zepod000000001'],
};

function withoutOrigins(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'origin' ? undefined : inner)));
}

describe('vpc DescribeNetworkAcls', () => {
  it('reads entries in array order with the CIDR of their direction', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['acl.json', LIST]);
    expect(recognised).toEqual([['vpc DescribeNetworkAcls']]);
    expect(errors).toEqual([]);
    expect(withoutOrigins(builder.cloud.networkAcls)).toEqual([EXPECTED]);
    expect(builder.cloud.networkAcls[0]?.egress[0]?.origin).toEqual({
      file: 'acl.json',
      line: 10,
      column: 5,
      path: 'NetworkAcls.NetworkAcl[0].EgressAclEntries.EgressAclEntry[0]',
    });
  });

  it('reports an entry with an unknown policy and keeps the rest of the ACL', () => {
    const body = LIST.replace('"Policy": "drop"', '"Policy": "deny"');
    const { builder, errors } = loadBodies(adapters, ['acl.json', body]);
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      [
        'NetworkAcls.NetworkAcl[0].EgressAclEntries.EgressAclEntry[0].Policy',
        'Policy is the string "deny"; this egress entry is skipped',
        '"accept" or "drop"',
      ],
    ]);
    expect(builder.cloud.networkAcls[0]?.egress.map((entry) => entry.id)).toEqual(['nae-2zeeg02']);
  });
});

describe('vpc DescribeNetworkAclAttributes', () => {
  it('reads the single NetworkAclAttribute like a list item', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['attr.json', ATTRIBUTES]);
    expect(recognised).toEqual([['vpc DescribeNetworkAclAttributes']]);
    expect(errors).toEqual([]);
    expect(withoutOrigins(builder.cloud.networkAcls)).toEqual([EXPECTED]);
    expect(builder.cloud.networkAcls[0]?.origin.path).toBe('NetworkAclAttribute');
  });

  it('is the same ACL as the list item: loading both gives one ACL and no warning', () => {
    const { builder, warnings } = loadBodies(adapters, ['acl.json', LIST], ['attr.json', ATTRIBUTES]);
    expect(warnings).toEqual([]);
    expect(builder.cloud.networkAcls).toHaveLength(1);
  });
});
