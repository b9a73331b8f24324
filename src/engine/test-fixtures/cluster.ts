/**
 * A small ACK cluster written as RAW `kubectl -o yaml` and `aliyun` JSON text, for engine tests. Every test
 * starts from the same topology and changes only what its rule is about, so the expected answers stay readable:
 *
 * VPC vpc-t 10.0.0.0/8 (IPv6 2408:4005:3a0:b800::/56), region cn-hangzhou, System route table vtb-sys with
 * 0.0.0.0/0 → ngw-1 (and ::/0 → ipv6gw-1 when dual-stack).
 *   vsw-node-a 10.0.1.0/24 (zone j) — node-a cn-hangzhou.10.0.1.11, ECS i-a, primary ENI eni-a0 (sg-node)
 *   vsw-node-b 10.0.2.0/24 (zone k) — node-b cn-hangzhou.10.0.2.21, ECS i-b, primary ENI eni-b0 (sg-node)
 *   vsw-pod-a 10.0.64.0/19 (zone j) — Terway ENI eni-a1 on i-a (sg-pod): web-a 10.0.64.11, api-a 10.0.64.12
 *   vsw-pod-b 10.0.128.0/19 (zone k) — Terway ENI eni-b1 on i-b (sg-pod): web-b 10.0.128.6, api-b 10.0.128.7
 *   vsw-db 10.0.8.0/24 — RDS rm-orders 10.0.8.20:3306, legacy ECS i-legacy 10.0.8.30 (enterprise sg-legacy)
 * Flannel: pod CIDR 172.20.0.0/16, node-a 172.20.0.0/24 (web-a .11, api-a .12), node-b 172.20.1.0/24 (web-b .6,
 * api-b .7), routes 172.20.x.0/24 → Instance i-a / i-b; pods leave by the node's primary ENI.
 * NAT ngw-1 (stb-1) SNAT: vsw-pod-a → 47.98.1.10, vsw-node-a → 47.98.1.11 (vsw-pod-b and vsw-node-b uncovered).
 * Kubernetes: shop/web (Deployment, pods web-a on node-a and web-b on node-b, port 8080), shop/api-a and
 * shop/api-b (app=api, port 9000), Service shop/api ClusterIP 192.168.10.10:80 → 9000, Service shop/api-lb
 * LoadBalancer 47.96.1.20:80 (CLB lb-pub, TCP listener 80, backend ECS i-a), monitoring/exporter-a (hostNetwork
 * on node-a). world.yaml: api.example.com A 140.82.112.5, v6.example.com AAAA 2606:4700::10, gone.example.com
 * NXDOMAIN, partner.example.com A 203.0.113.10 with allow-list partner (47.98.1.10/32 on 443).
 */
import { loadSnapshotFromFiles } from '../../load/index.js';
import type { Snapshot } from '../../model/index.js';

export const WEB_A = 'web-6b7c8d9f5-aaaaa';
export const WEB_B = 'web-6b7c8d9f5-bbbbb';

export interface SgRule {
  readonly id: string;
  readonly direction: 'ingress' | 'egress';
  readonly policy: 'Accept' | 'Drop';
  readonly priority: number;
  readonly protocol: string;
  readonly ports: string;
  readonly cidr?: string;
  readonly ipv6Cidr?: string;
  readonly group?: string;
}

export interface SnatSpec {
  readonly id: string;
  readonly vSwitch?: string;
  readonly cidr?: string;
  readonly ips: string;
  readonly status?: string;
}

export interface EipSpec {
  readonly id: string;
  readonly ip: string;
  readonly status: string;
  readonly instanceId: string;
  readonly instanceType: string;
  readonly privateIp?: string;
}

export interface FixtureOptions {
  readonly cni?: 'terway' | 'flannel';
  readonly terwayVersion?: string;
  /** eniip_virtual_type; null: key absent (veth). */
  readonly datapath?: 'datapathv2' | 'IPVlan' | null;
  /** eni-config in_cluster_loadbalance; null: key absent. */
  readonly inClusterLoadBalance?: string | null;
  readonly ipStack?: 'ipv4' | 'dual';
  readonly disableNetworkPolicy?: boolean;
  readonly proxyMode?: 'ipvs' | 'iptables';
  readonly snat?: readonly SnatSpec[];
  readonly eips?: readonly EipSpec[];
  /** PodEIP CR for shop/web-a. */
  readonly podEip?: { readonly ip: string; readonly status: string };
  /** Extra rules per group; sg-node and sg-pod start with Accept ALL egress at priority 100. */
  readonly sgRules?: Readonly<Record<string, readonly SgRule[]>>;
  readonly sgType?: Readonly<Record<string, 'normal' | 'enterprise'>>;
  /** Raw Kubernetes YAML documents added as they are (NetworkPolicies, PodNetworkings...). */
  readonly objects?: readonly string[];
  /** Nodes hosting the ready endpoints of shop/api and shop/api-lb (default both). */
  readonly apiEndpoints?: readonly ('a' | 'b')[];
  readonly apiEndpointsReady?: boolean;
  readonly noEndpointSlices?: boolean;
  /** Backend ECS of CLB lb-pub (default i-a). */
  readonly slbBackend?: string;
  /** RDS whitelist groups; null: the DescribeDBInstanceIPArrayList file is absent. */
  readonly rdsWhitelist?: readonly { readonly name: string; readonly ips: string }[] | null;
  /** Extra annotations per pod name (namespace shop). */
  readonly podAnnotations?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** IPv6 Internet bandwidth on web-a's IPv6 address. */
  readonly ipv6Bandwidth?: boolean;
  /** ip-masq-agent ConfigMap `config` text. */
  readonly ipMasqAgent?: string;
  readonly nodeAEip?: string;
  /** Extra labels of node-a. */
  readonly nodeALabels?: Readonly<Record<string, string>>;
  readonly apiLbTrafficPolicy?: 'Cluster' | 'Local';
  readonly apiLbIpMode?: 'VIP' | 'Proxy';
  readonly slbAcl?: { readonly type: 'white' | 'black'; readonly entries: readonly string[] };
  /** Extra route entries of vtb-sys. */
  readonly routes?: readonly {
    readonly id: string;
    readonly cidr: string;
    readonly type: string;
    readonly hop: string;
  }[];
  readonly noDefaultRoute?: boolean;
  /** A network ACL nacl-1 bound to one vSwitch; entries as `policy protocol port cidr`. */
  readonly networkAcl?: {
    readonly vSwitch: string;
    readonly ingress: readonly string[];
    readonly egress: readonly string[];
  };
  /** Files to leave out (by name), to exercise missing data. */
  readonly omit?: readonly string[];
  readonly world?: string;
}

const REGION = 'cn-hangzhou';
const VPC = 'vpc-t';

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function permission(sgId: string, r: SgRule) {
  return {
    SecurityGroupRuleId: r.id,
    Direction: r.direction,
    Policy: r.policy,
    Priority: String(r.priority),
    IpProtocol: r.protocol,
    PortRange: r.ports,
    SourceCidrIp: r.direction === 'ingress' ? (r.cidr ?? '') : '',
    DestCidrIp: r.direction === 'egress' ? (r.cidr ?? '') : '',
    Ipv6SourceCidrIp: r.direction === 'ingress' ? (r.ipv6Cidr ?? '') : '',
    Ipv6DestCidrIp: r.direction === 'egress' ? (r.ipv6Cidr ?? '') : '',
    SourceGroupId: r.direction === 'ingress' ? (r.group ?? '') : '',
    DestGroupId: r.direction === 'egress' ? (r.group ?? '') : '',
    NicType: 'intranet',
    Description: `${sgId} ${r.id}`,
  };
}

const BASE_RULES: Record<string, SgRule[]> = {
  'sg-node': [
    {
      id: 'sgr-node-out',
      direction: 'egress',
      policy: 'Accept',
      priority: 100,
      protocol: 'ALL',
      ports: '-1/-1',
      cidr: '0.0.0.0/0',
      ipv6Cidr: '::/0',
    },
    {
      id: 'sgr-node-in',
      direction: 'ingress',
      policy: 'Accept',
      priority: 100,
      protocol: 'ALL',
      ports: '-1/-1',
      cidr: '10.0.0.0/8',
    },
  ],
  'sg-pod': [
    {
      id: 'sgr-pod-out',
      direction: 'egress',
      policy: 'Accept',
      priority: 100,
      protocol: 'ALL',
      ports: '-1/-1',
      cidr: '0.0.0.0/0',
    },
    {
      id: 'sgr-pod-out6',
      direction: 'egress',
      policy: 'Accept',
      priority: 100,
      protocol: 'ALL',
      ports: '-1/-1',
      ipv6Cidr: '::/0',
    },
    {
      id: 'sgr-pod-in',
      direction: 'ingress',
      policy: 'Accept',
      priority: 100,
      protocol: 'ALL',
      ports: '-1/-1',
      cidr: '10.0.0.0/8',
    },
  ],
  'sg-legacy': [
    {
      id: 'sgr-legacy-8080',
      direction: 'ingress',
      policy: 'Accept',
      priority: 1,
      protocol: 'TCP',
      ports: '8080/8080',
      cidr: '10.0.64.0/19',
    },
  ],
};

interface PodSpec {
  readonly ns: string;
  readonly name: string;
  readonly node: 'a' | 'b';
  readonly labels: Record<string, string>;
  readonly ipv4: string;
  readonly ipv6?: string;
  readonly port?: number;
  readonly rs?: string;
  readonly hostNetwork?: boolean;
}

function pods(flannel: boolean, dual: boolean): PodSpec[] {
  const ip = (terway: string, fl: string) => (flannel ? fl : terway);
  return [
    {
      ns: 'shop',
      name: WEB_A,
      node: 'a',
      labels: { app: 'web', 'pod-template-hash': '6b7c8d9f5' },
      ipv4: ip('10.0.64.11', '172.20.0.11'),
      ...(dual && !flannel ? { ipv6: '2408:4005:3a0:b810::11' } : {}),
      port: 8080,
      rs: 'web-6b7c8d9f5',
    },
    {
      ns: 'shop',
      name: WEB_B,
      node: 'b',
      labels: { app: 'web', 'pod-template-hash': '6b7c8d9f5' },
      ipv4: ip('10.0.128.6', '172.20.1.6'),
      ...(dual && !flannel ? { ipv6: '2408:4005:3a0:b820::6' } : {}),
      port: 8080,
      rs: 'web-6b7c8d9f5',
    },
    {
      ns: 'shop',
      name: 'api-a',
      node: 'a',
      labels: { app: 'api' },
      ipv4: ip('10.0.64.12', '172.20.0.12'),
      port: 9000,
    },
    {
      ns: 'shop',
      name: 'api-b',
      node: 'b',
      labels: { app: 'api' },
      ipv4: ip('10.0.128.7', '172.20.1.7'),
      port: 9000,
    },
    {
      ns: 'monitoring',
      name: 'exporter-a',
      node: 'a',
      labels: { app: 'exporter' },
      ipv4: '10.0.1.11',
      hostNetwork: true,
      port: 9100,
    },
  ];
}

const NODES = {
  a: {
    name: 'cn-hangzhou.10.0.1.11',
    ip: '10.0.1.11',
    instance: 'i-a',
    zone: 'cn-hangzhou-j',
    podCidr: '172.20.0.0/24',
    vsw: 'vsw-node-a',
    eni: 'eni-a0',
    podEni: 'eni-a1',
    podVsw: 'vsw-pod-a',
  },
  b: {
    name: 'cn-hangzhou.10.0.2.21',
    ip: '10.0.2.21',
    instance: 'i-b',
    zone: 'cn-hangzhou-k',
    podCidr: '172.20.1.0/24',
    vsw: 'vsw-node-b',
    eni: 'eni-b0',
    podEni: 'eni-b1',
    podVsw: 'vsw-pod-b',
  },
} as const;

function podYaml(p: PodSpec, annotations: Record<string, string>): string {
  const ips = [p.ipv4, ...(p.ipv6 === undefined ? [] : [p.ipv6])];
  const node = NODES[p.node];
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${p.name}
  namespace: ${p.ns}
  labels: ${JSON.stringify(p.labels)}
  annotations: ${JSON.stringify(annotations)}
${p.rs === undefined ? '' : `  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${p.rs}, controller: true, uid: u-${p.rs}}]\n`}spec:
  nodeName: ${node.name}
  hostNetwork: ${p.hostNetwork === true}
  containers:
  - name: app
    image: registry.example/app:1
    ports: [{containerPort: ${p.port ?? 80}, protocol: TCP}]
status:
  phase: Running
  hostIP: ${node.ip}
  podIP: ${p.ipv4}
  podIPs: ${JSON.stringify(ips.map((ip) => ({ ip })))}
`;
}

function kubernetesFiles(o: FixtureOptions): string {
  const flannel = o.cni === 'flannel';
  const dual = o.ipStack === 'dual';
  const docs: string[] = [];
  for (const ns of ['shop', 'monitoring', 'kube-system']) {
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {kubernetes.io/metadata.name: ${ns}}\n`,
    );
  }
  for (const key of ['a', 'b'] as const) {
    const n = NODES[key];
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: ${n.name}
  labels: ${JSON.stringify({ 'topology.kubernetes.io/zone': n.zone, ...(key === 'a' ? (o.nodeALabels ?? {}) : {}) })}
spec:
  providerID: ${REGION}.${n.instance}
${flannel ? `  podCIDR: ${n.podCidr}\n  podCIDRs: [${n.podCidr}]\n` : ''}status:
  addresses:
  - {type: InternalIP, address: ${n.ip}}
`);
  }
  for (const p of pods(flannel, dual)) docs.push(podYaml(p, o.podAnnotations?.[p.name] ?? {}));
  if (flannel) {
    docs.push(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-flannel-ds, namespace: kube-system}
spec:
  selector: {matchLabels: {app: flannel}}
  template:
    metadata: {labels: {app: flannel}}
    spec:
      containers:
      - name: kube-flannel
        image: registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/flannel:v0.15.1.22
        command: [/opt/bin/flanneld]
        args: [--ip-masq, --kube-subnet-mgr]
`);
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-system}
data:
  net-conf.json: |
    {"Network": "172.20.0.0/16", "Backend": {"Type": "ali-vpc"}}
`);
  } else {
    const terwayConf: Record<string, unknown> = { cniVersion: '0.4.0', name: 'terway', type: 'terway' };
    const datapath = o.datapath === undefined ? 'datapathv2' : o.datapath;
    if (datapath !== null) terwayConf.eniip_virtual_type = datapath;
    const eniConf = {
      version: '1',
      vswitches: { 'cn-hangzhou-j': ['vsw-pod-a'], 'cn-hangzhou-k': ['vsw-pod-b'] },
      security_groups: ['sg-pod'],
      service_cidr: '192.168.0.0/16',
      ip_stack: dual ? 'dual' : 'ipv4',
    };
    const icl = o.inClusterLoadBalance === undefined ? 'true' : o.inClusterLoadBalance;
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: eni-config, namespace: kube-system}
data:
  10-terway.conf: '${JSON.stringify(terwayConf)}'
  eni_conf: '${JSON.stringify(eniConf)}'
  disable_network_policy: "${o.disableNetworkPolicy === true}"
${icl === null ? '' : `  in_cluster_loadbalance: "${icl}"\n`}`);
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
        image: registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:${o.terwayVersion ?? 'v1.9.3'}
      - name: policy
        image: registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:${o.terwayVersion ?? 'v1.9.3'}
`);
  }
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy-worker, namespace: kube-system}
data:
  config.conf: |
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    kind: KubeProxyConfiguration
    mode: ${o.proxyMode ?? 'ipvs'}
`);
  if (o.ipMasqAgent !== undefined) {
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: ip-masq-agent, namespace: kube-system}
data:
  config: |
${o.ipMasqAgent
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`);
  }
  const apiIps = flannel ? ['172.20.0.12', '172.20.1.7'] : ['10.0.64.12', '10.0.128.7'];
  docs.push(`apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 192.168.10.10
  clusterIPs: [192.168.10.10]
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 9000, protocol: TCP}]
`);
  docs.push(`apiVersion: v1
kind: Service
metadata:
  name: api-lb
  namespace: shop
  annotations: {service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id: lb-pub}
spec:
  type: LoadBalancer
  clusterIP: 192.168.10.20
  clusterIPs: [192.168.10.20]
  externalTrafficPolicy: ${o.apiLbTrafficPolicy ?? 'Cluster'}
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 9000, nodePort: 31080, protocol: TCP}]
status:
  loadBalancer:
    ingress: [{ip: 47.96.1.20${o.apiLbIpMode === undefined ? '' : `, ipMode: ${o.apiLbIpMode}`}}]
`);
  const endpointNodes = o.apiEndpoints ?? ['a', 'b'];
  const endpoints = endpointNodes
    .map((key) => {
      const index = key === 'a' ? 0 : 1;
      return `- addresses: [${apiIps[index]}]
  conditions: {ready: ${o.apiEndpointsReady ?? true}}
  nodeName: ${NODES[key].name}
  targetRef: {kind: Pod, namespace: shop, name: api-${key}}
`;
    })
    .join('');
  for (const svc of o.noEndpointSlices === true ? [] : ['api', 'api-lb']) {
    docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${svc}-x1
  namespace: shop
  labels: {kubernetes.io/service-name: ${svc}}
addressType: IPv4
ports: [{name: http, port: 9000, protocol: TCP}]
endpoints:${endpoints === '' ? ' []\n' : `\n${endpoints}`}`);
  }
  if (o.podEip !== undefined) {
    docs.push(`apiVersion: alibabacloud.com/v1beta1
kind: PodEIP
metadata: {name: ${WEB_A}, namespace: shop}
spec:
  allocationID: eip-pod
  allocationType: {type: Auto, releaseStrategy: Follow}
status:
  eipAddress: ${o.podEip.ip}
  networkInterfaceID: eni-a1
  privateIPAddress: 10.0.64.11
  status: ${o.podEip.status}
`);
  }
  docs.push(...(o.objects ?? []));
  return docs.join('---\n');
}

function eni(
  id: string,
  instance: string,
  vsw: string,
  type: string,
  sg: string,
  ips: readonly string[],
  v6: readonly string[],
  publicIps: Record<string, string> = {},
) {
  return {
    NetworkInterfaceId: id,
    Type: type,
    Status: 'InUse',
    InstanceId: instance,
    VpcId: VPC,
    VSwitchId: vsw,
    ZoneId: instance === 'i-b' ? 'cn-hangzhou-k' : 'cn-hangzhou-j',
    PrivateIpAddress: ips[0],
    SecurityGroupIds: { SecurityGroupId: [sg] },
    PrivateIpSets: {
      PrivateIpSet: ips.map((ip, i) => ({
        PrivateIpAddress: ip,
        Primary: i === 0,
        AssociatedPublicIp: {
          PublicIpAddress: publicIps[ip] ?? '',
          AllocationId: publicIps[ip] === undefined ? '' : 'eip-assoc',
        },
      })),
    },
    Ipv6Sets: { Ipv6Set: v6.map((a) => ({ Ipv6Address: a })) },
  };
}

function alibabaFiles(o: FixtureOptions): Record<string, string> {
  const flannel = o.cni === 'flannel';
  const dual = o.ipStack === 'dual';
  const files: Record<string, string> = {};
  files['cs-DescribeClusterDetail.json'] = json({
    cluster_id: 'c-test',
    name: 'test',
    cluster_type: 'ManagedKubernetes',
    region_id: REGION,
    vpc_id: VPC,
    vswitch_ids: ['vsw-node-a', 'vsw-node-b'],
    security_group_id: 'sg-node',
    container_cidr: flannel ? '172.20.0.0/16' : '',
    service_cidr: '192.168.0.0/16',
    proxy_mode: o.proxyMode ?? 'ipvs',
    ip_stack: dual ? 'dual' : 'ipv4',
    cluster_domain: 'cluster.local',
    init_version: '1.31.1-aliyun.1',
    current_version: '1.31.1-aliyun.1',
    created: '2025-03-11T14:42:17+08:00',
    meta_data: JSON.stringify({
      Addons: [
        {
          name: flannel ? 'flannel' : 'terway-eniip',
          version: flannel ? 'v0.15.1.22' : (o.terwayVersion ?? 'v1.9.3'),
        },
      ],
    }),
    tags: [],
  });
  files['vpc-DescribeVpcs.json'] = json({
    RequestId: 'r',
    TotalCount: 1,
    Vpcs: {
      Vpc: [
        {
          VpcId: VPC,
          CidrBlock: '10.0.0.0/8',
          RegionId: REGION,
          Ipv6CidrBlock: dual ? '2408:4005:3a0:b800::/56' : '',
          Ipv6CidrBlocks: { Ipv6CidrBlock: dual ? [{ Ipv6CidrBlock: '2408:4005:3a0:b800::/56' }] : [] },
          RouterTableIds: { RouterTableIds: ['vtb-sys'] },
          NatGatewayIds: { NatGatewayIds: ['ngw-1'] },
          VSwitchIds: { VSwitchId: ['vsw-node-a', 'vsw-node-b', 'vsw-pod-a', 'vsw-pod-b', 'vsw-db'] },
        },
      ],
    },
  });
  const vsw = (id: string, zone: string, cidr: string, v6?: string) => ({
    VSwitchId: id,
    VpcId: VPC,
    ZoneId: zone,
    CidrBlock: cidr,
    Ipv6CidrBlock: dual && v6 !== undefined ? v6 : '',
    RouteTable: { RouteTableId: 'vtb-sys', RouteTableType: 'System' },
    NetworkAclId: o.networkAcl?.vSwitch === id ? 'nacl-1' : '',
    Status: 'Available',
  });
  files['vpc-DescribeVSwitches.json'] = json({
    RequestId: 'r',
    TotalCount: 5,
    VSwitches: {
      VSwitch: [
        vsw('vsw-node-a', 'cn-hangzhou-j', '10.0.1.0/24', '2408:4005:3a0:b801::/64'),
        vsw('vsw-node-b', 'cn-hangzhou-k', '10.0.2.0/24', '2408:4005:3a0:b802::/64'),
        vsw('vsw-pod-a', 'cn-hangzhou-j', '10.0.64.0/19', '2408:4005:3a0:b810::/64'),
        vsw('vsw-pod-b', 'cn-hangzhou-k', '10.0.128.0/19', '2408:4005:3a0:b820::/64'),
        vsw('vsw-db', 'cn-hangzhou-j', '10.0.8.0/24'),
      ],
    },
  });
  if (o.networkAcl !== undefined) {
    const entry = (text: string, i: number, direction: 'in' | 'out') => {
      const [policy = 'accept', protocol = 'all', port = '-1/-1', cidr = '0.0.0.0/0'] = text.split(' ');
      return {
        NetworkAclEntryId: `nae-${direction}-${i + 1}`,
        Policy: policy,
        Protocol: protocol,
        Port: port,
        ...(direction === 'in' ? { SourceCidrIp: cidr } : { DestinationCidrIp: cidr }),
        IpVersion: cidr.includes(':') ? 'IPv6' : 'IPv4',
        EntryType: 'custom',
      };
    };
    files['vpc-DescribeNetworkAcls.json'] = json({
      RequestId: 'r',
      TotalCount: '1',
      NetworkAcls: {
        NetworkAcl: [
          {
            NetworkAclId: 'nacl-1',
            VpcId: VPC,
            Status: 'Available',
            IngressAclEntries: { IngressAclEntry: o.networkAcl.ingress.map((e, i) => entry(e, i, 'in')) },
            EgressAclEntries: { EgressAclEntry: o.networkAcl.egress.map((e, i) => entry(e, i, 'out')) },
            Resources: {
              Resource: [{ ResourceId: o.networkAcl.vSwitch, ResourceType: 'VSwitch', Status: 'BINDED' }],
            },
          },
        ],
      },
    });
  }
  files['vpc-DescribeRouteTableList.json'] = json({
    RequestId: 'r',
    RouterTableList: {
      RouterTableListType: [
        {
          RouteTableId: 'vtb-sys',
          RouteTableType: 'System',
          VpcId: VPC,
          VSwitchIds: { VSwitchId: ['vsw-node-a', 'vsw-node-b', 'vsw-pod-a', 'vsw-pod-b', 'vsw-db'] },
        },
      ],
    },
  });
  const route = (id: string, cidr: string, type: string, hop: string) => ({
    RouteEntryId: id,
    RouteTableId: 'vtb-sys',
    DestinationCidrBlock: cidr,
    Type: type === 'local' ? 'System' : 'Custom',
    Status: 'Available',
    NextHops: { NextHop: [{ NextHopType: type, NextHopId: hop, Enabled: 1 }] },
  });
  const routes = [
    route('rte-db', '10.0.8.0/24', 'local', ''),
    route('rte-node-a', '10.0.1.0/24', 'local', ''),
    route('rte-node-b', '10.0.2.0/24', 'local', ''),
    ...(flannel
      ? [
          route('rte-flannel-a', '172.20.0.0/24', 'Instance', 'i-a'),
          route('rte-flannel-b', '172.20.1.0/24', 'Instance', 'i-b'),
        ]
      : [route('rte-pod-a', '10.0.64.0/19', 'local', ''), route('rte-pod-b', '10.0.128.0/19', 'local', '')]),
    ...(o.noDefaultRoute === true ? [] : [route('rte-default', '0.0.0.0/0', 'NatGateway', 'ngw-1')]),
    ...(dual ? [route('rte-v6-default', '::/0', 'IPv6Gateway', 'ipv6gw-1')] : []),
    ...(o.routes ?? []).map((r) => route(r.id, r.cidr, r.type, r.hop)),
  ];
  files['vpc-DescribeRouteEntryList.json'] = json({
    RequestId: 'r',
    NextToken: '',
    RouteEntrys: { RouteEntry: routes },
  });
  files['vpc-DescribeNatGateways.json'] = json({
    RequestId: 'r',
    NatGateways: {
      NatGateway: [
        {
          NatGatewayId: 'ngw-1',
          VpcId: VPC,
          NatType: 'Enhanced',
          NetworkType: 'internet',
          Status: 'Available',
          SnatTableIds: { SnatTableId: ['stb-1'] },
          ForwardTableIds: { ForwardTableId: [] },
          IpLists: {
            IpList: [
              { AllocationId: 'eip-nat-1', IpAddress: '47.98.1.10' },
              { AllocationId: 'eip-nat-2', IpAddress: '47.98.1.11' },
            ],
          },
        },
      ],
    },
  });
  const snat = o.snat ?? [
    { id: 'snat-pod-a', vSwitch: 'vsw-pod-a', cidr: '10.0.64.0/19', ips: '47.98.1.10' },
    { id: 'snat-node-a', vSwitch: 'vsw-node-a', cidr: '10.0.1.0/24', ips: '47.98.1.11' },
  ];
  files['vpc-DescribeSnatTableEntries.json'] = json({
    RequestId: 'r',
    SnatTableEntries: {
      SnatTableEntry: snat.map((s) => ({
        SnatEntryId: s.id,
        SnatTableId: 'stb-1',
        NatGatewayId: 'ngw-1',
        SourceVSwitchId: s.vSwitch ?? '',
        SourceCIDR: s.cidr ?? '',
        SnatIp: s.ips,
        Status: s.status ?? 'Available',
      })),
    },
  });
  const eips = [
    ...(o.eips ?? []),
    ...(o.nodeAEip === undefined
      ? []
      : [
          {
            id: 'eip-node-a',
            ip: o.nodeAEip,
            status: 'InUse',
            instanceId: 'i-a',
            instanceType: 'EcsInstance',
            privateIp: '10.0.1.11',
          },
        ]),
  ];
  files['vpc-DescribeEipAddresses.json'] = json({
    RequestId: 'r',
    EipAddresses: {
      EipAddress: eips.map((e) => ({
        AllocationId: e.id,
        IpAddress: e.ip,
        Status: e.status,
        InstanceId: e.instanceId,
        InstanceType: e.instanceType,
        PrivateIpAddress: e.privateIp ?? '',
        Mode: 'NAT',
        Bandwidth: '5',
      })),
    },
  });
  if (dual) {
    files['vpc-DescribeIpv6Addresses.json'] = json({
      RequestId: 'r',
      Ipv6Addresses: {
        Ipv6Address: [
          {
            Ipv6AddressId: 'ipv6-web-a',
            Ipv6Address: '2408:4005:3a0:b810::11',
            VpcId: VPC,
            VSwitchId: 'vsw-pod-a',
            Ipv6GatewayId: 'ipv6gw-1',
            AssociatedInstanceId: 'eni-a1',
            AssociatedInstanceType: 'NetworkInterface',
            NetworkType: o.ipv6Bandwidth === true ? 'Public' : 'Private',
            Status: 'Available',
            ...(o.ipv6Bandwidth === true
              ? {
                  Ipv6InternetBandwidth: {
                    Ipv6InternetBandwidthId: 'ipv6bw-1',
                    Bandwidth: 10,
                    InternetChargeType: 'PayByTraffic',
                    BusinessStatus: 'Normal',
                  },
                }
              : {}),
          },
        ],
      },
    });
    files['vpc-DescribeIpv6Gateways.json'] = json({
      RequestId: 'r',
      Ipv6Gateways: { Ipv6Gateway: [{ Ipv6GatewayId: 'ipv6gw-1', VpcId: VPC, Status: 'Available' }] },
    });
  }
  const instance = (id: string, ip: string, vswId: string, sg: string, eniIds: string[], eip?: string) => ({
    InstanceId: id,
    Status: 'Running',
    RegionId: REGION,
    ZoneId: id === 'i-b' ? 'cn-hangzhou-k' : 'cn-hangzhou-j',
    InstanceNetworkType: 'vpc',
    SecurityGroupIds: { SecurityGroupId: [sg] },
    VpcAttributes: { VpcId: VPC, VSwitchId: vswId, PrivateIpAddress: { IpAddress: [ip] } },
    EipAddress: { AllocationId: eip === undefined ? '' : 'eip-node-a', IpAddress: eip ?? '' },
    PublicIpAddress: { IpAddress: [] },
    NetworkInterfaces: { NetworkInterface: eniIds.map((e) => ({ NetworkInterfaceId: e })) },
  });
  files['ecs-DescribeInstances.json'] = json({
    RequestId: 'r',
    Instances: {
      Instance: [
        instance(
          'i-a',
          '10.0.1.11',
          'vsw-node-a',
          'sg-node',
          flannel ? ['eni-a0'] : ['eni-a0', 'eni-a1'],
          o.nodeAEip,
        ),
        instance('i-b', '10.0.2.21', 'vsw-node-b', 'sg-node', flannel ? ['eni-b0'] : ['eni-b0', 'eni-b1']),
        instance('i-legacy', '10.0.8.30', 'vsw-db', 'sg-legacy', ['eni-legacy']),
      ],
    },
  });
  const podEnis = flannel
    ? []
    : [
        eni(
          'eni-a1',
          'i-a',
          'vsw-pod-a',
          'Secondary',
          'sg-pod',
          ['10.0.64.10', '10.0.64.11', '10.0.64.12'],
          dual ? ['2408:4005:3a0:b810::11'] : [],
        ),
        eni(
          'eni-b1',
          'i-b',
          'vsw-pod-b',
          'Secondary',
          'sg-pod',
          ['10.0.128.5', '10.0.128.6', '10.0.128.7'],
          dual ? ['2408:4005:3a0:b820::6'] : [],
        ),
      ];
  files['ecs-DescribeNetworkInterfaces.json'] = json({
    RequestId: 'r',
    NetworkInterfaceSets: {
      NetworkInterfaceSet: [
        eni('eni-a0', 'i-a', 'vsw-node-a', 'Primary', 'sg-node', ['10.0.1.11'], []),
        eni('eni-b0', 'i-b', 'vsw-node-b', 'Primary', 'sg-node', ['10.0.2.21'], []),
        eni('eni-legacy', 'i-legacy', 'vsw-db', 'Primary', 'sg-legacy', ['10.0.8.30'], []),
        ...podEnis,
      ],
    },
  });
  const groups = ['sg-node', 'sg-pod', 'sg-legacy'];
  const type = (id: string) => o.sgType?.[id] ?? (id === 'sg-legacy' ? 'enterprise' : 'normal');
  files['ecs-DescribeSecurityGroups.json'] = json({
    RequestId: 'r',
    SecurityGroups: {
      SecurityGroup: groups.map((id) => ({ SecurityGroupId: id, SecurityGroupType: type(id), VpcId: VPC })),
    },
  });
  for (const id of groups) {
    const rules = [...(BASE_RULES[id] ?? []), ...(o.sgRules?.[id] ?? [])];
    files[`ecs-DescribeSecurityGroupAttribute.${id}.json`] = json({
      RequestId: 'r',
      RegionId: REGION,
      SecurityGroupId: id,
      VpcId: VPC,
      InnerAccessPolicy: 'Accept',
      Permissions: { Permission: rules.map((r) => permission(id, r)) },
    });
  }
  files['rds-DescribeDBInstances.json'] = json({
    RequestId: 'r',
    Items: {
      DBInstance: [
        {
          DBInstanceId: 'rm-orders',
          Engine: 'MySQL',
          EngineVersion: '8.0',
          DBInstanceStatus: 'Running',
          VpcId: VPC,
          VSwitchId: 'vsw-db',
          ConnectionString: 'rm-orders.mysql.rds.aliyuncs.com',
        },
      ],
    },
  });
  files['rds-DescribeDBInstanceNetInfo.rm-orders.json'] = json({
    RequestId: 'r',
    InstanceNetworkType: 'VPC',
    DBInstanceNetInfos: {
      DBInstanceNetInfo: [
        {
          ConnectionString: 'rm-orders.mysql.rds.aliyuncs.com',
          IPAddress: '10.0.8.20',
          IPType: 'Private',
          Port: '3306',
          VPCId: VPC,
          VSwitchId: 'vsw-db',
        },
      ],
    },
  });
  if (o.rdsWhitelist !== null) {
    const groupsList = o.rdsWhitelist ?? [
      { name: 'default', ips: '127.0.0.1' },
      { name: 'ack_nodes', ips: '10.0.1.11,10.0.2.21' },
    ];
    files['rds-DescribeDBInstanceIPArrayList.rm-orders.json'] = json({
      RequestId: 'r',
      Items: {
        DBInstanceIPArray: groupsList.map((g) => ({
          DBInstanceIPArrayName: g.name,
          DBInstanceIPArrayAttribute: '',
          SecurityIPList: g.ips,
          SecurityIPType: 'IPv4',
        })),
      },
    });
  }
  files['slb-DescribeLoadBalancerAttribute.lb-pub.json'] = json({
    RequestId: 'r',
    LoadBalancerId: 'lb-pub',
    Address: '47.96.1.20',
    AddressType: 'internet',
    AddressIPVersion: 'ipv4',
    NetworkType: 'classic',
    LoadBalancerStatus: 'active',
    RegionId: REGION,
    BackendServers: { BackendServer: [{ ServerId: o.slbBackend ?? 'i-a', Type: 'ecs', Weight: 100 }] },
    ListenerPorts: { ListenerPort: [80] },
    ListenerPortsAndProtocol: { ListenerPortAndProtocol: [{ ListenerPort: 80, ListenerProtocol: 'tcp' }] },
  });
  const acl = o.slbAcl;
  files['slb-DescribeLoadBalancerTCPListenerAttribute.lb-pub.80.json'] = json({
    RequestId: 'r',
    LoadBalancerId: 'lb-pub',
    ListenerPort: 80,
    BackendServerPort: 31080,
    Status: 'running',
    AclStatus: acl === undefined ? 'off' : 'on',
    ...(acl === undefined ? {} : { AclType: acl.type, AclId: 'acl-1', AclIds: { AclId: ['acl-1'] } }),
  });
  if (acl !== undefined) {
    files['slb-DescribeAccessControlListAttribute.acl-1.json'] = json({
      RequestId: 'r',
      AclId: 'acl-1',
      AclName: 'callers',
      AddressIPVersion: 'ipv4',
      AclEntrys: { AclEntry: acl.entries.map((e) => ({ AclEntryIP: e, AclEntryComment: '' })) },
      RelatedListeners: {
        RelatedListener: [{ LoadBalancerId: 'lb-pub', ListenerPort: 80, Protocol: 'tcp', AclType: acl.type }],
      },
    });
  }
  return files;
}

const DEFAULT_WORLD = `apiVersion: podreach/v1
kind: World
dns:
  api.example.com: { a: [140.82.112.5] }
  v6.example.com: { aaaa: ["2606:4700::10"] }
  alias.example.com: { cname: api.example.com }
  gone.example.com: { nxdomain: true }
  partner.example.com: { a: [203.0.113.10] }
allowLists:
  - name: partner
    addresses: [203.0.113.10]
    ports: [443]
    allowedSources: [47.98.1.10/32]
`;

/** The raw files of the fixture cluster. */
export function fixtureFiles(options: FixtureOptions = {}): { path: string; content: string }[] {
  const files: Record<string, string> = {
    'kubernetes/objects.yaml': kubernetesFiles(options),
    'world.yaml': options.world ?? DEFAULT_WORLD,
  };
  for (const [name, content] of Object.entries(alibabaFiles(options))) files[`alibaba/${name}`] = content;
  const omit = new Set(options.omit ?? []);
  return Object.entries(files)
    .filter(([path]) => !omit.has(path.split('/').at(-1) ?? path))
    .map(([path, content]) => ({ path, content }));
}

/** Loads the fixture cluster; throws on load errors so a broken fixture fails loudly. */
const loaded = new Map<string, Snapshot>();

export function fixtureSnapshot(options: FixtureOptions = {}): Snapshot {
  const key = JSON.stringify(options);
  const cached = loaded.get(key);
  if (cached !== undefined) return cached;
  const snapshot = loadFixture(options);
  loaded.set(key, snapshot);
  return snapshot;
}

function loadFixture(options: FixtureOptions): Snapshot {
  const result = loadSnapshotFromFiles(fixtureFiles(options));
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `fixture does not load: ${errors.map((e) => `${e.file} ${e.path ?? ''} ${e.message}`).join('; ')}`,
    );
  }
  return result.snapshot;
}
