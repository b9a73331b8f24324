#!/usr/bin/env node
// Writes the raw files of the three small in-cluster load-balancing example clusters (examples/terway-ipvlan-legacy,
// examples/terway-no-in-cluster-lb, examples/terway-in-cluster-lb). They share one network plan and differ only in
// what decides the short-circuit of the cluster's own CLB IPs (alibaba-semantics.md §1.5): the Terway datapath and
// version, and eni-config in_cluster_loadbalance. Writing them from one plan keeps the three consistent; the
// README.md and expectations.yaml of each are written by hand. Run: node scripts/gen-service-examples.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../examples/', import.meta.url));

const VARIANTS = {
  'terway-ipvlan-legacy': {
    clusterId: 'c1f0a7b3e5d2c4a6b8e0f1a3c5d7e9b21',
    name: 'legacy-hz',
    created: '2021-04-19T10:12:44+08:00',
    k8s: '1.20.11-aliyun.1',
    terway: 'v1.1.0',
    virtualType: 'IPVlan',
    inClusterLoadBalance: undefined,
  },
  'terway-no-in-cluster-lb': {
    clusterId: 'c2a4c6e8f0b2d4f6a8c0e2a4c6e8f0b22',
    name: 'upgraded-hz',
    created: '2021-09-02T16:40:05+08:00',
    k8s: '1.30.1-aliyun.1',
    terway: 'v1.9.3',
    virtualType: 'datapathv2',
    inClusterLoadBalance: undefined,
  },
  'terway-in-cluster-lb': {
    clusterId: 'c3b5d7f9a1c3e5a7b9d1f3a5c7e9b1d33',
    name: 'fresh-hz',
    created: '2025-02-17T09:05:31+08:00',
    k8s: '1.31.1-aliyun.1',
    terway: 'v1.9.3',
    virtualType: 'datapathv2',
    inClusterLoadBalance: 'true',
  },
};

const REGION = 'cn-hangzhou';
const VPC = 'vpc-bp1svc0lbq7x2m4n6p8r';
const SG_NODE = 'sg-bp1svcnode0a2c4e6g8i';
const SG_POD = 'sg-bp1svcpod0b3d5f7h9j';
const NODES = {
  j: {
    name: 'cn-hangzhou.10.1.1.11',
    ip: '10.1.1.11',
    instance: 'i-bp1svcnodej0a1b2c3d',
    zone: 'cn-hangzhou-j',
    vsw: 'vsw-bp1svcnodej0a1b2c3',
    eni: 'eni-bp1svcnodej0a1b2c3',
    podVsw: 'vsw-bp1svcpodj0a1b2c3d',
    podEni: 'eni-bp1svcpodj0a1b2c3d',
    podIps: ['10.1.64.10', '10.1.64.11', '10.1.64.12'],
  },
  k: {
    name: 'cn-hangzhou.10.1.2.21',
    ip: '10.1.2.21',
    instance: 'i-bp1svcnodek0e1f2g3h',
    zone: 'cn-hangzhou-k',
    vsw: 'vsw-bp1svcnodek0e1f2g3',
    eni: 'eni-bp1svcnodek0e1f2g3',
    podVsw: 'vsw-bp1svcpodk0e1f2g3h',
    podEni: 'eni-bp1svcpodk0e1f2g3h',
    podIps: ['10.1.128.5', '10.1.128.6'],
  },
};
const PODS = [
  { name: 'web-7d9c8b6f5-jw4x2', node: 'j', ip: '10.1.64.11', app: 'web', port: 8080, rs: 'web-7d9c8b6f5' },
  { name: 'web-7d9c8b6f5-kp8z6', node: 'k', ip: '10.1.128.6', app: 'web', port: 8080, rs: 'web-7d9c8b6f5' },
  { name: 'api-5f6d7c8b9-jq2m4', node: 'j', ip: '10.1.64.12', app: 'api', port: 9000, rs: 'api-5f6d7c8b9' },
];
const LB_API = { id: 'lb-bp1svcapi0l7m8n9p0q', ip: '10.1.1.200', nodePort: 31080 };
const LB_ACL = {
  id: 'lb-bp1svcacl0r1s2t3u4v',
  ip: '10.1.1.201',
  nodePort: 31081,
  acl: 'acl-bp1svcoffice0w5x6y7',
};

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

function kubernetes(v) {
  const docs = [];
  for (const ns of ['shop', 'kube-system']) {
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels: {kubernetes.io/metadata.name: ${ns}}
`);
  }
  for (const n of Object.values(NODES)) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: ${n.name}
  labels: {topology.kubernetes.io/zone: ${n.zone}, kubernetes.io/hostname: ${n.name}}
spec:
  providerID: ${REGION}.${n.instance}
status:
  addresses:
  - {type: InternalIP, address: ${n.ip}}
  - {type: Hostname, address: ${n.name}}
`);
  }
  for (const p of PODS) {
    const n = NODES[p.node];
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${p.name}
  namespace: shop
  labels: {app: ${p.app}, pod-template-hash: ${p.rs.split('-').at(-1)}}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${p.rs}, controller: true, uid: 0d3c${p.rs.length}a1-${p.app}}]
spec:
  nodeName: ${n.name}
  containers:
  - name: ${p.app}
    image: registry.cn-hangzhou.aliyuncs.com/shop/${p.app}:1.4.2
    ports: [{containerPort: ${p.port}, protocol: TCP}]
status:
  phase: Running
  hostIP: ${n.ip}
  podIP: ${p.ip}
  podIPs: [{ip: ${p.ip}}]
`);
  }
  const conf = { cniVersion: '0.4.0', name: 'terway', eniip_virtual_type: v.virtualType, type: 'terway' };
  const eniConf = {
    version: '1',
    max_pool_size: 5,
    min_pool_size: 0,
    vswitches: { 'cn-hangzhou-j': [NODES.j.podVsw], 'cn-hangzhou-k': [NODES.k.podVsw] },
    service_cidr: '192.168.0.0/16',
    security_group: SG_POD,
    ip_stack: 'ipv4',
  };
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: eni-config, namespace: kube-system}
data:
  10-terway.conf: '${JSON.stringify(conf)}'
  eni_conf: '${JSON.stringify(eniConf)}'
  disable_network_policy: "false"
${v.inClusterLoadBalance === undefined ? '' : `  in_cluster_loadbalance: "${v.inClusterLoadBalance}"\n`}`);
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy-worker, namespace: kube-system}
data:
  config.conf: |
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    mode: ipvs
`);
  docs.push(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: terway-eniip, namespace: kube-system}
spec:
  selector: {matchLabels: {app: terway-eniip}}
  template:
    metadata: {labels: {app: terway-eniip}}
    spec:
      hostNetwork: true
      containers:
      - name: terway
        image: registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:${v.terway}
      - name: policy
        image: registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:${v.terway}
`);
  const lbService = (name, lb, policy, extraAnnotations, clusterIp) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
  annotations:
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type: intranet
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id: ${lb.id}
${extraAnnotations}spec:
  type: LoadBalancer
  clusterIP: ${clusterIp}
  clusterIPs: [${clusterIp}]
  externalTrafficPolicy: ${policy}
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 9000, nodePort: ${lb.nodePort}, protocol: TCP}]
status:
  loadBalancer:
    ingress: [{ip: ${lb.ip}}]
`;
  docs.push(lbService('api-lb', LB_API, 'Local', '', '192.168.12.40'));
  docs.push(
    lbService(
      'api-office',
      LB_ACL,
      'Cluster',
      `    service.beta.kubernetes.io/backend-type: eni
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-acl-status: "on"
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-acl-type: white
    service.beta.kubernetes.io/alibaba-cloud-loadbalancer-acl-id: ${LB_ACL.acl}
`,
      '192.168.12.41',
    ),
  );
  for (const [service, suffix] of [
    ['api-lb', 'x7k2p'],
    ['api-office', 'm4q8r'],
  ]) {
    docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${service}-${suffix}
  namespace: shop
  labels: {kubernetes.io/service-name: ${service}, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}
addressType: IPv4
ports: [{name: http, port: 9000, protocol: TCP}]
endpoints:
- addresses: [10.1.64.12]
  conditions: {ready: true, serving: true, terminating: false}
  nodeName: ${NODES.j.name}
  targetRef: {kind: Pod, namespace: shop, name: api-5f6d7c8b9-jq2m4}
`);
  }
  return docs.join('---\n');
}

function eni(id, instance, vsw, zone, type, sg, ips) {
  return {
    NetworkInterfaceId: id,
    Type: type,
    Status: 'InUse',
    InstanceId: instance,
    VpcId: VPC,
    VSwitchId: vsw,
    ZoneId: zone,
    PrivateIpAddress: ips[0],
    SecurityGroupIds: { SecurityGroupId: [sg] },
    PrivateIpSets: { PrivateIpSet: ips.map((ip, i) => ({ PrivateIpAddress: ip, Primary: i === 0 })) },
    Ipv6Sets: { Ipv6Set: [] },
  };
}

function alibaba(v) {
  const files = {};
  files['cs-DescribeClusterDetail.json'] = json({
    cluster_id: v.clusterId,
    name: v.name,
    cluster_type: 'ManagedKubernetes',
    region_id: REGION,
    vpc_id: VPC,
    vswitch_ids: [NODES.j.vsw, NODES.k.vsw],
    security_group_id: SG_NODE,
    container_cidr: '',
    service_cidr: '192.168.0.0/16',
    proxy_mode: 'ipvs',
    ip_stack: 'ipv4',
    cluster_domain: 'cluster.local',
    init_version: v.k8s,
    current_version: v.k8s,
    created: v.created,
    meta_data: JSON.stringify({ Addons: [{ name: 'terway-eniip', version: v.terway }] }),
    tags: [],
  });
  const vswitches = [
    [NODES.j.vsw, 'cn-hangzhou-j', '10.1.1.0/24'],
    [NODES.k.vsw, 'cn-hangzhou-k', '10.1.2.0/24'],
    [NODES.j.podVsw, 'cn-hangzhou-j', '10.1.64.0/19'],
    [NODES.k.podVsw, 'cn-hangzhou-k', '10.1.128.0/19'],
  ];
  files['vpc-DescribeVpcs.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C41',
    TotalCount: 1,
    Vpcs: {
      Vpc: [
        {
          VpcId: VPC,
          VpcName: `${v.name}-vpc`,
          CidrBlock: '10.0.0.0/8',
          RegionId: REGION,
          Ipv6CidrBlock: '',
          RouterTableIds: { RouterTableIds: ['vtb-bp1svcsys0z9y8x7w6'] },
          NatGatewayIds: { NatGatewayIds: [] },
          VSwitchIds: { VSwitchId: vswitches.map((s) => s[0]) },
        },
      ],
    },
  });
  files['vpc-DescribeVSwitches.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C42',
    TotalCount: vswitches.length,
    VSwitches: {
      VSwitch: vswitches.map(([id, zone, cidr]) => ({
        VSwitchId: id,
        VpcId: VPC,
        ZoneId: zone,
        CidrBlock: cidr,
        Ipv6CidrBlock: '',
        RouteTable: { RouteTableId: 'vtb-bp1svcsys0z9y8x7w6', RouteTableType: 'System' },
        NetworkAclId: '',
        Status: 'Available',
      })),
    },
  });
  files['vpc-DescribeRouteTableList.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C43',
    RouterTableList: {
      RouterTableListType: [
        {
          RouteTableId: 'vtb-bp1svcsys0z9y8x7w6',
          RouteTableType: 'System',
          VpcId: VPC,
          VSwitchIds: { VSwitchId: vswitches.map((s) => s[0]) },
        },
      ],
    },
  });
  files['vpc-DescribeRouteEntryList.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C44',
    NextToken: '',
    RouteEntrys: {
      RouteEntry: vswitches.map(([id, , cidr], i) => ({
        RouteEntryId: `rte-bp1svclocal${i}`,
        RouteTableId: 'vtb-bp1svcsys0z9y8x7w6',
        DestinationCidrBlock: cidr,
        Type: 'System',
        Status: 'Available',
        Description: `local route of ${id}`,
        NextHops: { NextHop: [{ NextHopType: 'local', NextHopId: '', Enabled: 1 }] },
      })),
    },
  });
  const instance = (n) => ({
    InstanceId: n.instance,
    InstanceName: `worker-k8s-for-${v.name}`,
    Status: 'Running',
    RegionId: REGION,
    ZoneId: n.zone,
    InstanceNetworkType: 'vpc',
    SecurityGroupIds: { SecurityGroupId: [SG_NODE] },
    VpcAttributes: { VpcId: VPC, VSwitchId: n.vsw, PrivateIpAddress: { IpAddress: [n.ip] } },
    EipAddress: { AllocationId: '', IpAddress: '' },
    PublicIpAddress: { IpAddress: [] },
    NetworkInterfaces: {
      NetworkInterface: [{ NetworkInterfaceId: n.eni }, { NetworkInterfaceId: n.podEni }],
    },
  });
  files['ecs-DescribeInstances.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C45',
    Instances: { Instance: [instance(NODES.j), instance(NODES.k)] },
  });
  files['ecs-DescribeNetworkInterfaces.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C46',
    NetworkInterfaceSets: {
      NetworkInterfaceSet: Object.values(NODES).flatMap((n) => [
        eni(n.eni, n.instance, n.vsw, n.zone, 'Primary', SG_NODE, [n.ip]),
        eni(n.podEni, n.instance, n.podVsw, n.zone, 'Secondary', SG_POD, n.podIps),
      ]),
    },
  });
  files['ecs-DescribeSecurityGroups.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C47',
    SecurityGroups: {
      SecurityGroup: [
        { SecurityGroupId: SG_NODE, SecurityGroupName: 'k8s-nodes', SecurityGroupType: 'normal', VpcId: VPC },
        {
          SecurityGroupId: SG_POD,
          SecurityGroupName: 'terway-pods',
          SecurityGroupType: 'normal',
          VpcId: VPC,
        },
      ],
    },
  });
  const rule = (id, direction, cidr) => ({
    SecurityGroupRuleId: id,
    Direction: direction,
    Policy: 'Accept',
    Priority: '100',
    IpProtocol: 'ALL',
    PortRange: '-1/-1',
    SourceCidrIp: direction === 'ingress' ? cidr : '',
    DestCidrIp: direction === 'egress' ? cidr : '',
    NicType: 'intranet',
    Description: direction === 'ingress' ? 'from the VPC' : 'to anywhere',
  });
  for (const [sg, prefix] of [
    [SG_NODE, 'node'],
    [SG_POD, 'pod'],
  ]) {
    files[`ecs-DescribeSecurityGroupAttribute.${sg}.json`] = json({
      RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C48',
      RegionId: REGION,
      SecurityGroupId: sg,
      VpcId: VPC,
      InnerAccessPolicy: 'Accept',
      Permissions: {
        Permission: [
          rule(`sgr-bp1svc${prefix}in00`, 'ingress', '10.0.0.0/8'),
          rule(`sgr-bp1svc${prefix}out0`, 'egress', '0.0.0.0/0'),
        ],
      },
    });
  }
  const loadBalancer = (lb, name) => ({
    LoadBalancerId: lb.id,
    LoadBalancerName: name,
    Address: lb.ip,
    AddressType: 'intranet',
    AddressIPVersion: 'ipv4',
    NetworkType: 'vpc',
    VpcId: VPC,
    VSwitchId: NODES.j.vsw,
    LoadBalancerStatus: 'active',
    LoadBalancerSpec: 'slb.s1.small',
    RegionId: REGION,
    Tags: {
      Tag: [
        { TagKey: 'kubernetes.do.not.delete', TagValue: name },
        { TagKey: 'ack.aliyun.com', TagValue: v.clusterId },
      ],
    },
  });
  files['slb-DescribeLoadBalancers.json'] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C49',
    TotalCount: 2,
    PageNumber: 1,
    PageSize: 10,
    LoadBalancers: {
      LoadBalancer: [loadBalancer(LB_API, 'a3f1shopapilb'), loadBalancer(LB_ACL, 'a3f1shopapioffice')],
    },
  });
  // externalTrafficPolicy Local: the CCM adds only the nodes with a local endpoint (node j) as ECS backends.
  files[`slb-DescribeLoadBalancerAttribute.${LB_API.id}.json`] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C50',
    ...loadBalancer(LB_API, 'a3f1shopapilb'),
    BackendServers: {
      BackendServer: [{ ServerId: NODES.j.instance, Type: 'ecs', Weight: 100, Description: '' }],
    },
    ListenerPorts: { ListenerPort: [80] },
    ListenerPortsAndProtocol: { ListenerPortAndProtocol: [{ ListenerPort: 80, ListenerProtocol: 'tcp' }] },
  });
  files[`slb-DescribeLoadBalancerTCPListenerAttribute.${LB_API.id}.json`] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C51',
    LoadBalancerId: LB_API.id,
    ListenerPort: 80,
    BackendServerPort: LB_API.nodePort,
    Status: 'running',
    EstablishedTimeout: 900,
    AclStatus: 'off',
    Scheduler: 'wrr',
    HealthCheck: 'on',
  });
  // backend-type: eni: the CCM adds the pod ENI (and pod IP) of each endpoint as a backend, on the target port.
  files[`slb-DescribeLoadBalancerAttribute.${LB_ACL.id}.json`] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C52',
    ...loadBalancer(LB_ACL, 'a3f1shopapioffice'),
    BackendServers: {
      BackendServer: [
        { ServerId: NODES.j.podEni, ServerIp: '10.1.64.12', Type: 'eni', Weight: 100, Description: '' },
      ],
    },
    ListenerPorts: { ListenerPort: [80] },
    ListenerPortsAndProtocol: { ListenerPortAndProtocol: [{ ListenerPort: 80, ListenerProtocol: 'tcp' }] },
  });
  files[`slb-DescribeLoadBalancerTCPListenerAttribute.${LB_ACL.id}.json`] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C53',
    LoadBalancerId: LB_ACL.id,
    ListenerPort: 80,
    BackendServerPort: 9000,
    Status: 'running',
    EstablishedTimeout: 900,
    AclStatus: 'on',
    AclType: 'white',
    AclId: LB_ACL.acl,
    AclIds: { AclId: [LB_ACL.acl] },
    Scheduler: 'wrr',
    HealthCheck: 'on',
  });
  files[`slb-DescribeAccessControlListAttribute.${LB_ACL.acl}.json`] = json({
    RequestId: '5E1A7C4B-0D3F-4A6B-9C2E-1F8D7A6B5C54',
    AclId: LB_ACL.acl,
    AclName: 'office-and-zone-j',
    AddressIPVersion: 'ipv4',
    TotalAclEntry: 2,
    AclEntrys: {
      AclEntry: [
        { AclEntryIP: '192.168.1.0/24', AclEntryComment: 'office' },
        { AclEntryIP: '10.1.64.0/19', AclEntryComment: 'pods in zone j' },
      ],
    },
    RelatedListeners: {
      RelatedListener: [{ LoadBalancerId: LB_ACL.id, ListenerPort: 80, Protocol: 'tcp', AclType: 'white' }],
    },
    Tags: { Tag: [] },
  });
  return files;
}

const WORLD = `# Facts no Alibaba or Kubernetes API holds (format: docs/snapshot.md). This cluster asks none.
apiVersion: podreach/v1
kind: World
dns: {}
allowLists: []
`;

for (const [dir, variant] of Object.entries(VARIANTS)) {
  const base = join(root, dir);
  mkdirSync(join(base, 'kubernetes'), { recursive: true });
  mkdirSync(join(base, 'alibaba'), { recursive: true });
  writeFileSync(join(base, 'kubernetes', 'objects.yaml'), kubernetes(variant));
  for (const [name, content] of Object.entries(alibaba(variant)))
    writeFileSync(join(base, 'alibaba', name), content);
  writeFileSync(join(base, 'world.yaml'), WORLD);
}
process.stdout.write(`wrote ${Object.keys(VARIANTS).join(', ')}\n`);
