import { describe, expect, it } from 'vitest';
import { describeInstances } from './ecs-instances.js';
import { describeNetworkInterfaces } from './ecs-network-interfaces.js';
import { loadBodies } from './test-helpers.js';

const INSTANCES = `{
  "RequestId": "7A1C0E2B-0000-4000-8000-000000000001", "TotalCount": 2, "PageNumber": 1, "PageSize": 10, "NextToken": "",
  "Instances": {"Instance": [
    {"InstanceId": "i-2zeworker00000000001", "InstanceName": "worker-k8s-for-cs-c9f8", "HostName": "cn-beijing.192.168.1.15",
     "InstanceType": "ecs.g7.xlarge", "Status": "Running", "RegionId": "cn-beijing", "ZoneId": "cn-beijing-h",
     "InstanceNetworkType": "vpc",
     "SecurityGroupIds": {"SecurityGroupId": ["sg-2zenode00000000001", "sg-2zeextra0000000002"]},
     "VpcAttributes": {"VpcId": "vpc-2zemain000000000001", "VSwitchId": "vsw-2zenode00000000001", "NatIpAddress": "",
                       "PrivateIpAddress": {"IpAddress": ["192.168.1.15"]}},
     "EipAddress": {"AllocationId": "eip-2zenode0000000001", "IpAddress": "39.105.1.20", "Bandwidth": 5,
                    "InternetChargeType": "PayByTraffic", "IsSupportUnassociate": true},
     "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": []}, "InternetMaxBandwidthOut": 0,
     "NetworkInterfaces": {"NetworkInterface": [
       {"NetworkInterfaceId": "eni-2zeprimary0000001", "Type": "Primary", "MacAddress": "00:16:3e:01:02:03",
        "PrimaryIpAddress": "192.168.1.15",
        "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "192.168.1.15", "Primary": true}]},
        "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408:4001:f10::15"}]}},
       {"NetworkInterfaceId": "eni-2zesecond00000002", "Type": "Secondary", "MacAddress": "00:16:3e:01:02:04",
        "PrimaryIpAddress": "192.168.64.20",
        "PrivateIpSets": {"PrivateIpSet": [{"PrivateIpAddress": "192.168.64.20", "Primary": true},
                                           {"PrivateIpAddress": "192.168.64.21", "Primary": false}]},
        "Ipv6Sets": {"Ipv6Set": []}, "Ipv4PrefixSets": {"Ipv4PrefixSet": [{"Ipv4Prefix": "192.168.65.0/28"}]}}]},
     "Tags": {"Tag": [{"TagKey": "ack.aliyun.com", "TagValue": "c9f8e7d6"}]}},
    {"InstanceId": "i-2zebastion0000000002", "InstanceName": "bastion", "HostName": "bastion", "Status": "Stopped",
     "ZoneId": "cn-beijing-h",
     "SecurityGroupIds": {"SecurityGroupId": ["sg-2zeextra0000000002"]},
     "VpcAttributes": {"VpcId": "vpc-2zemain000000000001", "VSwitchId": "vsw-2zenode00000000001",
                       "PrivateIpAddress": {"IpAddress": ["192.168.1.30"]}},
     "EipAddress": {"AllocationId": "", "IpAddress": "", "Bandwidth": 0},
     "PublicIpAddress": {"IpAddress": ["47.93.5.6"]},
     "NetworkInterfaces": {"NetworkInterface": []}}
  ]}
}`;

const ENIS = `{
  "RequestId": "7A1C0E2B-0000-4000-8000-000000000002", "TotalCount": 1, "PageNumber": 1, "PageSize": 10, "NextToken": "",
  "NetworkInterfaceSets": {"NetworkInterfaceSet": [
    {"NetworkInterfaceId": "eni-2zesecond00000002", "NetworkInterfaceName": "", "Type": "Secondary", "Status": "InUse",
     "InstanceId": "i-2zeworker00000000001", "VpcId": "vpc-2zemain000000000001", "VSwitchId": "vsw-2zepod000000000001",
     "ZoneId": "cn-beijing-h", "MacAddress": "00:16:3e:01:02:04", "PrivateIpAddress": "192.168.64.20",
     "SecurityGroupIds": {"SecurityGroupId": ["sg-2zepod00000000003"]},
     "AssociatedPublicIp": {"PublicIpAddress": "", "AllocationId": ""},
     "PrivateIpSets": {"PrivateIpSet": [
       {"PrivateIpAddress": "192.168.64.20", "Primary": true, "AssociatedPublicIp": {"PublicIpAddress": "", "AllocationId": ""}},
       {"PrivateIpAddress": "192.168.64.21", "Primary": false,
        "AssociatedPublicIp": {"PublicIpAddress": "39.105.9.9", "AllocationId": "eip-2zepod0000000009"}}]},
     "Ipv6Sets": {"Ipv6Set": [{"Ipv6Address": "2408:4001:f10:aa00::21"}]},
     "Ipv4PrefixSets": {"Ipv4PrefixSet": []},
     "Attachment": {"InstanceId": "i-2zeworker00000000001", "DeviceIndex": 1, "TrunkNetworkInterfaceId": ""},
     "Tags": {"Tag": [{"TagKey": "creator", "TagValue": "terway"}]}, "DeleteOnRelease": true}
  ]}
}`;

const adapters = [describeInstances, describeNetworkInterfaces];

describe('ecs DescribeInstances', () => {
  it('reads instances with their VPC addresses, EIP, static public IPs and groups', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['ecs.json', INSTANCES]);
    expect(recognised).toEqual([['ecs DescribeInstances']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.ecsInstances.map(({ origin, ...instance }) => instance)).toEqual([
      {
        id: 'i-2zebastion0000000002',
        name: 'bastion',
        hostName: 'bastion',
        status: 'Stopped',
        zoneId: 'cn-beijing-h',
        vpcId: 'vpc-2zemain000000000001',
        vSwitchId: 'vsw-2zenode00000000001',
        privateIps: ['192.168.1.30'],
        securityGroupIds: ['sg-2zeextra0000000002'],
        publicIps: ['47.93.5.6'],
        networkInterfaceIds: [],
      },
      {
        id: 'i-2zeworker00000000001',
        name: 'worker-k8s-for-cs-c9f8',
        hostName: 'cn-beijing.192.168.1.15',
        status: 'Running',
        zoneId: 'cn-beijing-h',
        vpcId: 'vpc-2zemain000000000001',
        vSwitchId: 'vsw-2zenode00000000001',
        privateIps: ['192.168.1.15'],
        securityGroupIds: ['sg-2zenode00000000001', 'sg-2zeextra0000000002'],
        eipAddress: '39.105.1.20',
        eipAllocationId: 'eip-2zenode0000000001',
        publicIps: [],
        networkInterfaceIds: ['eni-2zeprimary0000001', 'eni-2zesecond00000002'],
      },
    ]);
    expect(builder.cloud.ecsInstances[1]?.origin).toEqual({
      file: 'ecs.json',
      line: 4,
      column: 5,
      path: 'Instances.Instance[0]',
    });
  });

  it('creates ENIs from the embedded list: groups for the primary ENI only, unknown for the others', () => {
    const { builder, warnings } = loadBodies(adapters, ['ecs.json', INSTANCES]);
    expect(builder.cloud.networkInterfaces.map(({ origin, ...eni }) => eni)).toEqual([
      {
        id: 'eni-2zeprimary0000001',
        type: 'Primary',
        instanceId: 'i-2zeworker00000000001',
        vpcId: 'vpc-2zemain000000000001',
        vSwitchId: 'vsw-2zenode00000000001',
        zoneId: 'cn-beijing-h',
        securityGroupIds: ['sg-2zenode00000000001', 'sg-2zeextra0000000002'],
        privateIps: [{ address: '192.168.1.15', primary: true }],
        ipv6Addresses: ['2408:4001:f10::15'],
        ipv4Prefixes: [],
      },
      {
        id: 'eni-2zesecond00000002',
        type: 'Secondary',
        instanceId: 'i-2zeworker00000000001',
        vpcId: 'vpc-2zemain000000000001',
        zoneId: 'cn-beijing-h',
        securityGroupIds: [],
        securityGroupsUnknown: true,
        privateIps: [
          { address: '192.168.64.20', primary: true },
          { address: '192.168.64.21', primary: false },
        ],
        ipv6Addresses: [],
        ipv4Prefixes: ['192.168.65.0/28'],
      },
    ]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'ecs.json',
        line: 18,
        column: 8,
        path: 'Instances.Instance[0].NetworkInterfaces.NetworkInterface[1]',
        message:
          'the security groups of 1 secondary ENI(s) are unknown (eni-2zesecond00000002): DescribeInstances lists them without their groups',
        hint: 'add the output of `aliyun ecs DescribeNetworkInterfaces` for these ENIs',
      },
    ]);
  });

  it('prefers DescribeNetworkInterfaces over the embedded copy, whatever the file order', () => {
    for (const order of [
      [
        ['ecs.json', INSTANCES],
        ['eni.json', ENIS],
      ],
      [
        ['eni.json', ENIS],
        ['ecs.json', INSTANCES],
      ],
    ] as const) {
      const { builder, warnings } = loadBodies(adapters, ...order);
      expect(warnings).toEqual([]);
      expect(
        builder.cloud.networkInterfaces.map((eni) => [eni.id, eni.origin.file, eni.securityGroupIds]),
      ).toEqual([
        ['eni-2zeprimary0000001', 'ecs.json', ['sg-2zenode00000000001', 'sg-2zeextra0000000002']],
        ['eni-2zesecond00000002', 'eni.json', ['sg-2zepod00000000003']],
      ]);
    }
  });

  it('does not mistake another product’s Instances wrapper for ECS', () => {
    const redis = '{"Instances": {"KVStoreInstance": [{"InstanceId": "r-2ze1"}]}, "TotalCount": 1}';
    const { recognised } = loadBodies(adapters, ['redis.json', redis]);
    expect(recognised).toEqual([[]]);
  });

  it('reports an instance without InstanceId and keeps the others', () => {
    const body = `{"Instances": {"Instance": [
  {"InstanceName": "no-id"},
  {"InstanceId": "i-ok"}
]}}`;
    const { builder, errors } = loadBodies(adapters, ['bad.json', body]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'bad.json',
        line: 2,
        column: 3,
        path: 'Instances.Instance[0].InstanceId',
        message: 'InstanceId is missing; this instance is skipped',
        expected: 'a string',
        hint: 'save the unedited output of `aliyun ecs DescribeInstances` again',
      },
    ]);
    expect(builder.cloud.ecsInstances.map((instance) => instance.id)).toEqual(['i-ok']);
  });
});

describe('ecs DescribeNetworkInterfaces', () => {
  it('reads the ENI with the public IP of each private IP and its IPv6 addresses', () => {
    const { builder, errors, recognised } = loadBodies(adapters, ['eni.json', ENIS]);
    expect(recognised).toEqual([['ecs DescribeNetworkInterfaces']]);
    expect(errors).toEqual([]);
    expect(builder.cloud.networkInterfaces).toEqual([
      {
        id: 'eni-2zesecond00000002',
        type: 'Secondary',
        status: 'InUse',
        instanceId: 'i-2zeworker00000000001',
        vpcId: 'vpc-2zemain000000000001',
        vSwitchId: 'vsw-2zepod000000000001',
        zoneId: 'cn-beijing-h',
        securityGroupIds: ['sg-2zepod00000000003'],
        privateIps: [
          { address: '192.168.64.20', primary: true },
          {
            address: '192.168.64.21',
            primary: false,
            associatedPublicIp: '39.105.9.9',
            associatedAllocationId: 'eip-2zepod0000000009',
          },
        ],
        ipv6Addresses: ['2408:4001:f10:aa00::21'],
        ipv4Prefixes: [],
        origin: { file: 'eni.json', line: 4, column: 5, path: 'NetworkInterfaceSets.NetworkInterfaceSet[0]' },
      },
    ]);
  });

  it('reads a trunk member ENI, the ENI-level public IP and a bare PrivateIpAddress', () => {
    const body = `{"NetworkInterfaceSets": {"NetworkInterfaceSet": [
  {"NetworkInterfaceId": "eni-member1", "Type": "Member", "PrivateIpAddress": "192.168.70.5",
   "AssociatedPublicIp": {"PublicIpAddress": "39.105.7.7", "AllocationId": "eip-7"},
   "Attachment": {"InstanceId": "i-host", "TrunkNetworkInterfaceId": "eni-trunk1"}}
]}}`;
    const { builder } = loadBodies(adapters, ['member.json', body]);
    expect(builder.cloud.networkInterfaces.map(({ origin, ...eni }) => eni)).toEqual([
      {
        id: 'eni-member1',
        type: 'Member',
        instanceId: 'i-host',
        securityGroupIds: [],
        privateIps: [
          {
            address: '192.168.70.5',
            primary: true,
            associatedPublicIp: '39.105.7.7',
            associatedAllocationId: 'eip-7',
          },
        ],
        ipv6Addresses: [],
        ipv4Prefixes: [],
        trunkNetworkInterfaceId: 'eni-trunk1',
      },
    ]);
  });

  it('reports SecurityGroupIds that is not a wrapper', () => {
    const body = `{"NetworkInterfaceSets": {"NetworkInterfaceSet": [
  {"NetworkInterfaceId": "eni-x", "SecurityGroupIds": ["sg-1"]}
]}}`;
    const { builder, errors } = loadBodies(adapters, ['bad.json', body]);
    expect(errors.map((error) => [error.line, error.path, error.message, error.expected])).toEqual([
      [
        2,
        'NetworkInterfaceSets.NetworkInterfaceSet[0].SecurityGroupIds',
        'SecurityGroupIds is a list; this network interface is skipped',
        'an object {"SecurityGroupId": [ … ]}',
      ],
    ]);
    expect(builder.cloud.networkInterfaces).toEqual([]);
  });
});
