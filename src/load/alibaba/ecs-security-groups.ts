/**
 * ecs DescribeSecurityGroups (type, name, VPC of each group) and ecs DescribeSecurityGroupAttribute (one group's
 * rules and InnerAccessPolicy). Field names: alibaba-semantics.md §12; meaning: §5.
 */
import * as z from 'zod';
import type { SecurityGroupRule } from '../../model/cloud.js';
import { type BodyContext, type Path, reportBadValue, validate, validateItems } from './context.js';
import { defineAdapter, hasKeys } from './define.js';
import {
  normalisePolicy,
  normalisePortRange,
  normalisePriority,
  normaliseSgProtocol,
  opt,
} from './normalise.js';
import { fingerprint, type SecurityGroupRules, stateOf } from './state.js';
import { strip } from './strip.js';
import { loadList, numberish, optString } from './wire.js';

const securityGroupItem = z.looseObject({
  SecurityGroupId: z.string().min(1),
  SecurityGroupName: optString,
  SecurityGroupType: optString,
  VpcId: optString,
});

function loadSecurityGroups(ctx: BodyContext): void {
  const state = stateOf(ctx.builder);
  for (const { item, path } of loadList(
    ctx,
    'SecurityGroups',
    'SecurityGroup',
    securityGroupItem,
    'security group',
  )) {
    let type: 'normal' | 'enterprise' | undefined;
    const rawType = opt(item.SecurityGroupType)?.toLowerCase();
    if (rawType === 'normal' || rawType === 'enterprise') type = rawType;
    else if (rawType !== undefined) {
      reportBadValue(
        ctx,
        [...path, 'SecurityGroupType'],
        item.SecurityGroupType,
        '"normal" or "enterprise"',
        'the group type is left unknown',
      );
    }
    const base = strip({
      id: item.SecurityGroupId,
      name: opt(item.SecurityGroupName),
      type,
      vpcId: opt(item.VpcId),
    });
    state.securityGroupBases.add(ctx, base.id, path, base, ctx.doc.locate(path));
  }
}

const permissionItem = z.looseObject({
  SecurityGroupRuleId: optString,
  Direction: z.string(),
  Policy: z.string(),
  Priority: numberish,
  IpProtocol: numberish,
  PortRange: z.string(),
  SourceCidrIp: optString,
  DestCidrIp: optString,
  Ipv6SourceCidrIp: optString,
  Ipv6DestCidrIp: optString,
  SourceGroupId: optString,
  DestGroupId: optString,
  SourcePrefixListId: optString,
  DestPrefixListId: optString,
  Description: optString,
});

const attributeBody = z.looseObject({
  SecurityGroupId: z.string().min(1),
  SecurityGroupName: optString,
  VpcId: optString,
  InnerAccessPolicy: optString,
  Permissions: z.looseObject(
    { Permission: z.array(z.unknown(), { error: 'a list: "Permissions": {"Permission": [ … ]}' }) },
    { error: 'an object {"Permission": [ … ]}' },
  ),
});

const SKIP_RULE = 'this rule is skipped';

function normaliseRule(
  ctx: BodyContext,
  securityGroupId: string,
  rule: z.infer<typeof permissionItem>,
  path: Path,
): SecurityGroupRule | undefined {
  const rawDirection = rule.Direction.trim().toLowerCase();
  if (rawDirection !== 'ingress' && rawDirection !== 'egress') {
    reportBadValue(ctx, [...path, 'Direction'], rule.Direction, '"ingress" or "egress"', SKIP_RULE);
    return undefined;
  }
  const direction: SecurityGroupRule['direction'] = rawDirection;
  const policy = normalisePolicy(rule.Policy);
  if (policy === undefined) {
    reportBadValue(ctx, [...path, 'Policy'], rule.Policy, '"Accept" or "Drop"', SKIP_RULE);
    return undefined;
  }
  const priority = normalisePriority(rule.Priority);
  if (priority === undefined) {
    reportBadValue(
      ctx,
      [...path, 'Priority'],
      rule.Priority,
      'a whole number from 1 to 100, such as "1"',
      SKIP_RULE,
    );
    return undefined;
  }
  const protocol = normaliseSgProtocol(rule.IpProtocol);
  if (protocol === undefined) {
    reportBadValue(
      ctx,
      [...path, 'IpProtocol'],
      rule.IpProtocol,
      'TCP, UDP, ICMP, ICMPv6, GRE or ALL (or the protocol number 6, 17, 1, 58 or 47)',
      SKIP_RULE,
    );
    return undefined;
  }
  const portRange = normalisePortRange(rule.PortRange);
  if (portRange === undefined) {
    reportBadValue(
      ctx,
      [...path, 'PortRange'],
      rule.PortRange,
      'a port range "from/to" such as "80/80" or "1/65535", or "-1/-1" for every port',
      SKIP_RULE,
    );
    return undefined;
  }
  const ingress = direction === 'ingress';
  return strip({
    id: opt(rule.SecurityGroupRuleId),
    securityGroupId,
    direction,
    policy,
    priority,
    protocol,
    portRange,
    cidr: opt(ingress ? rule.SourceCidrIp : rule.DestCidrIp),
    ipv6Cidr: opt(ingress ? rule.Ipv6SourceCidrIp : rule.Ipv6DestCidrIp),
    peerGroupId: opt(ingress ? rule.SourceGroupId : rule.DestGroupId),
    peerPrefixListId: opt(ingress ? rule.SourcePrefixListId : rule.DestPrefixListId),
    description: opt(rule.Description),
    origin: ctx.doc.locate(path),
  });
}

function loadSecurityGroupAttribute(ctx: BodyContext): void {
  const body = validate(ctx, attributeBody, ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return;
  const id = body.SecurityGroupId;
  const rulesPath = ['Permissions', 'Permission'];
  const rules: SecurityGroupRule[] = [];
  for (const { item, path } of validateItems(
    ctx,
    permissionItem,
    body.Permissions.Permission,
    rulesPath,
    'rule',
  )) {
    const rule = normaliseRule(ctx, id, item, path);
    if (rule !== undefined) rules.push(rule);
  }
  let innerAccessPolicy: 'accept' | 'drop' | undefined;
  const rawPolicy = opt(body.InnerAccessPolicy);
  if (rawPolicy !== undefined) {
    innerAccessPolicy = normalisePolicy(rawPolicy);
    if (innerAccessPolicy === undefined) {
      reportBadValue(
        ctx,
        ['InnerAccessPolicy'],
        body.InnerAccessPolicy,
        '"Accept" or "Drop"',
        'the intra-group policy is left unknown',
      );
    }
  }
  const piece = strip({
    id,
    name: opt(body.SecurityGroupName),
    vpcId: opt(body.VpcId),
    innerAccessPolicy,
    rules,
  });
  stateOf(ctx.builder).securityGroupRules.add(ctx, id, [], piece, ctx.doc.locate([]), mergeRulePages);
}

/**
 * DescribeSecurityGroupAttribute pages its rules with NextToken: two bodies of one group that agree on everything
 * but the rules are pages, and their rules are joined (a rule in both, by id or content, is kept once). Two
 * different rules under one rule id are a contradiction, left to the caller to report.
 */
export function mergeRulePages(
  first: SecurityGroupRules,
  next: SecurityGroupRules,
): SecurityGroupRules | undefined {
  const { rules: firstRules, ...firstRest } = first;
  const { rules: nextRules, ...nextRest } = next;
  if (fingerprint(firstRest) !== fingerprint(nextRest)) return undefined;
  const rules = [...firstRules];
  for (const rule of nextRules) {
    const sameId = rule.id === undefined ? undefined : rules.find((known) => known.id === rule.id);
    if (sameId !== undefined) {
      if (fingerprint(sameId) !== fingerprint(rule)) return undefined;
      continue;
    }
    if (rule.id === undefined && rules.some((known) => fingerprint(known) === fingerprint(rule))) continue;
    rules.push(rule);
  }
  return { ...first, rules };
}

export const describeSecurityGroups = defineAdapter({
  action: { service: 'ecs', name: 'DescribeSecurityGroups' },
  recognise: (body) => hasKeys(body, 'SecurityGroups'),
  load: loadSecurityGroups,
});

export const describeSecurityGroupAttribute = defineAdapter({
  action: { service: 'ecs', name: 'DescribeSecurityGroupAttribute' },
  recognise: (body) => hasKeys(body, 'Permissions') || hasKeys(body, 'SecurityGroupId', 'InnerAccessPolicy'),
  load: loadSecurityGroupAttribute,
});
