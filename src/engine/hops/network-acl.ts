/**
 * VPC network ACLs (alibaba-semantics.md §6), evaluated where the packet leaves the source vSwitch (a second
 * `route` hop) and where it enters the destination vSwitch (a `destination-access` hop), only when an ACL is bound.
 * First match in order, default deny, traffic inside the vSwitch and to VPC DNS / metadata exempt. ACLs are
 * stateless: the reply direction is not traced (stated as an assumption).
 */
import { evaluateNetworkAcl } from '../../eval/network-acl.js';
import type { VSwitch } from '../../model/index.js';
import { resource, rule, type TraceState } from '../context.js';

export function networkAclHop(
  state: TraceState,
  kind: 'route' | 'destination-access',
  vSwitch: VSwitch | undefined,
  direction: 'ingress' | 'egress',
  peer: string,
): void {
  const aclId = vSwitch?.networkAclId;
  if (vSwitch === undefined || aclId === undefined || aclId === '') return;
  const acl = state.index.networkAcl(aclId);
  const res = resource('network-acl', aclId);
  const where = `${direction === 'egress' ? 'outbound' : 'inbound'} network ACL ${aclId} of ${vSwitch.id}`;
  if (acl === undefined) {
    state.need(
      kind,
      `network ACL ${aclId} bound to ${vSwitch.id}`,
      `aliyun vpc DescribeNetworkAclAttributes${state.region()} --NetworkAclId ${aclId}`,
    );
    state.add({
      kind,
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `the ${where} is not in the snapshot`,
    });
    return;
  }
  const region = state.snapshot.facts.regionId;
  const decision = evaluateNetworkAcl(
    acl,
    direction,
    {
      family: state.packet.family,
      protocol: state.packet.protocol,
      port: state.packet.port,
      peer,
      vSwitchCidrs: [
        vSwitch.cidrBlock,
        ...(vSwitch.ipv6CidrBlock === undefined ? [] : [vSwitch.ipv6CidrBlock]),
      ],
    },
    region.known ? { regionId: region.value } : {},
  );
  for (const command of decision.missing ?? []) state.need(kind, `entries of ${aclId}`, command);
  state.assume(
    kind,
    `network ACL ${aclId} is stateless: only the ${direction === 'egress' ? 'outbound' : 'inbound'} direction of the connection is traced, not its reply`,
    '"If you configure an inbound rule that allows traffic, you must also configure a corresponding outbound rule" (VPC network ACL overview)',
  );
  const entry = decision.entry;
  state.add({
    kind,
    result: decision.verdict === 'accept' ? 'pass' : decision.verdict === 'drop' ? 'drop' : 'unknown',
    resource: res,
    rule:
      entry === undefined
        ? decision.exempt === undefined
          ? rule(`${aclId}:default`, 'no entry matches: network ACLs deny by default', acl.origin)
          : null
        : rule(
            entry.id ?? `${aclId}:${entry.cidr}`,
            `${entry.policy} ${entry.protocol} ${entry.portRange} ${entry.cidr}`,
            entry.origin,
          ),
    reason: `${where}: ${decision.reason}`,
  });
}
