/**
 * vpc DescribeRouteTableList (`RouterTableList.RouterTableListType[]`, §12 quirk 2) and vpc DescribeRouteEntryList
 * (`RouteEntrys.RouteEntry[]` with `NextHops.NextHop[]`, quirk 3).
 */
import * as z from 'zod';
import type { RouteEntry, RouteTable } from '../../model/cloud.js';
import { type BodyContext, reportBadValue } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const routeTableItem = z.looseObject({
  RouteTableId: z.string().min(1),
  RouteTableName: optString,
  RouteTableType: z.string(),
  VpcId: z.string().min(1),
  VSwitchIds: wrapped('VSwitchId', z.string()),
});

function loadRouteTables(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  const items = loadList(ctx, 'RouterTableList', 'RouterTableListType', routeTableItem, 'route table');
  for (const { item, path } of items) {
    const rawType = item.RouteTableType.trim().toLowerCase();
    if (rawType !== 'system' && rawType !== 'custom') {
      reportBadValue(
        ctx,
        [...path, 'RouteTableType'],
        item.RouteTableType,
        '"System" or "Custom"',
        'this route table is skipped',
      );
      continue;
    }
    const table: RouteTable = strip({
      id: item.RouteTableId,
      name: opt(item.RouteTableName),
      type: (rawType === 'system' ? 'System' : 'Custom') as RouteTable['type'],
      vpcId: item.VpcId,
      vSwitchIds: unwrap(item.VSwitchIds, 'VSwitchId')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
      origin: ctx.doc.locate(path),
    });
    state.routeTables.add(ctx, table.id, path, table, table.origin);
  }
}

const nextHopItem = z.looseObject({
  NextHopType: z.string(),
  NextHopId: optString,
  Enabled: z.union([z.number(), z.boolean(), z.string()]).nullish(),
});

const routeEntryItem = z.looseObject({
  RouteEntryId: optString,
  RouteEntryName: optString,
  RouteTableId: z.string().min(1),
  DestinationCidrBlock: z.string().min(1),
  Type: optString,
  Status: optString,
  NextHops: wrapped('NextHop', nextHopItem),
});

/** `Enabled` is an int 0/1 (§12); a next hop that does not say is taken as enabled. */
function isEnabled(enabled: number | boolean | string | null | undefined): boolean {
  return !(enabled === 0 || enabled === false || enabled === '0' || enabled === 'false');
}

function loadRouteEntries(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'RouteEntrys', 'RouteEntry', routeEntryItem, 'route entry')) {
    const entry: RouteEntry = strip({
      id: opt(item.RouteEntryId),
      name: opt(item.RouteEntryName),
      routeTableId: item.RouteTableId,
      destinationCidr: item.DestinationCidrBlock.trim(),
      type: opt(item.Type),
      status: opt(item.Status),
      nextHops: unwrap(item.NextHops, 'NextHop')
        .filter((hop) => isEnabled(hop.Enabled))
        .map((hop) => ({ type: hop.NextHopType, id: opt(hop.NextHopId) ?? '' })),
      origin: ctx.doc.locate(path),
    });
    const key = entry.id ?? `${entry.routeTableId} ${entry.destinationCidr}`;
    state.routeEntries.add(ctx, key, path, entry, entry.origin);
  }
}

export const describeRouteTableList = defineAdapter({
  action: { service: 'vpc', name: 'DescribeRouteTableList' },
  recognise: (body) => hasKeys(body, 'RouterTableList'),
  load: loadRouteTables,
});

export const describeRouteEntryList = defineAdapter({
  action: { service: 'vpc', name: 'DescribeRouteEntryList' },
  recognise: (body) => hasKeys(body, 'RouteEntrys'),
  load: loadRouteEntries,
});
