/**
 * vpc DescribeNetworkAcls and vpc DescribeNetworkAclAttributes (a single `NetworkAclAttribute` with the same fields).
 * Entries keep their array order, which is evaluation order (§6).
 */
import * as z from 'zod';
import type { NetworkAcl, NetworkAclEntry } from '../../model/cloud.js';
import { type BodyContext, type Path, reportBadValue, validate, validateItems } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import { normalisePolicy, opt } from './normalise.js';
import { stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, optString, unwrap, wrapped } from './wire.js';

const entryItem = z.looseObject({
  NetworkAclEntryId: optString,
  NetworkAclEntryName: optString,
  Policy: z.string(),
  Protocol: z.string().min(1),
  Port: z.string().min(1),
  SourceCidrIp: optString,
  DestinationCidrIp: optString,
  IpVersion: optString,
  EntryType: optString,
});

const aclItem = z.looseObject({
  NetworkAclId: z.string().min(1),
  NetworkAclName: optString,
  VpcId: optString,
  Status: optString,
  IngressAclEntries: z
    .looseObject(
      { IngressAclEntry: z.array(z.unknown(), { error: 'a list: {"IngressAclEntry": [ … ]}' }).nullish() },
      { error: 'an object {"IngressAclEntry": [ … ]}' },
    )
    .nullish(),
  EgressAclEntries: z
    .looseObject(
      { EgressAclEntry: z.array(z.unknown(), { error: 'a list: {"EgressAclEntry": [ … ]}' }).nullish() },
      { error: 'an object {"EgressAclEntry": [ … ]}' },
    )
    .nullish(),
  Resources: wrapped('Resource', z.looseObject({ ResourceId: z.string(), ResourceType: optString })),
});

type AclItem = z.infer<typeof aclItem>;

function entries(ctx: BodyContext, raw: readonly unknown[], base: Path, direction: 'ingress' | 'egress') {
  const out: NetworkAclEntry[] = [];
  for (const { item, path } of validateItems(ctx, entryItem, raw, base, `${direction} entry`)) {
    const policy = normalisePolicy(item.Policy);
    if (policy === undefined) {
      reportBadValue(
        ctx,
        [...path, 'Policy'],
        item.Policy,
        '"accept" or "drop"',
        `this ${direction} entry is skipped`,
      );
      continue;
    }
    const cidrField = direction === 'ingress' ? 'SourceCidrIp' : 'DestinationCidrIp';
    const cidr = opt(item[cidrField]);
    if (cidr === undefined) {
      reportBadValue(
        ctx,
        [...path, cidrField],
        item[cidrField],
        'a CIDR block',
        `this ${direction} entry is skipped`,
      );
      continue;
    }
    out.push(
      strip({
        id: opt(item.NetworkAclEntryId),
        name: opt(item.NetworkAclEntryName),
        policy,
        protocol: item.Protocol.trim().toLowerCase(),
        portRange: item.Port.trim(),
        cidr,
        ipVersion: opt(item.IpVersion),
        entryType: opt(item.EntryType),
        origin: ctx.doc.locate(path),
      }),
    );
  }
  return out;
}

function addAcl(ctx: BodyContext, item: AclItem, path: Path): void {
  const acl: NetworkAcl = strip({
    id: item.NetworkAclId,
    name: opt(item.NetworkAclName),
    vpcId: opt(item.VpcId),
    status: opt(item.Status),
    ingress: entries(
      ctx,
      item.IngressAclEntries?.IngressAclEntry ?? [],
      [...path, 'IngressAclEntries', 'IngressAclEntry'],
      'ingress',
    ),
    egress: entries(
      ctx,
      item.EgressAclEntries?.EgressAclEntry ?? [],
      [...path, 'EgressAclEntries', 'EgressAclEntry'],
      'egress',
    ),
    vSwitchIds: unwrap(item.Resources, 'Resource')
      .filter((resource) => (opt(resource.ResourceType) ?? 'vswitch').toLowerCase() === 'vswitch')
      .map((resource) => resource.ResourceId.trim()),
    origin: ctx.doc.locate(path),
  });
  stateOf(ctx.builder).networkAcls.add(ctx, acl.id, path, acl, acl.origin);
}

function loadNetworkAcls(ctx: BodyContext): void {
  for (const { item, path } of loadList(ctx, 'NetworkAcls', 'NetworkAcl', aclItem, 'network ACL')) {
    addAcl(ctx, item, path);
  }
}

function loadNetworkAclAttribute(ctx: BodyContext): void {
  const body = validate(
    ctx,
    z.looseObject({ NetworkAclAttribute: aclItem }),
    ctx.doc.value,
    [],
    'the whole body is skipped',
  );
  if (body !== undefined) addAcl(ctx, body.NetworkAclAttribute, ['NetworkAclAttribute']);
}

export const describeNetworkAcls = defineAdapter({
  action: { service: 'vpc', name: 'DescribeNetworkAcls' },
  recognise: (body) => hasKeys(body, 'NetworkAcls'),
  load: loadNetworkAcls,
});

export const describeNetworkAclAttributes = defineAdapter({
  action: { service: 'vpc', name: 'DescribeNetworkAclAttributes' },
  recognise: (body) => hasKeys(body, 'NetworkAclAttribute'),
  load: loadNetworkAclAttribute,
});
