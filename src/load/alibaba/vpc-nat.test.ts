import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeNatGateways } from './vpc-nat.js';

const NAT = `{"RequestId": "R", "TotalCount": 2, "PageNumber": 1, "PageSize": 10,
 "NatGateways": {"NatGateway": [
  {"NatGatewayId": "ngw-gw8inet000000001", "Name": "ack-nat", "VpcId": "vpc-gw8main0000000001", "NatType": "Enhanced",
   "NetworkType": "internet", "Status": "Available", "BusinessStatus": "Normal", "EipBindMode": "MULTI_BINDED",
   "SnatTableIds": {"SnatTableId": ["stb-gw8snat00000001"]}, "ForwardTableIds": {"ForwardTableId": ["ftb-gw8fwd0000001"]},
   "FullNatTableIds": {"FullNatTableId": []},
   "IpLists": {"IpList": [
     {"AllocationId": "eip-gw8nat000000001", "IpAddress": "8.130.1.10", "PrivateIpAddress": "10.1.0.250",
      "SnatEntryEnabled": true, "UsingStatus": "UsedBySnatTable"},
     {"AllocationId": "eip-gw8nat000000002", "IpAddress": "8.130.1.11", "SnatEntryEnabled": true}]},
   "NatGatewayPrivateInfo": {"VswitchId": "vsw-gw8node00000001", "EniInstanceId": "eni-gw8natgw0000001"},
   "Tags": {"Tag": [{"TagKey": "owner", "TagValue": "net"}]}},
  {"NatGatewayId": "ngw-gw8vpc0000000002", "Name": "", "VpcId": "vpc-gw8main0000000001", "NatType": "Enhanced",
   "NetworkType": "intranet", "Status": "Available", "SnatTableIds": {"SnatTableId": []}, "IpLists": {"IpList": []}}]}}`;

describe('vpc DescribeNatGateways', () => {
  it('reads Internet and VPC NAT gateways with SNAT tables and EIPs', () => {
    const { builder, recognised } = loadBodies([describeNatGateways], ['nat.json', NAT]);
    expect(recognised).toEqual([['vpc DescribeNatGateways']]);
    expect(builder.problems).toEqual([]);
    expect(builder.cloud.natGateways.map(({ origin, ...gateway }) => gateway)).toEqual([
      {
        id: 'ngw-gw8inet000000001',
        name: 'ack-nat',
        vpcId: 'vpc-gw8main0000000001',
        natType: 'Enhanced',
        networkType: 'internet',
        status: 'Available',
        snatTableIds: ['stb-gw8snat00000001'],
        ipList: [
          { allocationId: 'eip-gw8nat000000001', ipAddress: '8.130.1.10' },
          { allocationId: 'eip-gw8nat000000002', ipAddress: '8.130.1.11' },
        ],
      },
      {
        id: 'ngw-gw8vpc0000000002',
        vpcId: 'vpc-gw8main0000000001',
        natType: 'Enhanced',
        networkType: 'intranet',
        status: 'Available',
        snatTableIds: [],
        ipList: [],
      },
    ]);
  });

  it('warns when NetworkType is absent and says what it assumed', () => {
    const body = '{"NatGateways": {"NatGateway": [{"NatGatewayId": "ngw-old", "VpcId": "vpc-1"}]}}';
    const { builder, warnings } = loadBodies([describeNatGateways], ['old.json', body]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'old.json',
        line: 1,
        column: 33,
        path: 'NatGateways.NatGateway[0].NetworkType',
        message: 'NAT gateway ngw-old does not say its NetworkType; it is taken as "internet"',
        expected: '"internet" or "intranet"',
        hint: 'save the output of a current `aliyun vpc DescribeNatGateways`, which prints NetworkType',
      },
    ]);
    expect(builder.cloud.natGateways[0]?.networkType).toBe('internet');
  });

  it('reports a gateway without VpcId', () => {
    const body = '{"NatGateways": {"NatGateway": [{"NatGatewayId": "ngw-x", "NetworkType": "internet"}]}}';
    const { builder, errors } = loadBodies([describeNatGateways], ['bad.json', body]);
    expect(errors.map((error) => [error.path, error.message])).toEqual([
      ['NatGateways.NatGateway[0].VpcId', 'VpcId is missing; this NAT gateway is skipped'],
    ]);
    expect(builder.cloud.natGateways).toEqual([]);
  });
});
