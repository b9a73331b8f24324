/**
 * Runs the security group evaluator for one ENI's groups and turns the decision into a hop. Shared by
 * egress-security-group (the source ENI, egress) and destination-access (an ECS destination, ingress).
 */
import { describeSecurityGroupRule, evaluateSecurityGroups } from '../../eval/security-group.js';
import type { HopKind, HopResult, ResourceRef, RuleRef, SecurityGroup } from '../../model/index.js';
import { rule, type TraceState } from '../context.js';

export interface GroupVerdict {
  readonly result: HopResult;
  readonly rule: RuleRef | null;
  readonly reason: string;
  readonly considered?: readonly RuleRef[];
  readonly details: Record<string, unknown>;
}

export function evaluateGroupsForHop(
  state: TraceState,
  hop: HopKind,
  groupIds: readonly string[],
  direction: 'ingress' | 'egress',
  peer: string,
  peerGroupIds: readonly string[] | undefined,
): GroupVerdict {
  const region = state.snapshot.facts.regionId;
  const regionArg = state.region();
  const groups: SecurityGroup[] = [];
  const absent: string[] = [];
  for (const id of groupIds) {
    const group = state.index.securityGroup(id);
    if (group?.rules === undefined) absent.push(id);
    if (group !== undefined) groups.push(group);
  }
  if (absent.length > 0) {
    for (const id of absent) {
      state.need(
        hop,
        `the rules of security group ${id}`,
        `aliyun ecs DescribeSecurityGroupAttribute${regionArg} --SecurityGroupId ${id} --Direction all`,
      );
    }
    return {
      result: 'unknown',
      rule: null,
      reason: `the rules of security group${absent.length > 1 ? 's' : ''} ${absent.join(', ')} are not in the snapshot`,
      details: { securityGroups: groupIds, direction },
    };
  }
  const decision = evaluateSecurityGroups(
    groups,
    {
      direction,
      family: state.packet.family,
      protocol: state.packet.protocol,
      port: state.packet.port,
      peer,
    },
    {
      membersOf: (id) => state.index.securityGroupMembers(id),
      ...(peerGroupIds === undefined ? {} : { peerGroupIds }),
      ...(region.known ? { regionId: region.value } : {}),
    },
  );
  for (const command of decision.missing ?? []) state.need(hop, 'security group data', command);
  for (const note of decision.notes ?? [])
    state.assume(hop, note, 'Alibaba Cloud ECS "Basic and advanced security groups"');
  const deciding =
    decision.rule === undefined
      ? decision.defaultApplied === undefined
        ? null
        : rule(
            `${groupIds.join('+')}:${decision.defaultApplied}`,
            `default: ${decision.defaultApplied}`,
            groups[0]?.origin,
          )
      : rule(
          decision.rule.id ??
            `${decision.rule.securityGroupId}:${decision.rule.direction}:${decision.rule.priority}`,
          `${decision.rule.securityGroupId} priority ${decision.rule.priority}: ${describeSecurityGroupRule(decision.rule, state.packet.family)}`,
          decision.rule.origin,
        );
  const considered = decision.matched
    .filter((r) => r !== decision.rule)
    .map((r) =>
      rule(
        r.id ?? `${r.securityGroupId}:${r.priority}`,
        `${r.securityGroupId} priority ${r.priority}: ${describeSecurityGroupRule(r, state.packet.family)}`,
        r.origin,
      ),
    );
  const result: HopResult =
    decision.verdict === 'accept' ? 'pass' : decision.verdict === 'drop' ? 'drop' : 'unknown';
  return {
    result,
    rule: deciding,
    reason: decision.reason,
    ...(considered.length > 0 ? { considered } : {}),
    details: {
      securityGroups: groupIds,
      direction,
      peer,
      ...(decision.defaultApplied === undefined ? {} : { defaultApplied: decision.defaultApplied }),
    },
  };
}

export function groupsResource(ids: readonly string[]): ResourceRef {
  return { type: 'security-group', id: ids.join(',') || '(none)' };
}
