/** vpc DescribeSnatTableEntries (§12; `SnatIp` is a comma-separated string, quirk 8; meaning: §3). */
import * as z from 'zod';
import type { SnatEntry } from '../../model/cloud.js';
import type { BodyContext } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt, splitCommaList } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString } from './wire.js';

const snatEntryItem = z.looseObject({
  SnatEntryId: z.string().min(1),
  SnatEntryName: optString,
  SnatTableId: z.string().min(1),
  NatGatewayId: optString,
  SourceVSwitchId: optString,
  SourceCIDR: optString,
  SnatIp: optString,
  Status: optString,
});

function loadSnatEntries(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(
    ctx,
    'SnatTableEntries',
    'SnatTableEntry',
    snatEntryItem,
    'SNAT entry',
  )) {
    const entry: SnatEntry = strip({
      id: item.SnatEntryId,
      name: opt(item.SnatEntryName),
      snatTableId: item.SnatTableId,
      natGatewayId: opt(item.NatGatewayId),
      sourceVSwitchId: opt(item.SourceVSwitchId),
      sourceCidr: opt(item.SourceCIDR),
      snatIps: splitCommaList(item.SnatIp),
      status: opt(item.Status),
      origin: ctx.doc.locate(path),
    });
    state.snatEntries.add(ctx, entry.id, path, entry, entry.origin);
  }
}

export const describeSnatTableEntries = defineAdapter({
  action: { service: 'vpc', name: 'DescribeSnatTableEntries' },
  recognise: (body) => hasKeys(body, 'SnatTableEntries'),
  load: loadSnatEntries,
});
