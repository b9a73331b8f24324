/** vpc DescribeEipAddresses (§12; binding meaning: §4). */
import * as z from 'zod';
import type { Eip } from '../../model/cloud.js';
import type { BodyContext } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, numberish, optString } from './wire.js';

const eipItem = z.looseObject({
  AllocationId: z.string().min(1),
  IpAddress: z.string().min(1),
  Name: optString,
  Status: z.string().min(1),
  InstanceId: optString,
  InstanceType: optString,
  PrivateIpAddress: optString,
  Mode: optString,
  Bandwidth: numberish.nullish(),
});

function loadEips(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'EipAddresses', 'EipAddress', eipItem, 'EIP')) {
    const eip: Eip = strip({
      allocationId: item.AllocationId,
      ipAddress: item.IpAddress.trim(),
      name: opt(item.Name),
      status: item.Status,
      instanceId: opt(item.InstanceId),
      instanceType: opt(item.InstanceType),
      privateIpAddress: opt(item.PrivateIpAddress),
      mode: opt(item.Mode),
      // `Bandwidth` is a string in this API (Mbit/s); kept as written.
      bandwidth:
        item.Bandwidth === null || item.Bandwidth === undefined ? undefined : opt(String(item.Bandwidth)),
      origin: ctx.doc.locate(path),
    });
    state.eips.add(ctx, eip.allocationId, path, eip, eip.origin);
  }
}

export const describeEipAddresses = defineAdapter({
  action: { service: 'vpc', name: 'DescribeEipAddresses' },
  recognise: (body) => hasKeys(body, 'EipAddresses'),
  load: loadEips,
});
