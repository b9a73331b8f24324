import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeIpv6Addresses, describeIpv6Gateways } from './vpc-ipv6.js';

const adapters = [describeIpv6Addresses, describeIpv6Gateways];

const ADDRESSES = `{"RequestId": "R", "TotalCount": 2, "PageNumber": 1, "PageSize": 10,
 "Ipv6Addresses": {"Ipv6Address": [
  {"Ipv6AddressId": "ipv6-bp1pub00000001", "Ipv6Address": "2408:4005:3a0:aa00::1a", "Ipv6AddressName": "",
   "VpcId": "vpc-bp1v6000000001", "VSwitchId": "vsw-bp1v6pod0000001", "Ipv6GatewayId": "ipv6gw-bp1gw0000001",
   "AssociatedInstanceId": "eni-bp1v6eni0000001", "AssociatedInstanceType": "NetworkInterface", "NetworkType": "Public",
   "Ipv6Isp": "BGP", "RealBandwidth": 10, "Status": "Available", "ServiceManaged": 0,
   "Ipv6InternetBandwidth": {"Ipv6InternetBandwidthId": "ipv6bw-bp1bw000001", "Bandwidth": 10,
     "InternetChargeType": "PayByTraffic", "InstanceChargeType": "PostPaid", "BusinessStatus": "Normal"}},
  {"Ipv6AddressId": "ipv6-bp1priv0000002", "Ipv6Address": "2408:4005:3a0:aa00::1b", "VpcId": "vpc-bp1v6000000001",
   "VSwitchId": "vsw-bp1v6pod0000001", "Ipv6GatewayId": "ipv6gw-bp1gw0000001", "AssociatedInstanceId": "eni-bp1v6eni0000001",
   "AssociatedInstanceType": "NetworkInterface", "NetworkType": "Private", "Status": "Available",
   "Ipv6InternetBandwidth": {"Ipv6InternetBandwidthId": "", "Bandwidth": 0}}]}}`;

const GATEWAYS = `{"RequestId": "R", "TotalCount": 1, "PageNumber": 1, "PageSize": 10,
 "Ipv6Gateways": {"Ipv6Gateway": [{"Ipv6GatewayId": "ipv6gw-bp1gw0000001", "Name": "v6gw", "Description": "",
  "VpcId": "vpc-bp1v6000000001", "Status": "Available", "BusinessStatus": "Normal", "InstanceChargeType": "PostPaid",
  "CreationTime": "2026-01-05T08:00:00Z", "RegionId": "cn-hangzhou"}]}}`;

describe('vpc DescribeIpv6Addresses', () => {
  it('reads Internet bandwidth only when it is allocated', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['v6.json', ADDRESSES]);
    expect(recognised).toEqual([['vpc DescribeIpv6Addresses']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.ipv6Addresses.map(({ origin, ...address }) => address)).toEqual([
      {
        id: 'ipv6-bp1priv0000002',
        address: '2408:4005:3a0:aa00::1b',
        vpcId: 'vpc-bp1v6000000001',
        vSwitchId: 'vsw-bp1v6pod0000001',
        ipv6GatewayId: 'ipv6gw-bp1gw0000001',
        associatedInstanceId: 'eni-bp1v6eni0000001',
        associatedInstanceType: 'NetworkInterface',
        networkType: 'Private',
        status: 'Available',
      },
      {
        id: 'ipv6-bp1pub00000001',
        address: '2408:4005:3a0:aa00::1a',
        vpcId: 'vpc-bp1v6000000001',
        vSwitchId: 'vsw-bp1v6pod0000001',
        ipv6GatewayId: 'ipv6gw-bp1gw0000001',
        associatedInstanceId: 'eni-bp1v6eni0000001',
        associatedInstanceType: 'NetworkInterface',
        networkType: 'Public',
        status: 'Available',
        internetBandwidth: { id: 'ipv6bw-bp1bw000001', bandwidth: 10, businessStatus: 'Normal' },
      },
    ]);
  });
});

describe('vpc DescribeIpv6Gateways', () => {
  it('reads the gateway and its VPC', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['gw.json', GATEWAYS]);
    expect(recognised).toEqual([['vpc DescribeIpv6Gateways']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.ipv6Gateways).toEqual([
      {
        id: 'ipv6gw-bp1gw0000001',
        vpcId: 'vpc-bp1v6000000001',
        status: 'Available',
        origin: { file: 'gw.json', line: 2, column: 35, path: 'Ipv6Gateways.Ipv6Gateway[0]' },
      },
    ]);
  });

  it('reports a gateway without VpcId', () => {
    const { errors } = loadBodies(adapters, [
      'bad.json',
      '{"Ipv6Gateways": {"Ipv6Gateway": [{"Ipv6GatewayId": "g"}]}}',
    ]);
    expect(errors.map((error) => error.message)).toEqual(['VpcId is missing; this IPv6 gateway is skipped']);
  });
});
