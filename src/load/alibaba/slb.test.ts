import { describe, expect, it } from 'vitest';
import {
  describeAccessControlListAttribute,
  describeLoadBalancerAttribute,
  describeLoadBalancerHttpListenerAttribute,
  describeLoadBalancerHttpsListenerAttribute,
  describeLoadBalancerListenerAttribute,
  describeLoadBalancerListeners,
  describeLoadBalancers,
  describeLoadBalancerTcpListenerAttribute,
  describeLoadBalancerUdpListenerAttribute,
} from './slb.js';
import { loadBodies } from './test-helpers.js';

const adapters = [
  describeLoadBalancers,
  describeLoadBalancerAttribute,
  describeLoadBalancerTcpListenerAttribute,
  describeLoadBalancerUdpListenerAttribute,
  describeLoadBalancerHttpListenerAttribute,
  describeLoadBalancerHttpsListenerAttribute,
  describeLoadBalancerListenerAttribute,
  describeLoadBalancerListeners,
  describeAccessControlListAttribute,
];

const LBS = `{"RequestId": "R", "TotalCount": 2, "PageNumber": 1, "PageSize": 10,
 "LoadBalancers": {"LoadBalancer": [
  {"LoadBalancerId": "lb-2zeingress0000001", "LoadBalancerName": "a1b2c3d4e5f6", "Address": "39.106.1.200",
   "AddressType": "internet", "AddressIPVersion": "ipv4", "NetworkType": "vpc", "VpcId": "vpc-2zemain00000001",
   "VSwitchId": "vsw-2zenode00000001", "LoadBalancerStatus": "active", "LoadBalancerSpec": "slb.s2.small",
   "Tags": {"Tag": [{"TagKey": "kubernetes.do.not.delete", "TagValue": "a1b2c3d4e5f6"},
                    {"TagKey": "ack.aliyun.com", "TagValue": "c9f8"}]}},
  {"LoadBalancerId": "lb-2zeinternal000002", "LoadBalancerName": "", "Address": "192.168.1.200",
   "AddressType": "intranet", "AddressIPVersion": "ipv4", "VpcId": "vpc-2zemain00000001",
   "VSwitchId": "vsw-2zenode00000001", "LoadBalancerStatus": "active", "Tags": {"Tag": []}}]}}`;

const ATTRIBUTE = `{"RequestId": "R", "LoadBalancerId": "lb-2zeingress0000001", "Address": "39.106.1.200",
 "AddressType": "internet", "NetworkType": "vpc", "VpcId": "vpc-2zemain00000001", "VSwitchId": "vsw-2zenode00000001",
 "LoadBalancerStatus": "active",
 "BackendServers": {"BackendServer": [
   {"ServerId": "i-2zeworker00000001", "ServerIp": "192.168.1.15", "Type": "ecs", "Weight": 100, "Description": ""},
   {"ServerId": "eni-2zepod000000001", "ServerIp": "192.168.64.21", "Type": "eni", "Weight": 100}]},
 "ListenerPorts": {"ListenerPort": [53, 80, 443]},
 "ListenerPortsAndProtocol": {"ListenerPortAndProtocol": [
   {"ListenerPort": 53, "ListenerProtocol": "udp", "Description": ""},
   {"ListenerPort": 80, "ListenerProtocol": "tcp", "Description": ""},
   {"ListenerPort": 443, "ListenerProtocol": "https", "Description": ""}]}}`;

/** The §12 example: no field tells the protocol, and it names its load balancer. */
const TCP_LISTENER = `{"RequestId": "R", "LoadBalancerId": "lb-2zeingress0000001", "ListenerPort": 80, "BackendServerPort": 30080,
 "Status": "running", "VServerGroupId": "rsp-2zeabc", "AclStatus": "on", "AclType": "white",
 "AclId": "acl-2zeoffice0000001", "AclIds": {"AclId": ["acl-2zeoffice0000001", "acl-2zevpn000000002"]},
 "Scheduler": "wrr", "HealthCheck": "on"}`;

/** The older UDP shape: no LoadBalancerId, health check request/response fields. */
const UDP_LISTENER = `{"RequestId": "R", "ListenerPort": 53, "BackendServerPort": 30053, "Status": "running",
 "Scheduler": "wrr", "HealthCheck": "on", "HealthCheckReq": "", "HealthCheckExp": "", "AclStatus": "off"}`;

const HTTPS_LISTENER = `{"RequestId": "R", "LoadBalancerId": "lb-2zeingress0000001", "ListenerPort": 443,
 "BackendServerPort": 30443, "Status": "running", "ServerCertificateId": "1231579085529123_abc", "StickySession": "off",
 "AclStatus": "on", "AclType": "black", "AclId": "acl-2zeblock00000003"}`;

const LISTENERS = `{"RequestId": "R", "TotalCount": 1, "MaxResults": 20, "NextToken": "",
 "Listeners": [
  {"LoadBalancerId": "lb-2zeinternal000002", "ListenerPort": 8080, "ListenerProtocol": "tcp", "Status": "running",
   "BackendServerPort": 31080, "AclStatus": "on", "AclType": "white", "AclId": "acl-2zeoffice0000001",
   "AclIds": ["acl-2zeoffice0000001"], "TCPListenerConfig": {"ProxyProtocolV2Enabled": "false"},
   "Tags": [{"TagKey": "k", "TagValue": "v"}]}]}`;

const ACL = `{"RequestId": "R", "AclId": "acl-2zeoffice0000001", "AclName": "office", "AddressIPVersion": "ipv4",
 "TotalAclEntry": 2,
 "AclEntrys": {"AclEntry": [{"AclEntryIP": "203.0.113.0/24", "AclEntryComment": "office"},
                            {"AclEntryIP": "192.168.64.21/32", "AclEntryComment": ""}]},
 "RelatedListeners": {"RelatedListener": [{"LoadBalancerId": "lb-2zeingress0000001", "ListenerPort": 80,
   "Protocol": "tcp", "AclType": "white"}]},
 "Tags": {"Tag": []}}`;

const ALL = [
  ['slb/lbs.json', LBS],
  ['slb/attribute.json', ATTRIBUTE],
  ['slb/DescribeLoadBalancerTCPListenerAttribute.80.json', TCP_LISTENER],
  ['slb/DescribeLoadBalancerUDPListenerAttribute.lb-2zeingress0000001.53.json', UDP_LISTENER],
  ['slb/https-443.json', HTTPS_LISTENER],
  ['slb/listeners.json', LISTENERS],
  ['slb/acl.json', ACL],
] as const;

describe('slb adapters', () => {
  it('recognise each body exactly once', () => {
    const { recognised } = loadBodies(adapters, ...ALL);
    expect(recognised).toEqual([
      ['slb DescribeLoadBalancers'],
      ['slb DescribeLoadBalancerAttribute'],
      ['slb DescribeLoadBalancer(TCP|UDP|HTTP|HTTPS)ListenerAttribute'],
      ['slb DescribeLoadBalancerUDPListenerAttribute'],
      ['slb DescribeLoadBalancerHTTPSListenerAttribute'],
      ['slb DescribeLoadBalancerListeners'],
      ['slb DescribeAccessControlListAttribute'],
    ]);
  });

  it('merge the load balancer, its backends and each listener’s ACL settings', () => {
    const { builder } = loadBodies(adapters, ...ALL);
    expect(builder.problems).toEqual([]);
    const [ingress, internal] = builder.cloud.loadBalancers;
    expect(ingress).toEqual({
      id: 'lb-2zeingress0000001',
      name: 'a1b2c3d4e5f6',
      address: '39.106.1.200',
      addressType: 'internet',
      addressIpVersion: 'ipv4',
      vpcId: 'vpc-2zemain00000001',
      vSwitchId: 'vsw-2zenode00000001',
      status: 'active',
      tags: { 'kubernetes.do.not.delete': 'a1b2c3d4e5f6', 'ack.aliyun.com': 'c9f8' },
      backends: [
        { serverId: 'i-2zeworker00000001', serverIp: '192.168.1.15', type: 'ecs' },
        { serverId: 'eni-2zepod000000001', serverIp: '192.168.64.21', type: 'eni' },
      ],
      listeners: [
        {
          port: 53,
          protocol: 'udp',
          backendPort: 30053,
          aclStatus: 'off',
          aclIds: [],
          origin: {
            file: 'slb/DescribeLoadBalancerUDPListenerAttribute.lb-2zeingress0000001.53.json',
            line: 1,
            column: 1,
            path: '',
          },
        },
        {
          port: 80,
          protocol: 'tcp',
          backendPort: 30080,
          aclStatus: 'on',
          aclType: 'white',
          aclIds: ['acl-2zeoffice0000001', 'acl-2zevpn000000002'],
          origin: {
            file: 'slb/DescribeLoadBalancerTCPListenerAttribute.80.json',
            line: 1,
            column: 1,
            path: '',
          },
        },
        {
          port: 443,
          protocol: 'https',
          backendPort: 30443,
          aclStatus: 'on',
          aclType: 'black',
          aclIds: ['acl-2zeblock00000003'],
          origin: { file: 'slb/https-443.json', line: 1, column: 1, path: '' },
        },
      ],
      origin: { file: 'slb/lbs.json', line: 3, column: 3, path: 'LoadBalancers.LoadBalancer[0]' },
    });
    expect(internal).toEqual({
      id: 'lb-2zeinternal000002',
      address: '192.168.1.200',
      addressType: 'intranet',
      addressIpVersion: 'ipv4',
      vpcId: 'vpc-2zemain00000001',
      vSwitchId: 'vsw-2zenode00000001',
      status: 'active',
      tags: {},
      listeners: [
        {
          port: 8080,
          protocol: 'tcp',
          backendPort: 31080,
          aclStatus: 'on',
          aclType: 'white',
          aclIds: ['acl-2zeoffice0000001'],
          origin: { file: 'slb/listeners.json', line: 3, column: 3, path: 'Listeners[0]' },
        },
      ],
      origin: { file: 'slb/lbs.json', line: 8, column: 3, path: 'LoadBalancers.LoadBalancer[1]' },
    });
  });

  it('leave backends and listeners undefined when only DescribeLoadBalancers is given', () => {
    const { builder } = loadBodies(adapters, ['lbs.json', LBS]);
    expect(builder.cloud.loadBalancers.map((lb) => [lb.backends, lb.listeners])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('build a load balancer from its attribute body alone, listeners with protocols and no ACL data', () => {
    const { builder } = loadBodies(adapters, ['attribute.json', ATTRIBUTE]);
    expect(
      builder.cloud.loadBalancers.map((lb) => [
        lb.address,
        lb.listeners?.map((l) => [l.port, l.protocol, l.aclIds]),
      ]),
    ).toEqual([
      [
        '39.106.1.200',
        [
          [53, 'udp', []],
          [80, 'tcp', []],
          [443, 'https', []],
        ],
      ],
    ]);
  });

  it('read an HTTP listener attribute body and a TCP one that shows its protocol by its fields', () => {
    const http = `{"LoadBalancerId": "lb-2zeinternal000002", "ListenerPort": 8080, "BackendServerPort": 31080,
 "Status": "running", "StickySession": "off", "XForwardedFor": "on", "AclStatus": "on", "AclType": "black",
 "AclIds": {"AclId": ["acl-2zeblock00000003"]}}`;
    const tcp = `{"LoadBalancerId": "lb-2zeinternal000002", "ListenerPort": 6379, "BackendServerPort": 6379,
 "Status": "running", "EstablishedTimeout": 900, "PersistenceTimeout": 0, "HealthCheckType": "tcp", "AclStatus": "off"}`;
    const { builder, recognised } = loadBodies(
      adapters,
      ['lbs.json', LBS],
      ['http.json', http],
      ['tcp.json', tcp],
    );
    expect(recognised).toEqual([
      ['slb DescribeLoadBalancers'],
      ['slb DescribeLoadBalancerHTTPListenerAttribute'],
      ['slb DescribeLoadBalancerTCPListenerAttribute'],
    ]);
    expect(builder.problems).toEqual([]);
    expect(builder.cloud.loadBalancers[1]?.listeners).toEqual([
      {
        port: 6379,
        protocol: 'tcp',
        backendPort: 6379,
        aclStatus: 'off',
        aclIds: [],
        origin: { file: 'tcp.json', line: 1, column: 1, path: '' },
      },
      {
        port: 8080,
        protocol: 'http',
        backendPort: 31080,
        aclStatus: 'on',
        aclType: 'black',
        aclIds: ['acl-2zeblock00000003'],
        origin: { file: 'http.json', line: 1, column: 1, path: '' },
      },
    ]);
  });

  it('read the ACL entries', () => {
    const { builder } = loadBodies(adapters, ['acl.json', ACL]);
    expect(builder.cloud.accessControlLists).toEqual([
      {
        id: 'acl-2zeoffice0000001',
        name: 'office',
        ipVersion: 'ipv4',
        entries: [{ cidr: '203.0.113.0/24', comment: 'office' }, { cidr: '192.168.64.21/32' }],
        origin: { file: 'acl.json', line: 1, column: 1, path: '' },
      },
    ]);
  });

  it('report a listener body that names no load balancer, in the body or the file name', () => {
    const { builder, errors } = loadBodies(adapters, ['listener-53.json', UDP_LISTENER]);
    expect(errors).toEqual([
      {
        severity: 'error',
        file: 'listener-53.json',
        line: 1,
        column: 1,
        message:
          'this DescribeLoadBalancerUDPListenerAttribute response does not name its load balancer, and the file name holds no load balancer id; the whole body is skipped',
        expected: 'LoadBalancerId in the body, or a load balancer id (lb-…) in the file name',
        hint: 'rename the file after its load balancer, e.g. DescribeLoadBalancerUDPListenerAttribute.lb-bp1xxxxxxxxxxxxxx.80.json',
      },
    ]);
    expect(builder.cloud.loadBalancers).toEqual([]);
  });

  it('warn about listeners of a load balancer that is not in the snapshot', () => {
    const { builder, warnings } = loadBodies(adapters, ['tcp.json', TCP_LISTENER]);
    expect(warnings).toEqual([
      {
        severity: 'warning',
        file: 'tcp.json',
        line: 1,
        column: 1,
        message:
          'listener 80 belongs to load balancer lb-2zeingress0000001, which no DescribeLoadBalancers or DescribeLoadBalancerAttribute body lists; its listeners are left out',
        hint: 'add the output of `aliyun slb DescribeLoadBalancerAttribute --LoadBalancerId lb-2zeingress0000001`',
      },
    ]);
    expect(builder.cloud.loadBalancers).toEqual([]);
  });

  it('warn when a listener protocol cannot be learnt', () => {
    const { builder, warnings } = loadBodies(adapters, ['lbs.json', LBS], ['tcp.json', TCP_LISTENER]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'the protocol of listener 80 of load balancer lb-2zeingress0000001 is unknown',
    ]);
    expect(builder.cloud.loadBalancers[0]?.listeners?.map((listener) => listener.protocol)).toEqual([
      'unknown',
    ]);
  });

  it('report bad ACL settings and a bad listener port', () => {
    const bad = `{"LoadBalancerId": "lb-1", "ListenerPort": 80, "BackendServerPort": 80,
 "AclStatus": "enabled", "AclType": "allow", "EstablishedTimeout": 900}`;
    const badPort =
      '{"LoadBalancerId": "lb-1", "ListenerPort": 70000, "BackendServerPort": 80, "SynProxy": "off"}';
    const { errors } = loadBodies(adapters, ['bad.json', bad], ['port.json', badPort]);
    expect(errors.map((error) => [error.file, error.path, error.message, error.expected])).toEqual([
      [
        'bad.json',
        'AclStatus',
        'AclStatus is the string "enabled"; the ACL status is left unknown',
        '"on" or "off"',
      ],
      [
        'bad.json',
        'AclType',
        'AclType is the string "allow"; the ACL type is left unknown',
        '"white" or "black"',
      ],
      [
        'port.json',
        'ListenerPort',
        'ListenerPort is the number 70000; this listener is skipped',
        'a port number from 1 to 65535',
      ],
    ]);
  });

  it('report a Listeners value that is not a list', () => {
    const { errors } = loadBodies(adapters, ['l.json', '{"Listeners": {"Listener": []}}']);
    expect(errors.map((error) => [error.path, error.message, error.expected])).toEqual([
      ['Listeners', 'Listeners is an object; the whole body is skipped', 'a list of listeners'],
    ]);
  });
});
