import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeRouteEntryList, describeRouteTableList } from './vpc-routes.js';

const adapters = [describeRouteTableList, describeRouteEntryList];

const TABLES = `{"RequestId": "R", "TotalCount": 2, "PageNumber": 1, "PageSize": 10,
 "RouterTableList": {"RouterTableListType": [
  {"RouteTableId": "vtb-wz9sys00000000001", "RouteTableName": "", "RouteTableType": "System", "AssociateType": "VSwitch",
   "VpcId": "vpc-wz9main0000000001", "RouterId": "vrt-wz9main000000001", "RouterType": "VRouter",
   "VSwitchIds": {"VSwitchId": ["vsw-wz9node000000001"]}, "GatewayIds": {"GatewayIds": []}, "Status": "Available"},
  {"RouteTableId": "vtb-wz9pods0000000001", "RouteTableName": "pod-rt", "RouteTableType": "Custom",
   "VpcId": "vpc-wz9main0000000001", "VSwitchIds": {"VSwitchId": ["vsw-wz9pod0000000001", "vsw-wz9pod0000000002"]},
   "Status": "Available"}]}}`;

const ENTRIES = `{"RequestId": "R", "NextToken": "", "TotalCount": 4,
 "RouteEntrys": {"RouteEntry": [
  {"RouteEntryId": "rte-wz9local0000001", "RouteTableId": "vtb-wz9sys00000000001", "DestinationCidrBlock": "192.168.1.0/24",
   "IpVersion": "ipv4", "Type": "System", "Status": "Available", "RouteEntryName": "", "Description": "",
   "NextHops": {"NextHop": [{"NextHopType": "local", "NextHopId": "", "Enabled": 1, "Weight": 0}]}},
  {"RouteEntryId": "rte-wz9nat00000001", "RouteTableId": "vtb-wz9sys00000000001", "DestinationCidrBlock": "0.0.0.0/0",
   "IpVersion": "ipv4", "Type": "Custom", "Status": "Available", "RouteEntryName": "to-nat",
   "NextHops": {"NextHop": [{"NextHopType": "NatGateway", "NextHopId": "ngw-wz9nat00000001", "Enabled": 1, "Weight": 0,
      "NextHopRelatedInfo": {"InstanceId": "ngw-wz9nat00000001", "InstanceType": "NatGateway", "RegionId": "cn-shenzhen"}}]}},
  {"RouteEntryId": "rte-wz9ecmp0000001", "RouteTableId": "vtb-wz9pods0000000001", "DestinationCidrBlock": "10.99.0.0/16",
   "IpVersion": "ipv4", "Type": "Custom", "Status": "Available",
   "NextHops": {"NextHop": [
     {"NextHopType": "Instance", "NextHopId": "i-wz9gw1", "Enabled": 1, "Weight": 100},
     {"NextHopType": "Instance", "NextHopId": "i-wz9gw2", "Enabled": 0, "Weight": 100}]}},
  {"RouteEntryId": "rte-wz9v6gw0000001", "RouteTableId": "vtb-wz9sys00000000001", "DestinationCidrBlock": "::/0",
   "IpVersion": "ipv6", "Type": "Custom", "Status": "Available",
   "NextHops": {"NextHop": [{"NextHopType": "IPv6Gateway", "NextHopId": "ipv6gw-wz9gw000000001", "Enabled": 1}]}}]}}`;

describe('vpc DescribeRouteTableList', () => {
  it('reads RouterTableList.RouterTableListType[] with bound vSwitches', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['rt.json', TABLES]);
    expect(recognised).toEqual([['vpc DescribeRouteTableList']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.routeTables.map(({ origin, ...table }) => table)).toEqual([
      {
        id: 'vtb-wz9pods0000000001',
        name: 'pod-rt',
        type: 'Custom',
        vpcId: 'vpc-wz9main0000000001',
        vSwitchIds: ['vsw-wz9pod0000000001', 'vsw-wz9pod0000000002'],
      },
      {
        id: 'vtb-wz9sys00000000001',
        type: 'System',
        vpcId: 'vpc-wz9main0000000001',
        vSwitchIds: ['vsw-wz9node000000001'],
      },
    ]);
  });

  it('reports an unknown RouteTableType', () => {
    const body =
      '{"RouterTableList": {"RouterTableListType": [{"RouteTableId": "vtb-1", "RouteTableType": "Edge", "VpcId": "v"}]}}';
    const { builder, errors } = loadBodies(adapters, ['bad.json', body]);
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      [
        'RouterTableList.RouterTableListType[0].RouteTableType',
        'RouteTableType is the string "Edge"; this route table is skipped',
        '"System" or "Custom"',
      ],
    ]);
    expect(builder.cloud.routeTables).toEqual([]);
  });
});

describe('vpc DescribeRouteEntryList', () => {
  it('reads RouteEntrys.RouteEntry[] keeping only enabled next hops', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['re.json', ENTRIES]);
    expect(recognised).toEqual([['vpc DescribeRouteEntryList']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.routeEntries.map(({ origin, ...entry }) => entry)).toEqual([
      {
        id: 'rte-wz9ecmp0000001',
        routeTableId: 'vtb-wz9pods0000000001',
        destinationCidr: '10.99.0.0/16',
        type: 'Custom',
        status: 'Available',
        nextHops: [{ type: 'Instance', id: 'i-wz9gw1' }],
      },
      {
        id: 'rte-wz9local0000001',
        routeTableId: 'vtb-wz9sys00000000001',
        destinationCidr: '192.168.1.0/24',
        type: 'System',
        status: 'Available',
        nextHops: [{ type: 'local', id: '' }],
      },
      {
        id: 'rte-wz9nat00000001',
        name: 'to-nat',
        routeTableId: 'vtb-wz9sys00000000001',
        destinationCidr: '0.0.0.0/0',
        type: 'Custom',
        status: 'Available',
        nextHops: [{ type: 'NatGateway', id: 'ngw-wz9nat00000001' }],
      },
      {
        id: 'rte-wz9v6gw0000001',
        routeTableId: 'vtb-wz9sys00000000001',
        destinationCidr: '::/0',
        type: 'Custom',
        status: 'Available',
        nextHops: [{ type: 'IPv6Gateway', id: 'ipv6gw-wz9gw000000001' }],
      },
    ]);
    expect(builder.cloud.routeEntries[2]?.origin).toEqual({
      file: 're.json',
      line: 6,
      column: 3,
      path: 'RouteEntrys.RouteEntry[1]',
    });
  });

  it('does not confuse "RouteEntries" (a hand-made spelling) with the real wrapper', () => {
    const { recognised } = loadBodies(adapters, ['x.json', '{"RouteEntries": {"RouteEntry": []}}']);
    expect(recognised).toEqual([[]]);
  });
});
