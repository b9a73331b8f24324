import type { ClusterFacts } from '../../model/cluster-facts.js';
import type { Snapshot } from '../../model/snapshot.js';
import { COLLECT } from './commands.js';

export interface Gap {
  readonly check: string;
  readonly missing: string;
}

/**
 * For each check of the seed page (shared/seed/ack-pod-external-access.en.md): which data the snapshot lacks and
 * the command that collects it. A gap does not stop loading; the engine reports the hop as `unknown`.
 */
/**
 * `collected` names the bodies recognised in the snapshot (e.g. `vpc DescribeNetworkAcls`): an empty response is
 * an answer ("there are none"), not a gap.
 */
export function computeGaps(
  snapshot: Omit<Snapshot, 'facts'>,
  facts: ClusterFacts,
  collected: ReadonlySet<string> = new Set(),
): Gap[] {
  const { kubernetes: k8s, cloud } = snapshot;
  const region = facts.regionId.known ? facts.regionId.value : '<region-id>';
  const vpc = facts.vpcId.known ? facts.vpcId.value : '<vpc-id>';
  const gaps: Gap[] = [];
  const add = (check: string, missing: string) => gaps.push({ check, missing });

  if (k8s.pods.length === 0) add('pods', `no Pod in the snapshot: ${COLLECT.kubernetes}`);
  if (k8s.nodes.length === 0) add('pods', `no Node in the snapshot: ${COLLECT.nodes}`);

  // DNS
  if (!k8s.configMaps.some((c) => c.namespace === 'kube-system' && c.name === 'coredns'))
    add('DNS', `CoreDNS configuration: ${COLLECT.coredns}`);
  if (!k8s.services.some((s) => s.namespace === 'kube-system' && s.name === 'kube-dns'))
    add('DNS', `Service kube-system/kube-dns: ${COLLECT.services}`);
  if (!facts.nodeLocalDns.known) add('DNS', `whether NodeLocal DNSCache runs: ${facts.nodeLocalDns.missing}`);
  if (snapshot.world.dns.length === 0)
    add('DNS', 'answers for names outside the cluster: a world.yaml with a dns section (docs/snapshot.md)');

  // NetworkPolicy
  if (k8s.networkPolicies.length === 0 && !collected.has('kubernetes NetworkPolicy'))
    add(
      'NetworkPolicy',
      `no NetworkPolicy in the snapshot; if the cluster has some: ${COLLECT.networkPolicies}`,
    );
  if (k8s.namespaces.length === 0)
    add('NetworkPolicy', `namespace labels (for namespaceSelector): ${COLLECT.kubernetes}`);
  if (!facts.networkPolicyDisabled.known)
    add('NetworkPolicy', `whether Terway enforces policies: ${facts.networkPolicyDisabled.missing}`);

  // Security groups
  const sgIds = new Set<string>();
  if (facts.terwaySecurityGroups.known) for (const id of facts.terwaySecurityGroups.value) sgIds.add(id);
  for (const i of cloud.ecsInstances) for (const id of i.securityGroupIds) sgIds.add(id);
  for (const e of cloud.networkInterfaces) for (const id of e.securityGroupIds) sgIds.add(id);
  for (const pn of k8s.podNetworkings) for (const id of pn.securityGroupIds) sgIds.add(id);
  for (const id of [...sgIds].sort()) {
    const group = cloud.securityGroups.find((g) => g.id === id);
    if (group?.rules === undefined) {
      add(
        'security groups',
        `rules of ${id}: aliyun ecs DescribeSecurityGroupAttribute --RegionId ${region} --SecurityGroupId ${id} > DescribeSecurityGroupAttribute.${id}.json`,
      );
    }
  }
  // A set, not a search per node: 5,000 nodes against 5,000 instances is 25 M comparisons.
  const instanceIds = new Set(cloud.ecsInstances.map((i) => i.id));
  const missingInstances = k8s.nodes
    .map((n) => n.instanceId)
    .filter((id): id is string => id !== undefined && !instanceIds.has(id));
  if (k8s.nodes.length > 0 && missingInstances.length > 0) {
    add(
      'security groups',
      `ECS instances of the nodes (${missingInstances.join(', ')}): aliyun ecs DescribeInstances --RegionId ${region} --VpcId ${vpc} --PageSize 100 > DescribeInstances.json`,
    );
  }
  if (facts.cni.known && facts.cni.value === 'terway' && cloud.networkInterfaces.length === 0) {
    add(
      'security groups',
      `the ENIs that carry pod IPs: aliyun ecs DescribeNetworkInterfaces --RegionId ${region} --VpcId ${vpc} --MaxResults 500 > DescribeNetworkInterfaces.json`,
    );
  }

  // NAT / SNAT and routes
  if (cloud.natGateways.length === 0)
    add(
      'NAT/SNAT',
      `aliyun vpc DescribeNatGateways --RegionId ${region} --VpcId ${vpc} > DescribeNatGateways.json`,
    );
  for (const nat of cloud.natGateways) {
    for (const table of nat.snatTableIds) {
      if (!cloud.snatEntries.some((e) => e.snatTableId === table)) {
        add(
          'NAT/SNAT',
          `SNAT entries of ${nat.id}: aliyun vpc DescribeSnatTableEntries --RegionId ${region} --SnatTableId ${table} > DescribeSnatTableEntries.${table}.json`,
        );
      }
    }
  }
  if (cloud.vSwitches.length === 0) add('NAT/SNAT', `vSwitches: ${COLLECT.vSwitches(region, vpc)}`);
  if (cloud.routeTables.length === 0)
    add(
      'NAT/SNAT',
      `route tables: aliyun vpc DescribeRouteTableList --RegionId ${region} --VpcId ${vpc} > DescribeRouteTableList.json`,
    );
  for (const table of cloud.routeTables) {
    if (!cloud.routeEntries.some((e) => e.routeTableId === table.id)) {
      add(
        'NAT/SNAT',
        `routes of ${table.id}: aliyun vpc DescribeRouteEntryList --RegionId ${region} --RouteTableId ${table.id} > DescribeRouteEntryList.${table.id}.json`,
      );
    }
  }

  // EIP
  if (cloud.eips.length === 0)
    add(
      'EIP',
      `aliyun vpc DescribeEipAddresses --RegionId ${region} --PageSize 100 > DescribeEipAddresses.json`,
    );
  const eipAnnotated = k8s.pods.some((p) =>
    Object.keys(p.annotations).some((a) => a.endsWith('/pod-with-eip') || a.endsWith('/pod-eip-instanceid')),
  );
  const flannel = facts.cni.known && facts.cni.value === 'flannel';
  // Flannel cannot give a pod an EIP at all: that is the engine's finding, not a gap.
  if (eipAnnotated && k8s.podEips.length === 0 && !flannel)
    add('EIP', `pods ask for an EIP but no PodEIP is in the snapshot: ${COLLECT.podEips}`);

  // IPv6
  if (!facts.ipStack.known) add('IPv6', `the IP stack: ${facts.ipStack.missing}`);
  else if (facts.ipStack.value === 'dual') {
    if (cloud.ipv6Addresses.length === 0)
      add(
        'IPv6',
        `IPv6 addresses and their Internet bandwidth: aliyun vpc DescribeIpv6Addresses --RegionId ${region} --VpcId ${vpc} --PageSize 50 > DescribeIpv6Addresses.json`,
      );
    if (cloud.ipv6Gateways.length === 0)
      add(
        'IPv6',
        `aliyun vpc DescribeIpv6Gateways --RegionId ${region} --VpcId ${vpc} > DescribeIpv6Gateways.json`,
      );
  }

  // VPC resource whitelists
  if (cloud.rdsInstances.length === 0)
    add(
      'VPC resource whitelists',
      `RDS instances, if pods reach any: aliyun rds DescribeDBInstances --RegionId ${region} --VpcId ${vpc} > DescribeDBInstances.json`,
    );
  for (const rds of cloud.rdsInstances) {
    if (rds.whitelist === undefined) {
      add(
        'VPC resource whitelists',
        `whitelist of ${rds.id}: aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId ${rds.id} > DescribeDBInstanceIPArrayList.${rds.id}.json`,
      );
    }
  }
  if (cloud.networkAcls.length === 0 && !collected.has('vpc DescribeNetworkAcls'))
    add(
      'VPC resource whitelists',
      `network ACLs: aliyun vpc DescribeNetworkAcls --RegionId ${region} --VpcId ${vpc} > DescribeNetworkAcls.json`,
    );

  // In-cluster LB
  if (k8s.services.some((s) => s.type === 'LoadBalancer')) {
    if (cloud.loadBalancers.length === 0)
      add(
        'in-cluster LB',
        `aliyun slb DescribeLoadBalancers --RegionId ${region} --VpcId ${vpc} > DescribeLoadBalancers.json`,
      );
    if (!facts.inClusterLoadBalance.known && !flannel)
      add('in-cluster LB', `in_cluster_loadbalance: ${facts.inClusterLoadBalance.missing}`);
    if (!facts.terwayVersion.known && !flannel)
      add('in-cluster LB', `the Terway version: ${facts.terwayVersion.missing}`);
  }
  for (const lb of cloud.loadBalancers) {
    for (const id of new Set((lb.listeners ?? []).flatMap((l) => l.aclIds))) {
      if (!cloud.accessControlLists.some((a) => a.id === id)) {
        add(
          'in-cluster LB',
          `ACL ${id} of ${lb.id}: aliyun slb DescribeAccessControlListAttribute --RegionId ${region} --AclId ${id} > DescribeAccessControlListAttribute.${id}.json`,
        );
      }
    }
  }

  // Cluster facts
  for (const [name, fact] of Object.entries(facts)) {
    if (!fact.known && !fact.missing.startsWith('not a Terway cluster'))
      add(`cluster facts: ${name}`, fact.missing);
  }
  return gaps;
}
