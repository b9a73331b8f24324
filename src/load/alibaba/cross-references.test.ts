import { describe, expect, it } from 'vitest';
import { alibabaAdapters } from './index.js';
import { loadBodies } from './test-helpers.js';

const VSWITCHES = `{"VSwitches": {"VSwitch": [
  {"VSwitchId": "vsw-node", "VpcId": "vpc-1", "ZoneId": "z-a", "CidrBlock": "10.0.1.0/24"},
  {"VSwitchId": "vsw-pod", "VpcId": "vpc-1", "ZoneId": "z-a", "CidrBlock": "10.0.64.0/19", "Ipv6CidrBlock": "2408:4005:300:aa00::/64"}
]}}`;

const SNAT = `{"SnatTableEntries": {"SnatTableEntry": [
  {"SnatEntryId": "snat-node", "SnatTableId": "stb-1", "SourceVSwitchId": "vsw-node", "SnatIp": "47.98.1.10"},
  {"SnatEntryId": "snat-new", "SnatTableId": "stb-1", "SourceVSwitchId": "vsw-added", "SnatIp": "47.98.1.10"}
]}}`;

const ROUTE_TABLES = `{"RouterTableList": {"RouterTableListType": [
  {"RouteTableId": "vtb-1", "RouteTableType": "System", "VpcId": "vpc-1",
   "VSwitchIds": {"VSwitchId": ["vsw-node", "vsw-gone"]}}
]}}`;

const ENIS = `{"NetworkInterfaceSets": {"NetworkInterfaceSet": [
  {"NetworkInterfaceId": "eni-good", "VSwitchId": "vsw-pod", "SecurityGroupIds": {"SecurityGroupId": ["sg-known"]},
   "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "10.0.64.10", "Primary": true}]},
   "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408:4005:300:aa00::10"}]}},
  {"NetworkInterfaceId": "eni-stray", "VSwitchId": "vsw-pod", "SecurityGroupIds": {"SecurityGroupId": ["sg-missing"]},
   "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "10.0.1.99", "Primary": true}]},
   "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408:4005:300:bb00::10"}]}}
]}}`;

const INSTANCES = `{"Instances": {"Instance": [
  {"InstanceId": "i-1", "SecurityGroupIds": {"SecurityGroupId": ["sg-known", "sg-gone"]}}
]}}`;

const GROUPS =
  '{"SecurityGroups": {"SecurityGroup": [{"SecurityGroupId": "sg-known", "SecurityGroupType": "normal"}]}}';

describe('cross-reference warnings', () => {
  it('name a SNAT entry for a vSwitch no DescribeVSwitches body lists', () => {
    const { warnings } = loadBodies(alibabaAdapters, ['vsw.json', VSWITCHES], ['snat.json', SNAT]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'snat.json',
        line: 3,
        column: 3,
        path: 'SnatTableEntries.SnatTableEntry[1]',
        message: 'SNAT entry snat-new is for vSwitch vsw-added, which no DescribeVSwitches body lists',
        hint: 'add `aliyun vpc DescribeVSwitches --VSwitchId vsw-added`, or check whether the vSwitch was deleted',
      },
    ]);
  });

  it('say nothing about SNAT vSwitches when no vSwitch body is loaded (a gap, not a conflict)', () => {
    const { warnings } = loadBodies(alibabaAdapters, ['snat.json', SNAT]);
    expect(warnings).toEqual([]);
  });

  it('name a route table bound to an unknown vSwitch', () => {
    const { warnings } = loadBodies(alibabaAdapters, ['vsw.json', VSWITCHES], ['rt.json', ROUTE_TABLES]);
    expect(warnings.map((warning) => [warning.file, warning.line, warning.message])).toEqual([
      ['rt.json', 2, 'route table vtb-1 is bound to vSwitch vsw-gone, which no DescribeVSwitches body lists'],
    ]);
  });

  it('name ECS instances and ENIs that use a security group not in the snapshot', () => {
    const { warnings } = loadBodies(
      alibabaAdapters,
      ['sgs.json', GROUPS],
      ['eni.json', ENIS],
      ['ecs.json', INSTANCES],
    );
    expect(warnings.map((warning) => [warning.file, warning.path, warning.message])).toEqual([
      [
        'ecs.json',
        'Instances.Instance[0]',
        'ECS instance i-1 uses security group sg-gone, which is not in the snapshot',
      ],
      [
        'eni.json',
        'NetworkInterfaceSets.NetworkInterfaceSet[1]',
        'network interface eni-stray uses security group sg-missing, which is not in the snapshot',
      ],
    ]);
    expect(warnings[0]?.hint).toBe(
      'add `aliyun ecs DescribeSecurityGroupAttribute --SecurityGroupId sg-gone` (and DescribeSecurityGroups) to the snapshot',
    );
  });

  it('say nothing about security groups when none is loaded', () => {
    const { warnings } = loadBodies(alibabaAdapters, ['eni.json', ENIS], ['ecs.json', INSTANCES]);
    expect(warnings).toEqual([]);
  });

  it('name an ENI address outside its vSwitch CIDR, citing both places', () => {
    const { warnings } = loadBodies(alibabaAdapters, ['vsw.json', VSWITCHES], ['eni.json', ENIS]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'eni.json',
        line: 5,
        column: 3,
        path: 'NetworkInterfaceSets.NetworkInterfaceSet[1]',
        message:
          'private IP 10.0.1.99 of network interface eni-stray is outside 10.0.64.0/19 of its vSwitch vsw-pod (vsw.json:3:3 (VSwitches.VSwitch[1]))',
        hint: 'the two responses were probably taken at different times; save them again together',
      },
      {
        severity: 'warning',
        file: 'eni.json',
        line: 5,
        column: 3,
        path: 'NetworkInterfaceSets.NetworkInterfaceSet[1]',
        message:
          'IPv6 address 2408:4005:300:bb00::10 of network interface eni-stray is outside 2408:4005:300:aa00::/64 of its vSwitch vsw-pod (vsw.json:3:3 (VSwitches.VSwitch[1]))',
        hint: 'the two responses were probably taken at different times; save them again together',
      },
    ]);
  });
});
