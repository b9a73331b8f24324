/**
 * rds DescribeDBInstances (the instances), DescribeDBInstanceNetInfo (connection addresses) and
 * DescribeDBInstanceIPArrayList (the whitelist). The last two do not name their instance: the id comes from the file
 * name, e.g. `DescribeDBInstanceIPArrayList.rm-bp1xxxx.json` (§12 quirks 9 and 13; whitelist meaning: §8).
 */
import * as z from 'zod';
import type { RdsInstance, RdsWhitelistGroup } from '../../model/cloud.js';
import { type BodyContext, reportBadValue, reportError, validate, validateItems } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { idFromFileName, RDS_ID_PATTERN } from './file-name-id.js';
import { normaliseInteger, opt, splitCommaList } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, numberish, optString } from './wire.js';

const instanceItem = z.looseObject({
  DBInstanceId: z.string().min(1),
  DBInstanceDescription: optString,
  Engine: optString,
  EngineVersion: optString,
  VpcId: optString,
  VSwitchId: optString,
  DBInstanceStatus: optString,
});

function loadDbInstances(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(ctx, 'Items', 'DBInstance', instanceItem, 'RDS instance')) {
    const base = strip({
      id: item.DBInstanceId,
      description: opt(item.DBInstanceDescription),
      engine: opt(item.Engine),
      engineVersion: opt(item.EngineVersion),
      vpcId: opt(item.VpcId),
      vSwitchId: opt(item.VSwitchId),
      status: opt(item.DBInstanceStatus),
    });
    state.rdsBases.add(ctx, base.id, path, base, ctx.doc.locate(path));
  }
}

/** The instance id from the file name, or an error telling the user how to name the file. */
function instanceIdFromFileName(ctx: BodyContext): string | undefined {
  const id = idFromFileName(ctx.doc.file, RDS_ID_PATTERN);
  if (id === undefined) {
    reportError(ctx, [], {
      message: `this ${ctx.action.name} response does not name its RDS instance, and the file name holds no instance id; the whole body is skipped`,
      expected: 'an instance id (rm-…, pgm-… or pc-…) in the file name',
      hint: `rename the file after its instance, e.g. ${ctx.action.name}.rm-bp1xxxxxxxxxxxxxx.json`,
    });
  }
  return id;
}

const netInfoItem = z.looseObject({
  ConnectionString: optString,
  IPAddress: optString,
  IPType: optString,
  Port: numberish.nullish(),
  VPCId: optString,
  VSwitchId: optString,
});

function loadNetInfo(ctx: BodyContext): void {
  const id = instanceIdFromFileName(ctx);
  if (id === undefined) return;
  const items = loadList(ctx, 'DBInstanceNetInfos', 'DBInstanceNetInfo', netInfoItem, 'connection');
  const connections: RdsInstance['connections'][number][] = [];
  let vpcId: string | undefined;
  let vSwitchId: string | undefined;
  for (const { item, path } of items) {
    let port: number | undefined;
    if (item.Port !== null && item.Port !== undefined && opt(String(item.Port)) !== undefined) {
      port = normaliseInteger(item.Port);
      if (port === undefined || port < 1 || port > 65535) {
        reportBadValue(
          ctx,
          [...path, 'Port'],
          item.Port,
          'a port number such as "3306"',
          'this connection is skipped',
        );
        continue;
      }
    }
    vpcId ??= opt(item.VPCId);
    vSwitchId ??= opt(item.VSwitchId);
    connections.push(
      strip({
        connectionString: opt(item.ConnectionString),
        ipAddress: opt(item.IPAddress),
        ipType: opt(item.IPType),
        port,
      }),
    );
  }
  // Only a body whose envelope was read counts as this instance's connections.
  if (items.length === 0 && !hasConnectionsWrapper(ctx.doc.value)) return;
  stateOf(ctx.builder).rdsNetInfos.add(
    ctx,
    id,
    [],
    strip({ vpcId, vSwitchId, connections }),
    ctx.doc.locate([]),
  );
}

function hasConnectionsWrapper(value: unknown): boolean {
  const wrapper = (value as { DBInstanceNetInfos?: { DBInstanceNetInfo?: unknown } }).DBInstanceNetInfos;
  return Array.isArray(wrapper?.DBInstanceNetInfo);
}

const ipArrayItem = z.looseObject({
  DBInstanceIPArrayName: z.string().min(1),
  DBInstanceIPArrayAttribute: optString,
  SecurityIPList: z.string(),
  SecurityIPType: optString,
});

const ipArrayBody = z.looseObject({
  Items: z.looseObject(
    { DBInstanceIPArray: z.array(z.unknown(), { error: 'a list: "Items": {"DBInstanceIPArray": [ … ]}' }) },
    { error: 'an object {"DBInstanceIPArray": [ … ]}' },
  ),
});

function loadIpArrayList(ctx: BodyContext): void {
  const id = instanceIdFromFileName(ctx);
  if (id === undefined) return;
  const body = validate(ctx, ipArrayBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const base = ['Items', 'DBInstanceIPArray'];
  const groups: RdsWhitelistGroup[] = [];
  for (const { item, path } of validateItems(
    ctx,
    ipArrayItem,
    body.Items.DBInstanceIPArray,
    base,
    'whitelist group',
  )) {
    groups.push(
      strip({
        name: item.DBInstanceIPArrayName,
        attribute: opt(item.DBInstanceIPArrayAttribute),
        entries: splitCommaList(item.SecurityIPList),
        ipType: opt(item.SecurityIPType),
        origin: ctx.doc.locate(path),
      }),
    );
  }
  stateOf(ctx.builder).rdsWhitelists.add(ctx, id, [], groups, ctx.doc.locate([]));
}

/** `Items` wraps both instances and whitelist groups; the item key (or the instance paging fields) tells them apart. */
function itemsKey(body: Record<string, unknown>): string[] {
  const items = body.Items;
  return typeof items === 'object' && items !== null && !Array.isArray(items) ? Object.keys(items) : [];
}

export const describeDbInstances = defineAdapter({
  action: { service: 'rds', name: 'DescribeDBInstances' },
  recognise: (body) =>
    hasKeys(body, 'Items') && (itemsKey(body).includes('DBInstance') || hasKeys(body, 'TotalRecordCount')),
  load: loadDbInstances,
});

export const describeDbInstanceNetInfo = defineAdapter({
  action: { service: 'rds', name: 'DescribeDBInstanceNetInfo' },
  recognise: (body) => hasKeys(body, 'DBInstanceNetInfos'),
  load: loadNetInfo,
});

export const describeDbInstanceIpArrayList = defineAdapter({
  action: { service: 'rds', name: 'DescribeDBInstanceIPArrayList' },
  recognise: (body) =>
    hasKeys(body, 'Items') &&
    itemsKey(body).includes('DBInstanceIPArray') &&
    !hasKeys(body, 'TotalRecordCount'),
  load: loadIpArrayList,
});
