import { describe, expect, it } from 'vitest';
import { loadBodies } from './test-helpers.js';
import { describeEipAddresses } from './vpc-eip.js';

const EIPS = `{"RequestId": "R", "TotalCount": 3, "PageNumber": 1, "PageSize": 50,
 "EipAddresses": {"EipAddress": [
  {"AllocationId": "eip-uf6nat00000001", "IpAddress": "106.14.1.10", "Status": "InUse", "InstanceId": "ngw-uf6nat0000001",
   "InstanceType": "Nat", "PrivateIpAddress": "", "Mode": "NAT", "Bandwidth": "200", "InternetChargeType": "PayByTraffic",
   "ISP": "BGP", "BandwidthPackageId": "", "RegionId": "cn-shanghai", "Tags": {"Tag": []}},
  {"AllocationId": "eip-uf6pod00000001", "IpAddress": "106.14.9.20", "Name": "pod-eip", "Status": "InUse",
   "InstanceId": "eni-uf6secondary0001", "InstanceType": "NetworkInterface", "PrivateIpAddress": "10.2.64.11",
   "Mode": "NAT", "Bandwidth": "5", "Tags": {"Tag": [{"Key": "ack.aliyun.com", "Value": "c1"}]}},
  {"AllocationId": "eip-uf6free0000001", "IpAddress": "106.14.9.30", "Status": "Available", "InstanceId": "",
   "InstanceType": "", "Bandwidth": "1"}]}}`;

describe('vpc DescribeEipAddresses', () => {
  it('reads bindings to NAT gateways, ENI private IPs and free EIPs', () => {
    const { builder, errors, recognised } = loadBodies([describeEipAddresses], ['eip.json', EIPS]);
    expect(recognised).toEqual([['vpc DescribeEipAddresses']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.eips.map(({ origin, ...eip }) => eip)).toEqual([
      { allocationId: 'eip-uf6free0000001', ipAddress: '106.14.9.30', status: 'Available', bandwidth: '1' },
      {
        allocationId: 'eip-uf6nat00000001',
        ipAddress: '106.14.1.10',
        status: 'InUse',
        instanceId: 'ngw-uf6nat0000001',
        instanceType: 'Nat',
        mode: 'NAT',
        bandwidth: '200',
      },
      {
        allocationId: 'eip-uf6pod00000001',
        ipAddress: '106.14.9.20',
        name: 'pod-eip',
        status: 'InUse',
        instanceId: 'eni-uf6secondary0001',
        instanceType: 'NetworkInterface',
        privateIpAddress: '10.2.64.11',
        mode: 'NAT',
        bandwidth: '5',
      },
    ]);
  });

  it('reports an EIP without IpAddress', () => {
    const body = '{"EipAddresses": {"EipAddress": [{"AllocationId": "eip-1", "Status": "InUse"}]}}';
    const { errors } = loadBodies([describeEipAddresses], ['bad.json', body]);
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      ['EipAddresses.EipAddress[0].IpAddress', 'IpAddress is missing; this EIP is skipped', 'a string'],
    ]);
  });
});
