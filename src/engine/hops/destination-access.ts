/**
 * Hop 9, destination-access: the destination's own filter on the source address it sees (seed page "Resources
 * in the VPC": "If those rules do not allow the IP the Pod uses, the connection fails" — Terway: the pod's own IP;
 * Flannel: the node's IP). ECS: security group ingress; RDS: whitelist groups (and ack-kubernetes-webhook-injector
 * annotations); SLB: the listener's ACL and the Layer-4 hairpin limit; third parties: world.yaml allow-lists.
 */
import { allowListAdmits, allowListApplies, rdsWhitelistAdmits } from '../../eval/whitelist.js';
import type { Pod, RdsInstance, ResourceRef, VSwitch } from '../../model/index.js';
import { cidrContains } from '../../net/ip.js';
import { isInternet } from '../addresses.js';
import { podKey, resource, rule, type TraceState } from '../context.js';
import { arriveOnNodePort } from '../service/node-port.js';
import { canonicalIp } from '../snapshot-index.js';
import { loadBalancerAccess } from './load-balancer.js';
import { networkAclHop } from './network-acl.js';
import { evaluateGroupsForHop, groupsResource } from './security-group-common.js';
import { resolvePodSource } from './source.js';

const RDS_ID_ANNOTATION = 'ack.aliyun.com/rds_id';
const RDS_GROUP_ANNOTATION = 'ack.aliyun.com/white_list_name';

/** The address a whitelist must admit, phrased as the seed page does. */
export function addressToAdd(state: TraceState): string {
  const s = state.source;
  const seen = state.packet.src;
  if (s.pod !== undefined && s.cni.known && !isInternet(state.index, state.packet.dst)) {
    if (s.usesNodeNetwork && canonicalIp(seen) === canonicalIp(s.nodeIpv4 ?? s.nodeIpv6 ?? '')) {
      return `the node IP ${seen} (node ${s.node?.name ?? '?'}${s.pod.hostNetwork ? ', hostNetwork pod' : ', Flannel: the pod uses the IP of its node'})`;
    }
    if (s.cni.value === 'flannel' && canonicalIp(seen) === canonicalIp(s.ipv4 ?? '')) {
      const podCidrs = state.snapshot.facts.podCidrs;
      return `the pod IP ${seen}${podCidrs.known ? ` or the cluster pod CIDR ${podCidrs.value.join(', ')}` : ''} (Flannel: pod-to-pod traffic keeps the pod IP)`;
    }
    if (s.cni.value === 'terway') {
      const vsw = s.vSwitch;
      return `the pod IP ${seen}${vsw === undefined ? '' : ` or the pod vSwitch CIDR ${vsw.cidrBlock} (${vsw.id})`} (Terway: the pod uses its own IP)`;
    }
  }
  return `${seen}, the address the destination sees`;
}

function rdsAccess(state: TraceState, rds: RdsInstance): void {
  const res = resource('rds-instance', rds.id, rds.description);
  const seen = state.packet.src;
  const pod = state.source.pod;
  const annotated =
    pod?.annotations[RDS_ID_ANNOTATION]
      ?.split(',')
      .map((x) => x.trim())
      .includes(rds.id) ?? false;
  const seesPodIp = pod?.ips.some((ip) => canonicalIp(ip) === canonicalIp(seen)) ?? false;
  if (annotated && pod !== undefined && seesPodIp) {
    const group = pod.annotations[RDS_GROUP_ANNOTATION] ?? '(the injector default group)';
    state.assume(
      'destination-access',
      `ack-kubernetes-webhook-injector added pod IP ${seen} to whitelist group ${group} of ${rds.id} when the pod was created`,
      'ACK "Dynamically configure a pod whitelist for Alibaba Cloud services"; the injector’s success is not visible in the snapshot',
    );
    state.add({
      kind: 'destination-access',
      result: 'pass',
      resource: res,
      rule: rule(
        `${podKey(pod)}:${RDS_ID_ANNOTATION}`,
        `ack-kubernetes-webhook-injector annotations (group ${group})`,
        pod.origin,
      ),
      reason: `${rds.id} admits ${seen}: the pod carries ${RDS_ID_ANNOTATION}=${pod.annotations[RDS_ID_ANNOTATION]}, so ack-kubernetes-webhook-injector whitelists its pod IP in group ${group}`,
    });
    return;
  }
  const injectorNote =
    annotated && !seesPodIp
      ? `; the pod's ack-kubernetes-webhook-injector annotation whitelists its pod IP, but ${rds.id} sees ${seen}`
      : '';
  if (rds.whitelist === undefined) {
    state.need(
      'destination-access',
      `the whitelist of ${rds.id}`,
      `aliyun rds DescribeDBInstanceIPArrayList${state.region()} --DBInstanceId ${rds.id}`,
    );
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `the whitelist of ${rds.id} is not in the snapshot${injectorNote}`,
    });
    return;
  }
  // By name: the order of the groups in the API response is not part of the answer (same trace for any order).
  const groups = [...rds.whitelist].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const result = rdsWhitelistAdmits(groups, seen);
  for (const note of result.admitted ? [] : (result.notes ?? []))
    state.assume('destination-access', note, 'RDS "Configure a whitelist"');
  if (result.admitted) {
    state.add({
      kind: 'destination-access',
      result: 'pass',
      resource: res,
      rule: rule(
        `${rds.id}:${result.group.name}`,
        `whitelist group ${result.group.name} entry ${result.entry}`,
        result.group.origin,
      ),
      reason: result.reason,
    });
    return;
  }
  state.add({
    kind: 'destination-access',
    result: 'drop',
    resource: res,
    rule: rule(
      `${rds.id}:whitelist`,
      `whitelist groups ${groups.map((g) => g.name).join(', ')}`,
      rds.whitelist[0]?.origin ?? rds.origin,
    ),
    reason: `${result.reason}: add ${addressToAdd(state)} to a whitelist group of ${rds.id}${injectorNote}`,
  });
}

/** Security group ingress on the destination's ENI, with the address the destination sees as the peer. */
function groupIngress(
  state: TraceState,
  groups:
    | { readonly ids: readonly string[]; readonly owner: string }
    | { readonly what: string; readonly collect: string },
  res: ResourceRef,
): void {
  if (!('ids' in groups)) {
    state.need('destination-access', groups.what, groups.collect);
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `${groups.what} is not in the snapshot`,
    });
    return;
  }
  const seen = state.packet.src;
  const internet = isInternet(state.index, seen);
  const source = state.source;
  const peerGroups = internet
    ? []
    : source.groups.known && canonicalIp(seen) === canonicalIp(source.ipv4 ?? source.ipv6 ?? '')
      ? source.groups.ids
      : undefined;
  const verdict = evaluateGroupsForHop(state, 'destination-access', groups.ids, 'ingress', seen, peerGroups);
  state.add({
    kind: 'destination-access',
    result: verdict.result,
    resource: groupsResource(groups.ids),
    rule: verdict.rule,
    reason:
      verdict.result === 'drop'
        ? `${verdict.reason} on ${groups.owner}: allow ${addressToAdd(state)} in its security group ingress`
        : `${verdict.reason} on ${groups.owner}`,
    ...(verdict.considered === undefined ? {} : { considered: verdict.considered }),
    details: verdict.details,
  });
}

function ecsAccess(state: TraceState): void {
  const target = state.target;
  if (target === undefined || (target.kind !== 'ecs' && target.kind !== 'node')) return;
  const address = target.address;
  const eni = state.index.eniByPrivateIp(address);
  const instance = target.instance;
  const groupIds =
    eni !== undefined && eni.securityGroupIds.length > 0
      ? eni.securityGroupIds
      : (instance?.securityGroupIds ?? []);
  const owner = eni?.id ?? instance?.id ?? address;
  groupIngress(
    state,
    groupIds.length > 0
      ? { ids: groupIds, owner }
      : {
          what: `the security groups of ${owner}`,
          collect: `aliyun ecs DescribeNetworkInterfaces${state.region()} --PrivateIpAddress.1 ${address}`,
        },
    resource('ecs-instance', instance?.id ?? address),
  );
}

/**
 * A pod destination on another node: the groups of the ENI the packet arrives on — the pod's ENI on Terway, the
 * node's primary ENI on Flannel (ACK recommends a pod-CIDR ingress rule "required for Flannel").
 */
function podGroupAccess(state: TraceState, pod: Pod): void {
  const sourceNode = state.source.node?.name;
  if (sourceNode !== undefined && pod.nodeName === sourceNode) {
    state.add({
      kind: 'destination-access',
      result: 'skip',
      resource: resource('pod', podKey(pod)),
      rule: null,
      reason: `${podKey(pod)} runs on the same node: the packet does not arrive through a VPC ENI (NetworkPolicy ingress decides)`,
    });
    return;
  }
  const info = resolvePodSource(state.index, pod);
  const s = state.source;
  if (
    info.usesNodeNetwork &&
    s.cni.known &&
    s.cni.value === 'flannel' &&
    canonicalIp(state.packet.src) === canonicalIp(s.ipv4 ?? '')
  ) {
    state.assume(
      'destination-access',
      'a Flannel pod IP sent from a node in the same basic security group counts as a group member for InnerAccessPolicy (membership follows the sending ENI)',
      'intra-group access is "implemented between network interfaces" (alibaba-semantics.md §5); ACK still recommends a pod-CIDR ingress rule "required for Flannel" (UNCONFIRMED which matters)',
    );
  }
  const groups = info.groups;
  const owner =
    info.eni === undefined
      ? `pod ${podKey(pod)}`
      : `${info.eni.id} (${info.usesNodeNetwork ? `node ${info.node?.name ?? '?'}` : `pod ${podKey(pod)}`})`;
  groupIngress(
    state,
    groups.known ? { ids: groups.ids, owner } : { what: groups.what, collect: groups.collect },
    resource('pod', podKey(pod)),
  );
}

function allowListAccess(state: TraceState): boolean {
  const dst = state.packet.dst;
  const name = state.hostName;
  const lists = state.snapshot.world.allowLists.filter(
    (list) =>
      allowListApplies(list, dst, state.packet.protocol, state.packet.port) ||
      (name !== undefined &&
        list.addresses.some((a) => a.toLowerCase() === name) &&
        list.protocol === state.packet.protocol &&
        (list.ports.length === 0 || (state.packet.port !== null && list.ports.includes(state.packet.port)))),
  );
  if (lists.length === 0) return false;
  const seen = state.packet.src;
  for (const list of lists) {
    const result = allowListAdmits(list, seen);
    state.add({
      kind: 'destination-access',
      result: result.admitted ? 'pass' : 'drop',
      resource: resource('allow-list', list.name),
      rule: rule(`world:${list.name}`, `allowedSources ${list.allowedSources.join(', ')}`, list.origin),
      reason: result.admitted
        ? result.reason
        : `${result.reason}: ${list.name} must allow ${addressToAdd(state)}`,
    });
  }
  return true;
}

/** The vSwitch the destination ENI sits in, for its inbound network ACL. */
function destinationVSwitch(state: TraceState): VSwitch | undefined {
  const target = state.target;
  if (target === undefined || target.kind === 'rds' || target.kind === 'slb' || target.kind === 'address')
    return undefined;
  if (target.kind === 'pod' && state.source.node?.name === target.pod.nodeName) return undefined;
  if (target.kind === 'node' && state.source.node?.name === target.node.name) return undefined;
  const eni =
    target.kind === 'pod'
      ? resolvePodSource(state.index, target.pod).eni
      : state.index.eniByPrivateIp(target.address);
  return (
    (eni?.vSwitchId === undefined ? undefined : state.index.vSwitch(eni.vSwitchId)) ??
    state.index.vSwitchForIp(target.address)
  );
}

export function destinationAccessHop(state: TraceState): void {
  networkAclHop(state, 'destination-access', destinationVSwitch(state), 'ingress', state.packet.src);
  const target = state.target;
  switch (target?.kind) {
    case 'rds':
      rdsAccess(state, target.rds);
      return;
    case 'slb':
      loadBalancerAccess(
        state,
        target.lb ?? state.index.loadBalancerByAddress(target.address),
        target.address,
      );
      return;
    case 'ecs':
    case 'node':
      if (target.kind === 'node' && state.source.node?.name === target.node.name) {
        state.add({
          kind: 'destination-access',
          result: 'skip',
          resource: resource('node', target.node.name),
          rule: null,
          reason: 'the destination is the pod’s own node: the traffic does not cross its ENI',
        });
      } else ecsAccess(state);
      // A NodePort: kube-proxy on that node translates the packet on arrival (service/node-port.ts).
      if (target.kind === 'node' && state.hops.at(-1)?.result !== 'drop')
        arriveOnNodePort(state, target.node, `arrived at node ${target.node.name}`);
      return;
    case 'pod':
      podGroupAccess(state, target.pod);
      return;
    default:
      break;
  }
  if (allowListAccess(state)) return;
  const dst = state.packet.dst;
  const known = state.snapshot.world.allowLists.some((l) => l.addresses.some((a) => cidrContains(a, dst)));
  state.add({
    kind: 'destination-access',
    result: 'skip',
    resource: null,
    rule: null,
    reason: `no access control is known for ${dst}${known ? ' on this port/protocol' : ''} (declare third-party allow-lists in world.yaml)`,
  });
}
