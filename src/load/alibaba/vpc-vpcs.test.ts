import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeVpcs, describeVSwitches } from './vpc-vpcs.js';

const adapters = [describeVpcs, describeVSwitches];

const VPCS = `{"RequestId": "R1", "TotalCount": 1, "PageNumber": 1, "PageSize": 10,
 "Vpcs": {"Vpc": [
  {"VpcId": "vpc-hp3prod00000000001", "VpcName": "prod-vpc", "CidrBlock": "172.16.0.0/12", "Status": "Available",
   "SecondaryCidrBlocks": {"SecondaryCidrBlock": ["100.64.0.0/16"]}, "UserCidrs": {"UserCidr": []}, "EnabledIpv6": true,
   "Ipv6CidrBlock": "2408:4000:200::/56",
   "Ipv6CidrBlocks": {"Ipv6CidrBlock": [{"Ipv6CidrBlock": "2408:4000:200::/56", "Ipv6Isp": "BGP"}]},
   "VRouterId": "vrt-hp3main000000001", "RouterTableIds": {"RouterTableIds": ["vtb-hp3sys000000001"]},
   "VSwitchIds": {"VSwitchId": ["vsw-hp3node00000001"]},
   "NatGatewayIds": {"NatGatewayIds": ["ngw-hp3nat000000001"]}, "IsDefault": false, "RegionId": "cn-zhangjiakou",
   "Tags": {"Tag": [{"Key": "env", "Value": "prod"}]}}]}}`;

const VSWITCHES = `{"RequestId": "R2", "TotalCount": 2, "PageNumber": 1, "PageSize": 50,
 "VSwitches": {"VSwitch": [
  {"VSwitchId": "vsw-hp3node00000001", "VSwitchName": "node-a", "VpcId": "vpc-hp3prod00000000001",
   "ZoneId": "cn-zhangjiakou-a", "CidrBlock": "172.16.1.0/24", "Ipv6CidrBlock": "", "EnabledIpv6": false,
   "AvailableIpAddressCount": 240, "NetworkAclId": "",
   "RouteTable": {"RouteTableId": "vtb-hp3sys000000001", "RouteTableType": "System"}, "Status": "Available"},
  {"VSwitchId": "vsw-hp3pod000000001", "VSwitchName": "pod-a", "VpcId": "vpc-hp3prod00000000001",
   "ZoneId": "cn-zhangjiakou-a", "CidrBlock": "172.20.0.0/18", "Ipv6CidrBlock": "2408:4000:200:10::/64",
   "NetworkAclId": "nacl-hp3pod00000001",
   "RouteTable": {"RouteTableId": "vtb-hp3pods00000001", "RouteTableType": "Custom"}, "Status": "Available"}]}}`;

describe('vpc DescribeVpcs', () => {
  it('reads CIDRs (primary first), IPv6 blocks without repeats, and the repeated-name wrappers', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['vpcs.json', VPCS]);
    expect(recognised).toEqual([['vpc DescribeVpcs']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.vpcs).toEqual([
      {
        id: 'vpc-hp3prod00000000001',
        name: 'prod-vpc',
        cidrBlocks: ['172.16.0.0/12', '100.64.0.0/16'],
        ipv6CidrBlocks: ['2408:4000:200::/56'],
        routeTableIds: ['vtb-hp3sys000000001'],
        natGatewayIds: ['ngw-hp3nat000000001'],
        regionId: 'cn-zhangjiakou',
        origin: { file: 'vpcs.json', line: 3, column: 3, path: 'Vpcs.Vpc[0]' },
      },
    ]);
  });

  it('reports a VPC without VpcId', () => {
    const { errors } = loadBodies(adapters, ['bad.json', '{"Vpcs": {"Vpc": [{"VpcName": "x"}]}}']);
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['Vpcs.Vpc[0].VpcId', 'VpcId is missing; this VPC is skipped'],
    ]);
  });
});

describe('vpc DescribeVSwitches', () => {
  it('reads zone, CIDRs, route table and network ACL; empty strings become absent', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['vsw.json', VSWITCHES]);
    expect(recognised).toEqual([['vpc DescribeVSwitches']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.vSwitches.map(({ origin, ...vSwitch }) => vSwitch)).toEqual([
      {
        id: 'vsw-hp3node00000001',
        name: 'node-a',
        vpcId: 'vpc-hp3prod00000000001',
        zoneId: 'cn-zhangjiakou-a',
        cidrBlock: '172.16.1.0/24',
        routeTableId: 'vtb-hp3sys000000001',
      },
      {
        id: 'vsw-hp3pod000000001',
        name: 'pod-a',
        vpcId: 'vpc-hp3prod00000000001',
        zoneId: 'cn-zhangjiakou-a',
        cidrBlock: '172.20.0.0/18',
        ipv6CidrBlock: '2408:4000:200:10::/64',
        routeTableId: 'vtb-hp3pods00000001',
        networkAclId: 'nacl-hp3pod00000001',
      },
    ]);
  });

  it('merges two pages of vSwitches', () => {
    const page2 = `{"VSwitches": {"VSwitch": [{"VSwitchId": "vsw-hp3pod000000002", "VpcId": "vpc-hp3prod00000000001",
      "ZoneId": "cn-zhangjiakou-b", "CidrBlock": "172.20.64.0/18"}]}, "PageNumber": 2}`;
    const run = loadBodies(adapters, ['p2.json', page2], ['p1.json', VSWITCHES], ['p1-copy.json', VSWITCHES]);
    expect(run.builder.problems).toEqual([]);
    expect(run.builder.cloud.vSwitches.map((vSwitch) => [vSwitch.id, vSwitch.origin.file])).toEqual([
      ['vsw-hp3node00000001', 'p1.json'],
      ['vsw-hp3pod000000001', 'p1.json'],
      ['vsw-hp3pod000000002', 'p2.json'],
    ]);
  });

  it('reports a vSwitch whose CidrBlock is a number', () => {
    const body = `{"VSwitches": {"VSwitch": [
  {"VSwitchId": "vsw-1", "VpcId": "vpc-1", "ZoneId": "z", "CidrBlock": 10}
]}}`;
    const { errors } = loadBodies(adapters, ['bad.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'bad.json',
        line: 2,
        column: 72,
        path: 'VSwitches.VSwitch[0].CidrBlock',
        message: 'CidrBlock is the number 10; this vSwitch is skipped',
        expected: 'a string',
        hint: 'save the unedited output of `aliyun vpc DescribeVSwitches` again',
      },
    ]);
  });
});
