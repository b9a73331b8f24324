/** vpc DescribeNatGateways (§12; SNAT meaning: §3). */
import * as z from 'zod';
import type { NatGateway } from '../../model/cloud.js';
import { type BodyContext, reportWarning } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const natGatewayItem = z.looseObject({
  NatGatewayId: z.string().min(1),
  Name: optString,
  VpcId: z.string().min(1),
  NatType: optString,
  NetworkType: optString,
  Status: optString,
  SnatTableIds: wrapped('SnatTableId', z.string()),
  IpLists: wrapped('IpList', z.looseObject({ AllocationId: optString, IpAddress: optString })),
});

function loadNatGateways(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'NatGateways', 'NatGateway', natGatewayItem, 'NAT gateway')) {
    let networkType = opt(item.NetworkType)?.toLowerCase();
    if (networkType === undefined) {
      // Gateways created before VPC NAT existed are all Internet NAT gateways; say so rather than assume silently.
      networkType = 'internet';
      reportWarning(ctx, [...path, 'NetworkType'], {
        message: `NAT gateway ${item.NatGatewayId} does not say its NetworkType; it is taken as "internet"`,
        expected: '"internet" or "intranet"',
        hint: 'save the output of a current `aliyun vpc DescribeNatGateways`, which prints NetworkType',
      });
    }
    const gateway: NatGateway = strip({
      id: item.NatGatewayId,
      name: opt(item.Name),
      vpcId: item.VpcId,
      natType: opt(item.NatType),
      networkType,
      status: opt(item.Status),
      snatTableIds: unwrap(item.SnatTableIds, 'SnatTableId')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
      ipList: unwrap(item.IpLists, 'IpList').flatMap((ip) => {
        const address = opt(ip.IpAddress);
        return address === undefined
          ? []
          : [strip({ allocationId: opt(ip.AllocationId), ipAddress: address })];
      }),
      origin: ctx.doc.locate(path),
    });
    state.natGateways.add(ctx, gateway.id, path, gateway, gateway.origin);
  }
}

export const describeNatGateways = defineAdapter({
  action: { service: 'vpc', name: 'DescribeNatGateways' },
  recognise: (body) => hasKeys(body, 'NatGateways'),
  load: loadNatGateways,
});
