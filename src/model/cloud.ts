/**
 * Alibaba Cloud resources around a cluster, normalised from the OpenAPI bodies the `aliyun` CLI prints
 * (field names and nesting: shared/reference/alibaba-semantics.md §12). Values are cleaned (policies lower-case,
 * priorities numbers, comma lists split) but never re-interpreted: semantics live in src/eval.
 */
import type { Origin } from './origin.js';

export interface ClusterDetail {
  readonly clusterId: string;
  readonly name?: string;
  readonly clusterType?: string;
  readonly regionId?: string;
  readonly vpcId?: string;
  readonly vSwitchIds: readonly string[];
  readonly securityGroupId?: string;
  /** `container_cidr`: the Flannel pod CIDR; empty on Terway clusters. */
  readonly containerCidr?: string;
  readonly serviceCidr?: string;
  /** `proxy_mode`: `ipvs` | `iptables`. */
  readonly proxyMode?: string;
  /** `ip_stack`: `ipv4` | `dual`. */
  readonly ipStack?: string;
  readonly clusterDomain?: string;
  readonly initVersion?: string;
  readonly currentVersion?: string;
  /** `created`, as printed (an RFC 3339 string). */
  readonly created?: string;
  /** Add-ons from the JSON string `meta_data.Addons`: name and version. */
  readonly addons: readonly { readonly name: string; readonly version?: string }[];
  readonly origin: Origin;
}

export interface Vpc {
  readonly id: string;
  readonly name?: string;
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly natGatewayIds: readonly string[];
  readonly regionId?: string;
  readonly origin: Origin;
}

export interface VSwitch {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly zoneId: string;
  readonly cidrBlock: string;
  readonly ipv6CidrBlock?: string;
  readonly routeTableId?: string;
  readonly networkAclId?: string;
  readonly origin: Origin;
}

export interface RouteTable {
  readonly id: string;
  readonly name?: string;
  readonly type: 'System' | 'Custom';
  readonly vpcId: string;
  readonly vSwitchIds: readonly string[];
  readonly origin: Origin;
}

export interface RouteEntry {
  readonly id?: string;
  readonly name?: string;
  readonly routeTableId: string;
  readonly destinationCidr: string;
  readonly type?: string;
  readonly status?: string;
  /** Enabled next hops; ECMP entries have several. System entries have `local`/`service`-style types. */
  readonly nextHops: readonly { readonly type: string; readonly id: string }[];
  readonly origin: Origin;
}

export interface NatGateway {
  readonly id: string;
  readonly name?: string;
  readonly vpcId: string;
  readonly natType?: string;
  /** `internet` (public NAT) or `intranet` (VPC NAT). */
  readonly networkType: string;
  readonly status?: string;
  readonly snatTableIds: readonly string[];
  readonly ipList: readonly { readonly allocationId?: string; readonly ipAddress: string }[];
  readonly origin: Origin;
}

export interface SnatEntry {
  readonly id: string;
  readonly name?: string;
  readonly snatTableId: string;
  readonly natGatewayId?: string;
  readonly sourceVSwitchId?: string;
  readonly sourceCidr?: string;
  /** `SnatIp` split on commas. */
  readonly snatIps: readonly string[];
  readonly status?: string;
  readonly origin: Origin;
}

export interface Eip {
  readonly allocationId: string;
  readonly ipAddress: string;
  readonly name?: string;
  readonly status: string;
  readonly instanceId?: string;
  readonly instanceType?: string;
  readonly privateIpAddress?: string;
  readonly mode?: string;
  readonly bandwidth?: string;
  readonly origin: Origin;
}

export interface Ipv6Address {
  readonly id: string;
  readonly address: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly ipv6GatewayId?: string;
  readonly associatedInstanceId?: string;
  readonly associatedInstanceType?: string;
  readonly networkType?: string;
  readonly status?: string;
  /** Present when IPv6 Internet bandwidth is allocated to the address. */
  readonly internetBandwidth?: {
    readonly id?: string;
    readonly bandwidth?: number;
    readonly businessStatus?: string;
  };
  readonly origin: Origin;
}

export interface Ipv6Gateway {
  readonly id: string;
  readonly vpcId: string;
  readonly status?: string;
  readonly origin: Origin;
}

export interface NetworkAclEntry {
  readonly id?: string;
  readonly name?: string;
  readonly policy: 'accept' | 'drop';
  readonly protocol: string;
  readonly portRange: string;
  /** Source CIDR for ingress entries, destination CIDR for egress entries. */
  readonly cidr: string;
  readonly ipVersion?: string;
  readonly entryType?: string;
  readonly origin: Origin;
}

export interface NetworkAcl {
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly status?: string;
  /** In array order, which is evaluation order. */
  readonly ingress: readonly NetworkAclEntry[];
  readonly egress: readonly NetworkAclEntry[];
  readonly vSwitchIds: readonly string[];
  readonly origin: Origin;
}

export interface PrivateIp {
  readonly address: string;
  readonly primary: boolean;
  /** Public IP associated with this private IP (EIP in NAT mode), as the ENI body reports it. */
  readonly associatedPublicIp?: string;
  readonly associatedAllocationId?: string;
}

export interface NetworkInterface {
  readonly id: string;
  readonly type?: string;
  readonly status?: string;
  readonly instanceId?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly zoneId?: string;
  readonly securityGroupIds: readonly string[];
  /**
   * True when the ENI is known only from DescribeInstances and is not the primary ENI: its security groups are not
   * in the snapshot (`securityGroupIds` is then empty), so add DescribeNetworkInterfaces to learn them.
   */
  readonly securityGroupsUnknown?: boolean;
  readonly privateIps: readonly PrivateIp[];
  readonly ipv6Addresses: readonly string[];
  readonly ipv4Prefixes: readonly string[];
  readonly trunkNetworkInterfaceId?: string;
  readonly origin: Origin;
}

export interface EcsInstance {
  readonly id: string;
  readonly name?: string;
  readonly hostName?: string;
  readonly status?: string;
  readonly zoneId?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly privateIps: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** `EipAddress.IpAddress` when an EIP is bound to the instance (its primary private IP). */
  readonly eipAddress?: string;
  readonly eipAllocationId?: string;
  /** Static public IPs assigned at creation (`PublicIpAddress.IpAddress[]`). */
  readonly publicIps: readonly string[];
  /** ENIs as listed inside the instance body; DescribeNetworkInterfaces gives the fuller view. */
  readonly networkInterfaceIds: readonly string[];
  readonly origin: Origin;
}

export type SecurityGroupRuleProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'gre' | 'all';

export interface SecurityGroupRule {
  readonly id?: string;
  readonly securityGroupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly policy: 'accept' | 'drop';
  /** 1 (highest) to 100. */
  readonly priority: number;
  readonly protocol: SecurityGroupRuleProtocol;
  /** Destination port range; `null` means every port (`-1/-1`). */
  readonly portRange: readonly [number, number] | null;
  /** The peer: `SourceCidrIp` for ingress, `DestCidrIp` for egress; IPv6 in `ipv6Cidr`. */
  readonly cidr?: string;
  readonly ipv6Cidr?: string;
  /** `SourceGroupId` / `DestGroupId`: matches private IPs of member ENIs. */
  readonly peerGroupId?: string;
  readonly peerPrefixListId?: string;
  readonly description?: string;
  readonly origin: Origin;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name?: string;
  /** `normal` (basic) or `enterprise` (advanced); absent when only DescribeSecurityGroupAttribute was given. */
  readonly type?: 'normal' | 'enterprise';
  readonly vpcId?: string;
  readonly innerAccessPolicy?: 'accept' | 'drop';
  /** `undefined` when the rules (DescribeSecurityGroupAttribute) are not in the snapshot. */
  readonly rules?: readonly SecurityGroupRule[];
  readonly origin: Origin;
}

export interface RdsWhitelistGroup {
  readonly name: string;
  readonly attribute?: string;
  /** `SecurityIPList` split on commas, as written (bare IPs and CIDRs). */
  readonly entries: readonly string[];
  readonly ipType?: string;
  readonly origin: Origin;
}

export interface RdsInstance {
  readonly id: string;
  readonly description?: string;
  readonly engine?: string;
  readonly engineVersion?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly status?: string;
  readonly connections: readonly {
    readonly connectionString?: string;
    readonly ipAddress?: string;
    readonly ipType?: string;
    readonly port?: number;
  }[];
  /** `undefined` when DescribeDBInstanceIPArrayList for this instance is not in the snapshot. */
  readonly whitelist?: readonly RdsWhitelistGroup[];
  readonly origin: Origin;
}

export interface LoadBalancerListener {
  readonly port: number;
  readonly protocol: string;
  readonly backendPort?: number;
  readonly aclStatus?: 'on' | 'off';
  readonly aclType?: 'white' | 'black';
  readonly aclIds: readonly string[];
  readonly origin: Origin;
}

export interface LoadBalancer {
  readonly id: string;
  readonly name?: string;
  readonly address: string;
  readonly addressType?: string;
  readonly addressIpVersion?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly status?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `undefined` when DescribeLoadBalancerAttribute is not in the snapshot. */
  readonly backends?: readonly {
    readonly serverId: string;
    readonly serverIp?: string;
    readonly type?: string;
  }[];
  /** `undefined` when no listener data is in the snapshot. */
  readonly listeners?: readonly LoadBalancerListener[];
  readonly origin: Origin;
}

export interface AccessControlList {
  readonly id: string;
  readonly name?: string;
  readonly ipVersion?: string;
  readonly entries: readonly { readonly cidr: string; readonly comment?: string }[];
  readonly origin: Origin;
}

export interface CloudResources {
  readonly clusters: readonly ClusterDetail[];
  readonly vpcs: readonly Vpc[];
  readonly vSwitches: readonly VSwitch[];
  readonly routeTables: readonly RouteTable[];
  readonly routeEntries: readonly RouteEntry[];
  readonly natGateways: readonly NatGateway[];
  readonly snatEntries: readonly SnatEntry[];
  readonly eips: readonly Eip[];
  readonly ipv6Addresses: readonly Ipv6Address[];
  readonly ipv6Gateways: readonly Ipv6Gateway[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly ecsInstances: readonly EcsInstance[];
  readonly networkInterfaces: readonly NetworkInterface[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly rdsInstances: readonly RdsInstance[];
  readonly loadBalancers: readonly LoadBalancer[];
  readonly accessControlLists: readonly AccessControlList[];
}
