/**
 * Hop 5, egress-security-group: the groups on the ENI the source's traffic leaves by (seed page "Security
 * groups": an outbound rule must ALLOW the pod to reach the target IP and port and no rule may DENY it). Terway:
 * the pod's ENI groups; Flannel and hostNetwork: the node's. Security groups are stateful: only this direction.
 */
import { isInternet } from '../addresses.js';
import { resource, type TraceState } from '../context.js';
import { evaluateGroupsForHop, groupsResource } from './security-group-common.js';

export function egressSecurityGroupHop(state: TraceState): void {
  const s = state.source;
  const groups = s.groups;
  if (!groups.known) {
    if (s.kind === 'address') {
      state.add({
        kind: 'egress-security-group',
        result: 'skip',
        resource: resource('address', s.label),
        rule: null,
        reason: `no ENI in the snapshot holds ${s.label}: its security groups are not part of the question`,
      });
      return;
    }
    state.need('egress-security-group', groups.what, groups.collect);
    state.add({
      kind: 'egress-security-group',
      result: 'unknown',
      resource: null,
      rule: null,
      reason: `which security groups filter ${s.label} is unknown: ${groups.what} is not in the snapshot`,
    });
    return;
  }
  const target = state.target;
  if (target?.kind === 'pod' && s.node !== undefined && target.pod.nodeName === s.node.name) {
    state.assume(
      'egress-security-group',
      'security groups are evaluated for pod-to-pod traffic on the same node as if it left the ENI',
      'security groups apply to traffic leaving an ENI; whether same-node traffic crosses one depends on the datapath (UNCONFIRMED)',
    );
  }
  const peerEni = state.index.eniByPrivateIp(state.packet.dst);
  const verdict = evaluateGroupsForHop(
    state,
    'egress-security-group',
    groups.ids,
    'egress',
    state.packet.dst,
    peerEni?.securityGroupIds ?? (isInternet(state.index, state.packet.dst) ? [] : undefined),
  );
  state.add({
    kind: 'egress-security-group',
    result: verdict.result,
    resource: groupsResource(groups.ids),
    rule: verdict.rule,
    reason: `${verdict.reason} (groups from ${groups.from})`,
    ...(verdict.considered === undefined ? {} : { considered: verdict.considered }),
    details: { ...verdict.details, groupsFrom: groups.from },
  });
}
