/**
 * ecs DescribeInstances: the ECS instances (nodes and other servers) with their private and public addresses and
 * security groups, and the ENIs listed inside each instance (§12; EIP/public IP meaning: §4).
 */
import * as z from 'zod';
import type { EcsInstance, NetworkInterface, PrivateIp } from '../../model/cloud.js';
import type { BodyContext, Path } from './context.js';
import { defineAdapter, hasKeys, isEcsInstancesBody } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const embeddedEni = z.looseObject({
  NetworkInterfaceId: z.string().min(1),
  Type: optString,
  PrimaryIpAddress: optString,
  PrivateIpSets: wrapped(
    'PrivateIpSet',
    z.looseObject({ PrivateIpAddress: z.string(), Primary: z.boolean().nullish() }),
  ),
  Ipv6Sets: wrapped('Ipv6Set', z.looseObject({ Ipv6Address: z.string() })),
  Ipv4PrefixSets: wrapped('Ipv4PrefixSet', z.looseObject({ Ipv4Prefix: z.string() })),
});

const instanceItem = z.looseObject({
  InstanceId: z.string().min(1),
  InstanceName: optString,
  HostName: optString,
  Status: optString,
  ZoneId: optString,
  SecurityGroupIds: wrapped('SecurityGroupId', z.string()),
  VpcAttributes: z
    .looseObject({
      VpcId: optString,
      VSwitchId: optString,
      PrivateIpAddress: wrapped('IpAddress', z.string()),
    })
    .nullish(),
  InnerIpAddress: wrapped('IpAddress', z.string()),
  EipAddress: z.looseObject({ AllocationId: optString, IpAddress: optString }).nullish(),
  PublicIpAddress: wrapped('IpAddress', z.string()),
  NetworkInterfaces: wrapped('NetworkInterface', embeddedEni),
});

type Instance = z.infer<typeof instanceItem>;

function embeddedNetworkInterface(
  ctx: BodyContext,
  instance: Instance,
  eni: z.infer<typeof embeddedEni>,
  path: Path,
): NetworkInterface {
  const primaryEni = eni.Type?.toLowerCase() === 'primary';
  let privateIps: PrivateIp[] = unwrap(eni.PrivateIpSets, 'PrivateIpSet')
    .map((set) => ({ address: set.PrivateIpAddress.trim(), primary: set.Primary === true }))
    .filter((ip) => ip.address !== '');
  const primaryAddress = opt(eni.PrimaryIpAddress);
  if (privateIps.length === 0 && primaryAddress !== undefined)
    privateIps = [{ address: primaryAddress, primary: true }];
  return strip({
    id: eni.NetworkInterfaceId,
    type: opt(eni.Type),
    instanceId: instance.InstanceId,
    vpcId: opt(instance.VpcAttributes?.VpcId),
    // The instance body names the vSwitch of the primary ENI only; an ENI attaches only in the instance's zone.
    vSwitchId: primaryEni ? opt(instance.VpcAttributes?.VSwitchId) : undefined,
    zoneId: opt(instance.ZoneId),
    // The instance's groups are those of its primary ENI (§5); a secondary ENI's groups are not in this body.
    securityGroupIds: primaryEni ? [...unwrap(instance.SecurityGroupIds, 'SecurityGroupId')] : [],
    securityGroupsUnknown: primaryEni ? undefined : true,
    privateIps,
    ipv6Addresses: unwrap(eni.Ipv6Sets, 'Ipv6Set').map((set) => set.Ipv6Address.trim()),
    ipv4Prefixes: unwrap(eni.Ipv4PrefixSets, 'Ipv4PrefixSet').map((set) => set.Ipv4Prefix.trim()),
    origin: ctx.doc.locate(path),
  });
}

function loadInstances(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'Instances', 'Instance', instanceItem, 'instance')) {
    const vpcIps = unwrap(item.VpcAttributes?.PrivateIpAddress, 'IpAddress');
    // `InnerIpAddress` is the classic-network address; VPC instances list theirs under VpcAttributes (§12 quirk 11).
    const privateIps = (vpcIps.length > 0 ? vpcIps : unwrap(item.InnerIpAddress, 'IpAddress'))
      .map((ip) => ip.trim())
      .filter((ip) => ip !== '');
    const enis = unwrap(item.NetworkInterfaces, 'NetworkInterface');
    const instance: EcsInstance = strip({
      id: item.InstanceId,
      name: opt(item.InstanceName),
      hostName: opt(item.HostName),
      status: opt(item.Status),
      zoneId: opt(item.ZoneId),
      vpcId: opt(item.VpcAttributes?.VpcId),
      vSwitchId: opt(item.VpcAttributes?.VSwitchId),
      privateIps,
      securityGroupIds: [...unwrap(item.SecurityGroupIds, 'SecurityGroupId')],
      eipAddress: opt(item.EipAddress?.IpAddress),
      eipAllocationId: opt(item.EipAddress?.AllocationId),
      publicIps: unwrap(item.PublicIpAddress, 'IpAddress')
        .map((ip) => ip.trim())
        .filter((ip) => ip !== ''),
      networkInterfaceIds: enis.map((eni) => eni.NetworkInterfaceId),
      origin: ctx.doc.locate(path),
    });
    state.ecsInstances.add(ctx, instance.id, path, instance, instance.origin);
    enis.forEach((eni, index) => {
      const eniPath = [...path, 'NetworkInterfaces', 'NetworkInterface', index];
      const record = embeddedNetworkInterface(ctx, item, eni, eniPath);
      state.embeddedNetworkInterfaces.add(ctx, record.id, eniPath, record, record.origin);
    });
  }
}

export const describeInstances = defineAdapter({
  action: { service: 'ecs', name: 'DescribeInstances' },
  recognise: (body) => hasKeys(body, 'Instances') && isEcsInstancesBody(body.Instances),
  load: loadInstances,
});
