/**
 * The Alibaba Cloud side of collect: discover the cluster and its VPC, then read every network resource the loader
 * uses (shared/reference/alibaba-semantics.md §12 for the bodies, issue 2 for the list). Order: cs → vpc → ecs →
 * rds → slb; within a product, resources in sorted id order, so two runs on one account call in the same order.
 */
import { type CloudSession, isObject, listAt } from './session.js';

type Json = Record<string, unknown>;

export interface AlibabaInputs {
  readonly region: string;
  readonly clusterId?: string;
  /** ECS instance ids of the nodes (from spec.providerID), to find the VPC when the cluster detail is missing. */
  readonly nodeInstanceIds: readonly string[];
  /** LoadBalancer Service addresses (status.loadBalancer.ingress): Internet CLBs are not in the VPC. */
  readonly serviceAddresses: readonly string[];
}

export interface AlibabaFindings {
  clusterId?: string;
  vpcId?: string;
  accountId?: string;
  /** Why the VPC-scoped calls were not made, when they were not. */
  stopped?: string;
}

/** Every action collect may call, per product: the RAM policy in docs/collect.md lists exactly these. */
export const ALIBABA_ACTIONS = {
  cs: ['DescribeClusterDetail'],
  vpc: [
    'DescribeVpcs',
    'DescribeVSwitches',
    'DescribeRouteTableList',
    'DescribeRouteEntryList',
    'DescribeNatGateways',
    'DescribeSnatTableEntries',
    'DescribeEipAddresses',
    'DescribeIpv6Addresses',
    'DescribeIpv6Gateways',
    'DescribeNetworkAcls',
  ],
  ecs: [
    'DescribeInstances',
    'DescribeNetworkInterfaces',
    'DescribeSecurityGroups',
    'DescribeSecurityGroupAttribute',
  ],
  rds: ['DescribeDBInstances', 'DescribeDBInstanceNetInfo', 'DescribeDBInstanceIPArrayList'],
  slb: [
    'DescribeLoadBalancers',
    'DescribeLoadBalancerAttribute',
    'DescribeLoadBalancerTCPListenerAttribute',
    'DescribeLoadBalancerUDPListenerAttribute',
    'DescribeLoadBalancerHTTPListenerAttribute',
    'DescribeLoadBalancerHTTPSListenerAttribute',
    'DescribeAccessControlListAttribute',
  ],
} as const;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function sortedUnique(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => v !== undefined && v !== ''))].sort();
}

/** Ids in a double wrapper of strings, e.g. `SecurityGroupIds: {SecurityGroupId: ["sg-…"]}`. */
function idsAt(item: Json, outer: string, inner: string): string[] {
  const wrapper = item[outer];
  const list = isObject(wrapper) ? wrapper[inner] : undefined;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}

const LISTENER_ACTION: Readonly<Record<string, string>> = {
  tcp: 'DescribeLoadBalancerTCPListenerAttribute',
  udp: 'DescribeLoadBalancerUDPListenerAttribute',
  http: 'DescribeLoadBalancerHTTPListenerAttribute',
  https: 'DescribeLoadBalancerHTTPSListenerAttribute',
};

export async function collectAlibaba(session: CloudSession, inputs: AlibabaInputs): Promise<AlibabaFindings> {
  const region = inputs.region;
  const found: AlibabaFindings = {};
  const dir = 'alibaba';
  let cluster: Json | undefined;
  if (inputs.clusterId !== undefined) {
    found.clusterId = inputs.clusterId;
    cluster = await session.single(
      {
        product: 'cs',
        action: 'DescribeClusterDetail',
        params: {},
        pathname: `/clusters/${encodeURIComponent(inputs.clusterId)}`,
      },
      `${dir}/cs-DescribeClusterDetail`,
    );
  }
  const clusterVpc = str(cluster?.vpc_id);
  if (clusterVpc !== undefined) found.vpcId = clusterVpc;
  if (found.vpcId === undefined && inputs.nodeInstanceIds.length > 0) {
    // Discovery only (not written): the nodes' VPC, when the cluster detail could not say.
    const instances = await session.paged(
      {
        product: 'ecs',
        action: 'DescribeInstances',
        params: { RegionId: region, InstanceIds: JSON.stringify(inputs.nodeInstanceIds.slice(0, 100)) },
      },
      null,
      'Instances',
      'Instance',
    );
    for (const instance of instances) {
      const vpc = isObject(instance.VpcAttributes) ? str(instance.VpcAttributes.VpcId) : undefined;
      if (vpc !== undefined) {
        found.vpcId = vpc;
        break;
      }
    }
  }
  const vpcId = found.vpcId;
  if (vpcId === undefined) {
    found.stopped =
      'the VPC is unknown: pass --cluster-id (or make the nodes readable, so their ECS instances name it)';
    return found;
  }
  const inVpc = { RegionId: region, VpcId: vpcId };

  // vpc
  await session.paged(
    { product: 'vpc', action: 'DescribeVpcs', params: inVpc },
    `${dir}/vpc-DescribeVpcs`,
    'Vpcs',
    'Vpc',
  );
  const vSwitches = await session.paged(
    { product: 'vpc', action: 'DescribeVSwitches', params: inVpc },
    `${dir}/vpc-DescribeVSwitches`,
    'VSwitches',
    'VSwitch',
  );
  const owner = vSwitches.map((v) => v.OwnerId).find((o) => typeof o === 'number' || typeof o === 'string');
  if (owner !== undefined) found.accountId = String(owner);
  const tables = await session.paged(
    { product: 'vpc', action: 'DescribeRouteTableList', params: inVpc },
    `${dir}/vpc-DescribeRouteTableList`,
    'RouterTableList',
    'RouterTableListType',
  );
  for (const tableId of sortedUnique(tables.map((t) => str(t.RouteTableId))))
    await session.tokenPaged(
      {
        product: 'vpc',
        action: 'DescribeRouteEntryList',
        params: { RegionId: region, RouteTableId: tableId },
      },
      `${dir}/vpc-DescribeRouteEntryList.${tableId}`,
      'RouteEntrys',
      'RouteEntry',
    );
  const natGateways = await session.paged(
    { product: 'vpc', action: 'DescribeNatGateways', params: inVpc },
    `${dir}/vpc-DescribeNatGateways`,
    'NatGateways',
    'NatGateway',
  );
  for (const snatTableId of sortedUnique(natGateways.flatMap((n) => idsAt(n, 'SnatTableIds', 'SnatTableId'))))
    await session.paged(
      {
        product: 'vpc',
        action: 'DescribeSnatTableEntries',
        params: { RegionId: region, SnatTableId: snatTableId },
      },
      `${dir}/vpc-DescribeSnatTableEntries.${snatTableId}`,
      'SnatTableEntries',
      'SnatTableEntry',
    );
  await session.paged(
    { product: 'vpc', action: 'DescribeEipAddresses', params: { RegionId: region } },
    `${dir}/vpc-DescribeEipAddresses`,
    'EipAddresses',
    'EipAddress',
  );
  await session.paged(
    { product: 'vpc', action: 'DescribeIpv6Addresses', params: inVpc },
    `${dir}/vpc-DescribeIpv6Addresses`,
    'Ipv6Addresses',
    'Ipv6Address',
  );
  await session.paged(
    { product: 'vpc', action: 'DescribeIpv6Gateways', params: inVpc },
    `${dir}/vpc-DescribeIpv6Gateways`,
    'Ipv6Gateways',
    'Ipv6Gateway',
  );
  await session.paged(
    { product: 'vpc', action: 'DescribeNetworkAcls', params: inVpc },
    `${dir}/vpc-DescribeNetworkAcls`,
    'NetworkAcls',
    'NetworkAcl',
  );

  // ecs: every instance and ENI of the VPC (the nodes, and ECS destinations), and every group they reference.
  const instances = await session.paged(
    { product: 'ecs', action: 'DescribeInstances', params: inVpc },
    `${dir}/ecs-DescribeInstances`,
    'Instances',
    'Instance',
  );
  const interfaces = await session.paged(
    { product: 'ecs', action: 'DescribeNetworkInterfaces', params: inVpc },
    `${dir}/ecs-DescribeNetworkInterfaces`,
    'NetworkInterfaceSets',
    'NetworkInterfaceSet',
  );
  const groups = await session.paged(
    { product: 'ecs', action: 'DescribeSecurityGroups', params: inVpc },
    `${dir}/ecs-DescribeSecurityGroups`,
    'SecurityGroups',
    'SecurityGroup',
  );
  const groupIds = sortedUnique([
    ...groups.map((g) => str(g.SecurityGroupId)),
    ...instances.flatMap((i) => idsAt(i, 'SecurityGroupIds', 'SecurityGroupId')),
    ...interfaces.flatMap((i) => idsAt(i, 'SecurityGroupIds', 'SecurityGroupId')),
    str(cluster?.security_group_id),
  ]);
  for (const groupId of groupIds)
    await session.single(
      {
        product: 'ecs',
        action: 'DescribeSecurityGroupAttribute',
        // VPC groups hold intranet rules only; Direction defaults to all.
        params: { RegionId: region, SecurityGroupId: groupId, NicType: 'intranet' },
      },
      `${dir}/ecs-DescribeSecurityGroupAttribute.${groupId}`,
    );

  // rds: instances in the VPC, their addresses and whitelists (bodies without the id: it goes in the file name).
  const databases = await session.paged(
    { product: 'rds', action: 'DescribeDBInstances', params: inVpc },
    `${dir}/rds-DescribeDBInstances`,
    'Items',
    'DBInstance',
  );
  for (const dbId of sortedUnique(databases.map((d) => str(d.DBInstanceId)))) {
    const params = { DBInstanceId: dbId };
    await session.single(
      { product: 'rds', action: 'DescribeDBInstanceNetInfo', params },
      `${dir}/rds-DescribeDBInstanceNetInfo.${dbId}`,
    );
    await session.single(
      { product: 'rds', action: 'DescribeDBInstanceIPArrayList', params },
      `${dir}/rds-DescribeDBInstanceIPArrayList.${dbId}`,
    );
  }

  // slb (CLB): an Internet CLB has no VpcId (NetworkType "classic"), so the region's CLBs are listed and the
  // cluster's are described: those in the VPC, tagged with the cluster id, or holding a Service's address.
  const loadBalancers = await session.paged(
    { product: 'slb', action: 'DescribeLoadBalancers', params: { RegionId: region } },
    `${dir}/slb-DescribeLoadBalancers`,
    'LoadBalancers',
    'LoadBalancer',
  );
  const addresses = new Set(inputs.serviceAddresses);
  const ours = loadBalancers.filter((lb) => {
    const tags = listAt(lb, 'Tags', 'Tag').map((t) => str(t.TagValue) ?? str(t.Value));
    const address = str(lb.Address);
    return (
      lb.VpcId === vpcId ||
      (found.clusterId !== undefined && tags.includes(found.clusterId)) ||
      (address !== undefined && addresses.has(address))
    );
  });
  const aclIds = new Set<string>();
  for (const lbId of sortedUnique(ours.map((l) => str(l.LoadBalancerId)))) {
    const attribute = await session.single(
      {
        product: 'slb',
        action: 'DescribeLoadBalancerAttribute',
        params: { RegionId: region, LoadBalancerId: lbId },
      },
      `${dir}/slb-DescribeLoadBalancerAttribute.${lbId}`,
    );
    if (attribute === undefined) continue;
    const current = listAt(attribute, 'ListenerPortsAndProtocol', 'ListenerPortAndProtocol').map((l) => ({
      port: l.ListenerPort,
      protocol: str(l.ListenerProtocol)?.toLowerCase(),
    }));
    // Older answers only have the legacy misspelling (§12).
    const legacy = listAt(attribute, 'ListenerPortsAndProtocal', 'ListenerPortAndProtocal').map((l) => ({
      port: l.ListenerPort,
      protocol: str(l.ListenerProtocal)?.toLowerCase(),
    }));
    const listeners = (current.length > 0 ? current : legacy)
      .filter((l) => (typeof l.port === 'number' || typeof l.port === 'string') && l.protocol !== undefined)
      .sort(
        (a, b) => Number(a.port) - Number(b.port) || String(a.protocol).localeCompare(String(b.protocol)),
      );
    for (const listener of listeners) {
      const action = LISTENER_ACTION[listener.protocol ?? ''];
      if (action === undefined) continue;
      const port = String(listener.port);
      const body = await session.single(
        { product: 'slb', action, params: { RegionId: region, LoadBalancerId: lbId, ListenerPort: port } },
        `${dir}/slb-${action}.${lbId}.${port}`,
      );
      if (body === undefined) continue;
      for (const id of [str(body.AclId), ...idsAt(body, 'AclIds', 'AclId')])
        if (id !== undefined) aclIds.add(id);
    }
  }
  for (const aclId of sortedUnique(aclIds))
    await session.single(
      {
        product: 'slb',
        action: 'DescribeAccessControlListAttribute',
        params: { RegionId: region, AclId: aclId },
      },
      `${dir}/slb-DescribeAccessControlListAttribute.${aclId}`,
    );
  return found;
}
