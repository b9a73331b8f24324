/** vpc DescribeVpcs and vpc DescribeVSwitches (§12; the `NatGatewayIds.NatGatewayIds[]` repeat is quirk 4). */
import * as z from 'zod';
import type { Vpc, VSwitch } from '../../model/cloud.js';
import type { BodyContext } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const vpcItem = z.looseObject({
  VpcId: z.string().min(1),
  VpcName: optString,
  CidrBlock: optString,
  SecondaryCidrBlocks: wrapped('SecondaryCidrBlock', z.string()),
  Ipv6CidrBlock: optString,
  Ipv6CidrBlocks: wrapped('Ipv6CidrBlock', z.looseObject({ Ipv6CidrBlock: optString })),
  RouterTableIds: wrapped('RouterTableIds', z.string()),
  NatGatewayIds: wrapped('NatGatewayIds', z.string()),
  RegionId: optString,
});

function present(values: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const clean = opt(value);
    if (clean !== undefined && !out.includes(clean)) out.push(clean);
  }
  return out;
}

function loadVpcs(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'Vpcs', 'Vpc', vpcItem, 'VPC')) {
    const vpc: Vpc = strip({
      id: item.VpcId,
      name: opt(item.VpcName),
      cidrBlocks: present([item.CidrBlock, ...unwrap(item.SecondaryCidrBlocks, 'SecondaryCidrBlock')]),
      ipv6CidrBlocks: present([
        item.Ipv6CidrBlock,
        ...unwrap(item.Ipv6CidrBlocks, 'Ipv6CidrBlock').map((block) => block.Ipv6CidrBlock),
      ]),
      routeTableIds: present(unwrap(item.RouterTableIds, 'RouterTableIds')),
      natGatewayIds: present(unwrap(item.NatGatewayIds, 'NatGatewayIds')),
      regionId: opt(item.RegionId),
      origin: ctx.doc.locate(path),
    });
    state.vpcs.add(ctx, vpc.id, path, vpc, vpc.origin);
  }
}

const vSwitchItem = z.looseObject({
  VSwitchId: z.string().min(1),
  VSwitchName: optString,
  VpcId: z.string().min(1),
  ZoneId: z.string().min(1),
  CidrBlock: z.string().min(1),
  Ipv6CidrBlock: optString,
  NetworkAclId: optString,
  RouteTable: z.looseObject({ RouteTableId: optString }).nullish(),
});

function loadVSwitches(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'VSwitches', 'VSwitch', vSwitchItem, 'vSwitch')) {
    const vSwitch: VSwitch = strip({
      id: item.VSwitchId,
      name: opt(item.VSwitchName),
      vpcId: item.VpcId,
      zoneId: item.ZoneId,
      cidrBlock: item.CidrBlock.trim(),
      ipv6CidrBlock: opt(item.Ipv6CidrBlock),
      routeTableId: opt(item.RouteTable?.RouteTableId),
      networkAclId: opt(item.NetworkAclId),
      origin: ctx.doc.locate(path),
    });
    state.vSwitches.add(ctx, vSwitch.id, path, vSwitch, vSwitch.origin);
  }
}

export const describeVpcs = defineAdapter({
  action: { service: 'vpc', name: 'DescribeVpcs' },
  recognise: (body) => hasKeys(body, 'Vpcs'),
  load: loadVpcs,
});

export const describeVSwitches = defineAdapter({
  action: { service: 'vpc', name: 'DescribeVSwitches' },
  recognise: (body) => hasKeys(body, 'VSwitches'),
  load: loadVSwitches,
});
