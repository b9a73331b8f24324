import { type Fact, known, unknown } from '../../model/fact.js';
import { regionFromProviderId } from '../kubernetes/node.js';
import { COLLECT } from './commands.js';
import type { DeriveContext } from './context.js';

/** cs region_id, else DescribeVpcs RegionId, else the region prefix of a node's providerID (`cn-hangzhou.i-…`). */
export function deriveRegionId(ctx: DeriveContext): Fact<string> {
  if (ctx.cluster?.regionId)
    return known(ctx.cluster.regionId, 'cs DescribeClusterDetail region_id', ctx.cluster.origin);
  const vpc = ctx.cloud.vpcs.find((v) => v.regionId);
  if (vpc?.regionId) return known(vpc.regionId, `RegionId of VPC ${vpc.id}`, vpc.origin);
  for (const node of ctx.k8s.nodes) {
    const region = node.providerId === undefined ? undefined : regionFromProviderId(node.providerId);
    if (region) return known(region, `providerID ${node.providerId} of Node ${node.name}`, node.origin);
  }
  return unknown(`${COLLECT.nodes} (or ${COLLECT.clusterDetail()})`);
}

/** cs vpc_id, else the only VPC in the snapshot, else the VPC every vSwitch belongs to. */
export function deriveVpcId(ctx: DeriveContext): Fact<string> {
  if (ctx.cluster?.vpcId)
    return known(ctx.cluster.vpcId, 'cs DescribeClusterDetail vpc_id', ctx.cluster.origin);
  const only = ctx.cloud.vpcs.length === 1 ? ctx.cloud.vpcs[0] : undefined;
  if (only) return known(only.id, 'the only VPC in the snapshot (DescribeVpcs)', only.origin);
  const vpcIds = [...new Set(ctx.cloud.vSwitches.map((v) => v.vpcId))];
  const first = ctx.cloud.vSwitches[0];
  if (vpcIds.length === 1 && first)
    return known(first.vpcId, 'the VPC of every vSwitch in the snapshot', first.origin);
  if (ctx.cloud.vpcs.length > 1)
    return unknown(`${COLLECT.clusterDetail()} (several VPCs in the snapshot; it names the cluster's)`);
  return unknown(COLLECT.clusterDetail());
}

/** NodeLocal DNSCache is the DaemonSet `node-local-dns` in kube-system (alibaba-semantics.md §11). */
export function deriveNodeLocalDns(ctx: DeriveContext): Fact<boolean> {
  const ds = ctx.kubeSystemDaemonSets.find((w) => w.name === 'node-local-dns');
  if (ds) return known(true, 'DaemonSet kube-system/node-local-dns exists', ds.origin);
  if (ctx.kubeSystemDaemonSets.length > 0) {
    const names = ctx.kubeSystemDaemonSets.map((w) => w.name).join(', ');
    return known(false, `no DaemonSet node-local-dns among the kube-system DaemonSets (${names})`);
  }
  return unknown(COLLECT.daemonSets);
}
