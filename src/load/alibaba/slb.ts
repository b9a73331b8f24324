/**
 * slb (CLB) responses: DescribeLoadBalancers, DescribeLoadBalancerAttribute (backends and listener ports), the
 * listener attribute bodies (TCP/UDP/HTTP/HTTPS: ACL settings), DescribeLoadBalancerListeners (a bare `Listeners[]`
 * array, §12 quirk 7) and DescribeAccessControlListAttribute (ACL entries). Meaning: §8 "CLB access control".
 */
import * as z from 'zod';
import type { AccessControlList } from '../../model/cloud.js';
import {
  type BodyContext,
  type Path,
  reportBadValue,
  reportError,
  validate,
  validateItems,
} from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { idFromFileName, LOAD_BALANCER_ID_PATTERN } from './file-name-id.js';
import { normaliseInteger, opt } from './normalise.js';
import { type ListenerPiece, type LoadBalancerBase, stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, numberish, optString, tagItem, unwrap, wrapped } from './wire.js';

const baseFields = {
  LoadBalancerId: z.string().min(1),
  LoadBalancerName: optString,
  Address: optString,
  AddressType: optString,
  AddressIPVersion: optString,
  VpcId: optString,
  VSwitchId: optString,
  LoadBalancerStatus: optString,
  Tags: wrapped('Tag', tagItem),
};

const loadBalancerItem = z.looseObject(baseFields);

function baseOf(item: z.infer<typeof loadBalancerItem>): LoadBalancerBase {
  const tags: Record<string, string> = {};
  for (const tag of unwrap(item.Tags, 'Tag')) {
    const key = opt(tag.TagKey) ?? opt(tag.Key);
    if (key !== undefined) tags[key] = tag.TagValue ?? tag.Value ?? '';
  }
  return strip({
    id: item.LoadBalancerId,
    name: opt(item.LoadBalancerName),
    address: opt(item.Address),
    addressType: opt(item.AddressType),
    addressIpVersion: opt(item.AddressIPVersion),
    vpcId: opt(item.VpcId),
    vSwitchId: opt(item.VSwitchId),
    status: opt(item.LoadBalancerStatus),
    tags,
  });
}

function loadLoadBalancers(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(
    ctx,
    'LoadBalancers',
    'LoadBalancer',
    loadBalancerItem,
    'load balancer',
  )) {
    const base = baseOf(item);
    state.loadBalancerBases.add(ctx, base.id, path, base, ctx.doc.locate(path));
  }
}

const attributeBody = z.looseObject({
  ...baseFields,
  BackendServers: wrapped(
    'BackendServer',
    z.looseObject({ ServerId: z.string().min(1), ServerIp: optString, Type: optString }),
  ),
  ListenerPorts: wrapped('ListenerPort', numberish),
  ListenerPortsAndProtocol: wrapped(
    'ListenerPortAndProtocol',
    z.looseObject({ ListenerPort: numberish, ListenerProtocol: optString }),
  ),
  // The legacy misspelling, still printed by the API.
  ListenerPortsAndProtocal: wrapped(
    'ListenerPortAndProtocal',
    z.looseObject({ ListenerPort: numberish, ListenerProtocal: optString }),
  ),
});

/** Listener ports are numbers 1..65535; a bad one is reported and its listener skipped. */
function portOf(ctx: BodyContext, value: string | number, path: Path, noun: string): number | undefined {
  const port = normaliseInteger(value);
  if (port === undefined || port < 1 || port > 65535) {
    reportBadValue(ctx, path, value, 'a port number from 1 to 65535', `this ${noun} is skipped`);
    return undefined;
  }
  return port;
}

function loadLoadBalancerAttribute(ctx: BodyContext): void {
  const body = validate(ctx, attributeBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const id = body.LoadBalancerId;
  const listeners: ListenerPiece[] = [];
  const withProtocol = unwrap(body.ListenerPortsAndProtocol, 'ListenerPortAndProtocol').map((listener) => ({
    port: listener.ListenerPort,
    protocol: listener.ListenerProtocol,
  }));
  const legacy = unwrap(body.ListenerPortsAndProtocal, 'ListenerPortAndProtocal').map((listener) => ({
    port: listener.ListenerPort,
    protocol: listener.ListenerProtocal,
  }));
  const [source, wrapperKey, itemKey] =
    withProtocol.length > 0
      ? [withProtocol, 'ListenerPortsAndProtocol', 'ListenerPortAndProtocol']
      : [legacy, 'ListenerPortsAndProtocal', 'ListenerPortAndProtocal'];
  source.forEach((listener, index) => {
    const path = [wrapperKey, itemKey, index];
    const port = portOf(ctx, listener.port, [...path, 'ListenerPort'], 'listener');
    if (port === undefined) return;
    const protocol = opt(listener.protocol)?.toLowerCase();
    listeners.push(strip({ loadBalancerId: id, port, protocol, origin: ctx.doc.locate(path) }));
  });
  if (source.length === 0) {
    // Only bare ports: the protocols come from the listener bodies, if any.
    unwrap(body.ListenerPorts, 'ListenerPort').forEach((value, index) => {
      const path = ['ListenerPorts', 'ListenerPort', index];
      const port = portOf(ctx, value, path, 'listener');
      if (port !== undefined) listeners.push({ loadBalancerId: id, port, origin: ctx.doc.locate(path) });
    });
  }
  const piece = {
    ...baseOf(body),
    backends: unwrap(body.BackendServers, 'BackendServer').map((server) =>
      strip({ serverId: server.ServerId, serverIp: opt(server.ServerIp), type: opt(server.Type) }),
    ),
    listeners,
  };
  stateOf(ctx.builder).loadBalancerAttributes.add(ctx, id, [], piece, ctx.doc.locate([]));
}

/** ACL settings as both listener responses print them. */
const aclFields = {
  AclStatus: optString,
  AclType: optString,
  AclId: optString,
};

type AclSettings = Pick<ListenerPiece, 'aclStatus' | 'aclType' | 'aclIds'>;

function aclSettings(
  ctx: BodyContext,
  raw: {
    AclStatus?: string | null | undefined;
    AclType?: string | null | undefined;
    AclId?: string | null | undefined;
  },
  aclIds: readonly string[],
  path: Path,
): AclSettings {
  let aclStatus: 'on' | 'off' | undefined;
  const status = opt(raw.AclStatus)?.toLowerCase();
  if (status === 'on' || status === 'off') aclStatus = status;
  else if (status !== undefined) {
    reportBadValue(
      ctx,
      [...path, 'AclStatus'],
      raw.AclStatus,
      '"on" or "off"',
      'the ACL status is left unknown',
    );
  }
  let aclType: 'white' | 'black' | undefined;
  const type = opt(raw.AclType)?.toLowerCase();
  if (type === 'white' || type === 'black') aclType = type;
  else if (type !== undefined) {
    reportBadValue(
      ctx,
      [...path, 'AclType'],
      raw.AclType,
      '"white" or "black"',
      'the ACL type is left unknown',
    );
  }
  const ids = aclIds.map((id) => id.trim()).filter((id) => id !== '');
  const single = opt(raw.AclId);
  if (single !== undefined && !ids.includes(single)) ids.unshift(single);
  return strip({ aclStatus, aclType, aclIds: ids });
}

const listenerAttributeBody = z.looseObject({
  LoadBalancerId: optString,
  ListenerPort: numberish,
  BackendServerPort: numberish.nullish(),
  ...aclFields,
  AclIds: wrapped('AclId', z.string()),
});

/** The listener attribute bodies do not say their protocol; fields only one protocol has do. */
const PROTOCOL_MARKERS: readonly (readonly [string, readonly string[]])[] = [
  ['https', ['ServerCertificateId', 'CACertificateId', 'TLSCipherPolicy', 'EnableHttp2']],
  ['http', ['StickySession', 'XForwardedFor', 'Gzip', 'ListenerForward', 'ForwardPort']],
  ['udp', ['HealthCheckReq', 'HealthCheckExp']],
  ['tcp', ['EstablishedTimeout', 'SynProxy', 'HealthCheckType']],
];

export type ListenerProtocol = 'tcp' | 'udp' | 'http' | 'https';

function protocolFromContent(body: Record<string, unknown>): ListenerProtocol | undefined {
  for (const [protocol, markers] of PROTOCOL_MARKERS) {
    if (markers.some((marker) => Object.hasOwn(body, marker))) return protocol as ListenerProtocol;
  }
  return undefined;
}

/** A listener attribute body: `ListenerPort` at the top, not a list of listeners nor a load balancer attribute. */
function isListenerAttribute(body: Record<string, unknown>): boolean {
  return (
    hasKeys(body, 'ListenerPort') &&
    !hasKeys(body, 'Listeners') &&
    (hasKeys(body, 'BackendServerPort') || hasKeys(body, 'AclStatus') || hasKeys(body, 'Status'))
  );
}

/** The protocol named by the file name (`DescribeLoadBalancerTCPListenerAttribute.lb-….json`), if any. */
function protocolFromFileName(file: string): ListenerProtocol | undefined {
  const baseName = file.split(/[\\/]/).pop() ?? file;
  const match = /(TCP|UDP|HTTPS|HTTP)ListenerAttribute/i.exec(baseName);
  return match?.[1] === undefined ? undefined : (match[1].toLowerCase() as ListenerProtocol);
}

function loadListenerAttribute(ctx: BodyContext, contentProtocol: ListenerProtocol | undefined): void {
  const protocol = contentProtocol ?? protocolFromFileName(ctx.doc.file);
  const body = validate(ctx, listenerAttributeBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const loadBalancerId = opt(body.LoadBalancerId) ?? idFromFileName(ctx.doc.file, LOAD_BALANCER_ID_PATTERN);
  if (loadBalancerId === undefined) {
    reportError(ctx, [], {
      message: `this ${ctx.action.name} response does not name its load balancer, and the file name holds no load balancer id; the whole body is skipped`,
      expected: 'LoadBalancerId in the body, or a load balancer id (lb-…) in the file name',
      hint: `rename the file after its load balancer, e.g. ${ctx.action.name}.lb-bp1xxxxxxxxxxxxxx.80.json`,
    });
    return;
  }
  const port = portOf(ctx, body.ListenerPort, ['ListenerPort'], 'listener');
  if (port === undefined) return;
  let backendPort: number | undefined;
  if (body.BackendServerPort !== null && body.BackendServerPort !== undefined) {
    backendPort = normaliseInteger(body.BackendServerPort);
    if (backendPort === undefined) {
      reportBadValue(
        ctx,
        ['BackendServerPort'],
        body.BackendServerPort,
        'a port number',
        'the backend port is left out',
      );
    }
  }
  const piece: ListenerPiece = strip({
    loadBalancerId,
    port,
    protocol,
    backendPort,
    ...aclSettings(ctx, body, unwrap(body.AclIds, 'AclId'), []),
    origin: ctx.doc.locate([]),
  });
  stateOf(ctx.builder).listeners.add(
    ctx,
    `${loadBalancerId}:${port}:${protocol ?? '?'}`,
    [],
    piece,
    piece.origin,
  );
}

function listenerAttributeAdapter(protocol: ListenerProtocol) {
  const name = `DescribeLoadBalancer${protocol.toUpperCase()}ListenerAttribute`;
  return defineAdapter({
    action: { service: 'slb', name },
    recognise: (body) => isListenerAttribute(body) && protocolFromContent(body) === protocol,
    load: (ctx) => loadListenerAttribute(ctx, protocol),
  });
}

const listenerItem = z.looseObject({
  LoadBalancerId: z.string().min(1),
  ListenerPort: numberish,
  ListenerProtocol: z.string().min(1),
  BackendServerPort: numberish.nullish(),
  ...aclFields,
  AclIds: z.array(z.string()).nullish(),
});

function loadListeners(ctx: BodyContext): void {
  const body = validate(
    ctx,
    z.looseObject({ Listeners: z.array(z.unknown(), { error: 'a list of listeners' }) }),
    ctx.doc.value,
    [],
    'the whole body is skipped',
  );
  if (body === undefined) return;
  const state = stateOf(ctx.builder);
  for (const { item, path } of validateItems(ctx, listenerItem, body.Listeners, ['Listeners'], 'listener')) {
    const port = portOf(ctx, item.ListenerPort, [...path, 'ListenerPort'], 'listener');
    if (port === undefined) continue;
    const protocol = item.ListenerProtocol.trim().toLowerCase();
    const backendPort =
      item.BackendServerPort === null || item.BackendServerPort === undefined
        ? undefined
        : normaliseInteger(item.BackendServerPort);
    const piece: ListenerPiece = strip({
      loadBalancerId: item.LoadBalancerId,
      port,
      protocol,
      backendPort,
      ...aclSettings(ctx, item, item.AclIds ?? [], path),
      origin: ctx.doc.locate(path),
    });
    state.listenerSummaries.add(ctx, `${item.LoadBalancerId}:${port}:${protocol}`, path, piece, piece.origin);
  }
}

const aclBody = z.looseObject({
  AclId: z.string().min(1),
  AclName: optString,
  AddressIPVersion: optString,
  AclEntrys: z
    .looseObject(
      { AclEntry: z.array(z.unknown(), { error: 'a list: "AclEntrys": {"AclEntry": [ … ]}' }).nullish() },
      { error: 'an object {"AclEntry": [ … ]}' },
    )
    .nullish(),
});

const aclEntryItem = z.looseObject({ AclEntryIP: z.string().min(1), AclEntryComment: optString });

function loadAccessControlList(ctx: BodyContext): void {
  const body = validate(ctx, aclBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const entries = validateItems(
    ctx,
    aclEntryItem,
    body.AclEntrys?.AclEntry ?? [],
    ['AclEntrys', 'AclEntry'],
    'entry',
  );
  const acl: AccessControlList = strip({
    id: body.AclId,
    name: opt(body.AclName),
    ipVersion: opt(body.AddressIPVersion),
    entries: entries.map(({ item }) =>
      strip({ cidr: item.AclEntryIP.trim(), comment: opt(item.AclEntryComment) }),
    ),
    origin: ctx.doc.locate([]),
  });
  stateOf(ctx.builder).accessControlLists.add(ctx, acl.id, [], acl, acl.origin);
}

export const describeLoadBalancers = defineAdapter({
  action: { service: 'slb', name: 'DescribeLoadBalancers' },
  recognise: (body) => hasKeys(body, 'LoadBalancers'),
  load: loadLoadBalancers,
});

export const describeLoadBalancerAttribute = defineAdapter({
  action: { service: 'slb', name: 'DescribeLoadBalancerAttribute' },
  recognise: (body) =>
    hasKeys(body, 'LoadBalancerId') &&
    !hasKeys(body, 'ListenerPort') &&
    ['Address', 'BackendServers', 'ListenerPorts', 'ListenerPortsAndProtocol', 'LoadBalancerStatus'].some(
      (key) => hasKeys(body, key),
    ),
  load: loadLoadBalancerAttribute,
});

export const describeLoadBalancerTcpListenerAttribute = listenerAttributeAdapter('tcp');
export const describeLoadBalancerUdpListenerAttribute = listenerAttributeAdapter('udp');
export const describeLoadBalancerHttpListenerAttribute = listenerAttributeAdapter('http');
export const describeLoadBalancerHttpsListenerAttribute = listenerAttributeAdapter('https');

/** A listener attribute body whose fields do not tell its protocol: it is merged onto the listener with its port. */
export const describeLoadBalancerListenerAttribute = defineAdapter({
  action: { service: 'slb', name: 'DescribeLoadBalancer(TCP|UDP|HTTP|HTTPS)ListenerAttribute' },
  recognise: (body) => isListenerAttribute(body) && protocolFromContent(body) === undefined,
  load: (ctx) => loadListenerAttribute(ctx, undefined),
});

export const describeLoadBalancerListeners = defineAdapter({
  action: { service: 'slb', name: 'DescribeLoadBalancerListeners' },
  recognise: (body) => hasKeys(body, 'Listeners'),
  load: loadListeners,
});

export const describeAccessControlListAttribute = defineAdapter({
  action: { service: 'slb', name: 'DescribeAccessControlListAttribute' },
  recognise: (body) =>
    hasKeys(body, 'AclEntrys') || (hasKeys(body, 'AclId', 'AclName') && !hasKeys(body, 'ListenerPort')),
  load: loadAccessControlList,
});
