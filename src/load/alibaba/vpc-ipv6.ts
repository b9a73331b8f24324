/** vpc DescribeIpv6Addresses and vpc DescribeIpv6Gateways (§12; meaning: §7). */
import * as z from 'zod';
import type { Ipv6Address, Ipv6Gateway } from '../../model/cloud.js';
import type { BodyContext } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { normaliseInteger, opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, numberish, optString } from './wire.js';

const ipv6AddressItem = z.looseObject({
  Ipv6AddressId: z.string().min(1),
  Ipv6Address: z.string().min(1),
  VpcId: optString,
  VSwitchId: optString,
  Ipv6GatewayId: optString,
  AssociatedInstanceId: optString,
  AssociatedInstanceType: optString,
  NetworkType: optString,
  Status: optString,
  Ipv6InternetBandwidth: z
    .looseObject({
      Ipv6InternetBandwidthId: optString,
      Bandwidth: numberish.nullish(),
      BusinessStatus: optString,
    })
    .nullish(),
});

type BandwidthItem = NonNullable<z.infer<typeof ipv6AddressItem>['Ipv6InternetBandwidth']>;

/** Internet bandwidth counts as allocated when the body names it (an id or a bandwidth above 0). */
function internetBandwidth(raw: BandwidthItem | null | undefined): Ipv6Address['internetBandwidth'] {
  if (raw === null || raw === undefined) return undefined;
  const id = opt(raw.Ipv6InternetBandwidthId);
  const bandwidth =
    raw.Bandwidth === null || raw.Bandwidth === undefined ? undefined : normaliseInteger(raw.Bandwidth);
  if (id === undefined && (bandwidth === undefined || bandwidth === 0)) return undefined;
  return strip({ id, bandwidth, businessStatus: opt(raw.BusinessStatus) });
}

function loadIpv6Addresses(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(
    ctx,
    'Ipv6Addresses',
    'Ipv6Address',
    ipv6AddressItem,
    'IPv6 address',
  )) {
    const address: Ipv6Address = strip({
      id: item.Ipv6AddressId,
      address: item.Ipv6Address.trim(),
      vpcId: opt(item.VpcId),
      vSwitchId: opt(item.VSwitchId),
      ipv6GatewayId: opt(item.Ipv6GatewayId),
      associatedInstanceId: opt(item.AssociatedInstanceId),
      associatedInstanceType: opt(item.AssociatedInstanceType),
      networkType: opt(item.NetworkType),
      status: opt(item.Status),
      internetBandwidth: internetBandwidth(item.Ipv6InternetBandwidth),
      origin: ctx.doc.locate(path),
    });
    state.ipv6Addresses.add(ctx, address.id, path, address, address.origin);
  }
}

const ipv6GatewayItem = z.looseObject({
  Ipv6GatewayId: z.string().min(1),
  VpcId: z.string().min(1),
  Status: optString,
});

function loadIpv6Gateways(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(
    ctx,
    'Ipv6Gateways',
    'Ipv6Gateway',
    ipv6GatewayItem,
    'IPv6 gateway',
  )) {
    const gateway: Ipv6Gateway = strip({
      id: item.Ipv6GatewayId,
      vpcId: item.VpcId,
      status: opt(item.Status),
      origin: ctx.doc.locate(path),
    });
    state.ipv6Gateways.add(ctx, gateway.id, path, gateway, gateway.origin);
  }
}

export const describeIpv6Addresses = defineAdapter({
  action: { service: 'vpc', name: 'DescribeIpv6Addresses' },
  recognise: (body) => hasKeys(body, 'Ipv6Addresses'),
  load: loadIpv6Addresses,
});

export const describeIpv6Gateways = defineAdapter({
  action: { service: 'vpc', name: 'DescribeIpv6Gateways' },
  recognise: (body) => hasKeys(body, 'Ipv6Gateways'),
  load: loadIpv6Gateways,
});
