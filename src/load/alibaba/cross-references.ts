/**
 * Inconsistencies between Alibaba resources, reported as warnings that name both places. A reference is checked
 * only when the kind it points to was loaded at all: a snapshot without security groups is a gap, not a conflict.
 */
import type { NetworkInterface, VSwitch } from '../../model/cloud.js';
import { formatOrigin, type Origin } from '../../model/origin.js';
import type { SnapshotBuilder } from '../snapshot-builder.js';
import { cidrContainsWithMemo } from './cidr.js';
import { problemAt } from './context.js';
import type { AlibabaState } from './state.js';

export function checkCrossReferences(builder: SnapshotBuilder, state: AlibabaState): void {
  const cloud = builder.cloud;
  const warn = (origin: Origin, message: string, hint: string) =>
    builder.problems.push(problemAt(origin, 'warning', { message, hint }));

  if (state.securityGroupBases.size + state.securityGroupRules.size > 0) {
    const groups = new Set(cloud.securityGroups.map((group) => group.id));
    const missing = (id: string) => !groups.has(id);
    const hint = (id: string) =>
      `add \`aliyun ecs DescribeSecurityGroupAttribute --SecurityGroupId ${id}\` (and DescribeSecurityGroups) to the snapshot`;
    for (const instance of cloud.ecsInstances) {
      for (const id of instance.securityGroupIds.filter(missing)) {
        warn(
          instance.origin,
          `ECS instance ${instance.id} uses security group ${id}, which is not in the snapshot`,
          hint(id),
        );
      }
    }
    for (const eni of cloud.networkInterfaces) {
      for (const id of eni.securityGroupIds.filter(missing)) {
        warn(
          eni.origin,
          `network interface ${eni.id} uses security group ${id}, which is not in the snapshot`,
          hint(id),
        );
      }
    }
  }

  if (state.vSwitches.size > 0) {
    const vSwitches = new Map(cloud.vSwitches.map((vSwitch) => [vSwitch.id, vSwitch]));
    const vSwitchHint = (id: string) =>
      `add \`aliyun vpc DescribeVSwitches --VSwitchId ${id}\`, or check whether the vSwitch was deleted`;
    for (const entry of cloud.snatEntries) {
      if (entry.sourceVSwitchId !== undefined && !vSwitches.has(entry.sourceVSwitchId)) {
        warn(
          entry.origin,
          `SNAT entry ${entry.id} is for vSwitch ${entry.sourceVSwitchId}, which no DescribeVSwitches body lists`,
          vSwitchHint(entry.sourceVSwitchId),
        );
      }
    }
    for (const table of cloud.routeTables) {
      for (const id of table.vSwitchIds.filter((vSwitchId) => !vSwitches.has(vSwitchId))) {
        warn(
          table.origin,
          `route table ${table.id} is bound to vSwitch ${id}, which no DescribeVSwitches body lists`,
          vSwitchHint(id),
        );
      }
    }
    const contains = cidrContainsWithMemo();
    for (const eni of cloud.networkInterfaces)
      checkAddresses(eni, vSwitches.get(eni.vSwitchId ?? ''), contains, warn);
  }
}

/** An ENI's addresses must lie in its vSwitch's CIDR blocks (IPv4 and, when it has one, IPv6). */
function checkAddresses(
  eni: NetworkInterface,
  vSwitch: VSwitch | undefined,
  cidrContains: (cidr: string, address: string) => boolean | undefined,
  warn: (origin: Origin, message: string, hint: string) => void,
): void {
  if (vSwitch === undefined) return;
  const hint = 'the two responses were probably taken at different times; save them again together';
  for (const ip of eni.privateIps) {
    if (cidrContains(vSwitch.cidrBlock, ip.address) === false) {
      warn(
        eni.origin,
        `private IP ${ip.address} of network interface ${eni.id} is outside ${vSwitch.cidrBlock} of its vSwitch ${vSwitch.id} (${formatOrigin(vSwitch.origin)})`,
        hint,
      );
    }
  }
  if (vSwitch.ipv6CidrBlock === undefined) return;
  for (const address of eni.ipv6Addresses) {
    if (cidrContains(vSwitch.ipv6CidrBlock, address) === false) {
      warn(
        eni.origin,
        `IPv6 address ${address} of network interface ${eni.id} is outside ${vSwitch.ipv6CidrBlock} of its vSwitch ${vSwitch.id} (${formatOrigin(vSwitch.origin)})`,
        hint,
      );
    }
  }
}
