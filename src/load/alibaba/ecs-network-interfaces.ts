/**
 * ecs DescribeNetworkInterfaces: every ENI with its vSwitch, security groups, private IPs (Terway pod IPs are
 * secondary private IPs) and the public IP associated with each private IP (§12, §4).
 */
import * as z from 'zod';
import type { NetworkInterface, PrivateIp } from '../../model/cloud.js';
import type { BodyContext } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const associatedPublicIp = z.looseObject({ PublicIpAddress: optString, AllocationId: optString }).nullish();

const eniItem = z.looseObject({
  NetworkInterfaceId: z.string().min(1),
  Type: optString,
  Status: optString,
  InstanceId: optString,
  VpcId: optString,
  VSwitchId: optString,
  ZoneId: optString,
  PrivateIpAddress: optString,
  SecurityGroupIds: wrapped('SecurityGroupId', z.string()),
  AssociatedPublicIp: associatedPublicIp,
  PrivateIpSets: wrapped(
    'PrivateIpSet',
    z.looseObject({
      PrivateIpAddress: z.string(),
      Primary: z.boolean().nullish(),
      AssociatedPublicIp: associatedPublicIp,
    }),
  ),
  Ipv6Sets: wrapped('Ipv6Set', z.looseObject({ Ipv6Address: z.string() })),
  Ipv4PrefixSets: wrapped('Ipv4PrefixSet', z.looseObject({ Ipv4Prefix: z.string() })),
  Attachment: z.looseObject({ InstanceId: optString, TrunkNetworkInterfaceId: optString }).nullish(),
});

type EniItem = z.infer<typeof eniItem>;

function privateIpsOf(item: EniItem): PrivateIp[] {
  const sets = unwrap(item.PrivateIpSets, 'PrivateIpSet').filter(
    (set) => opt(set.PrivateIpAddress) !== undefined,
  );
  // The ENI-level AssociatedPublicIp belongs to the primary private IP.
  const eniPublicIp = opt(item.AssociatedPublicIp?.PublicIpAddress);
  const eniAllocationId = opt(item.AssociatedPublicIp?.AllocationId);
  if (sets.length === 0) {
    const primary = opt(item.PrivateIpAddress);
    if (primary === undefined) return [];
    return [
      strip({
        address: primary,
        primary: true,
        associatedPublicIp: eniPublicIp,
        associatedAllocationId: eniAllocationId,
      }),
    ];
  }
  return sets.map((set) => {
    const primary = set.Primary === true;
    const publicIp = opt(set.AssociatedPublicIp?.PublicIpAddress) ?? (primary ? eniPublicIp : undefined);
    const allocationId = opt(set.AssociatedPublicIp?.AllocationId) ?? (primary ? eniAllocationId : undefined);
    return strip({
      address: set.PrivateIpAddress.trim(),
      primary,
      associatedPublicIp: publicIp,
      associatedAllocationId: allocationId,
    });
  });
}

function loadNetworkInterfaces(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  const items = loadList(ctx, 'NetworkInterfaceSets', 'NetworkInterfaceSet', eniItem, 'network interface');
  for (const { item, path } of items) {
    const eni: NetworkInterface = strip({
      id: item.NetworkInterfaceId,
      type: opt(item.Type),
      status: opt(item.Status),
      instanceId: opt(item.InstanceId) ?? opt(item.Attachment?.InstanceId),
      vpcId: opt(item.VpcId),
      vSwitchId: opt(item.VSwitchId),
      zoneId: opt(item.ZoneId),
      securityGroupIds: [...unwrap(item.SecurityGroupIds, 'SecurityGroupId')],
      privateIps: privateIpsOf(item),
      ipv6Addresses: unwrap(item.Ipv6Sets, 'Ipv6Set').map((set) => set.Ipv6Address.trim()),
      ipv4Prefixes: unwrap(item.Ipv4PrefixSets, 'Ipv4PrefixSet').map((set) => set.Ipv4Prefix.trim()),
      trunkNetworkInterfaceId: opt(item.Attachment?.TrunkNetworkInterfaceId),
      origin: ctx.doc.locate(path),
    });
    state.networkInterfaces.add(ctx, eni.id, path, eni, eni.origin);
  }
}

export const describeNetworkInterfaces = defineAdapter({
  action: { service: 'ecs', name: 'DescribeNetworkInterfaces' },
  recognise: (body) => hasKeys(body, 'NetworkInterfaceSets'),
  load: loadNetworkInterfaces,
});
