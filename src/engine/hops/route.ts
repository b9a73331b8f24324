/**
 * Hop 7, route: the source vSwitch's route table (its own, else the VPC's System table), longest prefix
 * (alibaba-semantics.md §2, §3, §14 step 7): VPC-local and instance next hops (Flannel per-node pod routes) stay in
 * the VPC; NatGateway / IPv6Gateway / IPv4Gateway lead to the Internet exit; anything else (VPN, peer, transit
 * router…) leaves what podreach models and is reported as unknown with the next hop named.
 */
import { classifyNextHop, describeRouteEntry, lookupRoute } from '../../eval/route.js';
import type { RouteTable } from '../../model/index.js';
import { cidrContains } from '../../net/ip.js';
import { isInternet } from '../addresses.js';
import { podKey, resource, rule, type TraceState } from '../context.js';
import { publicAddressOf } from './internet-exit.js';
import { networkAclHop } from './network-acl.js';

function tableFor(state: TraceState): { table?: RouteTable; id?: string; how: string } {
  const vsw = state.source.vSwitch;
  if (vsw === undefined) return { how: 'the source vSwitch is unknown' };
  if (vsw.routeTableId !== undefined) {
    const table = state.index.routeTable(vsw.routeTableId);
    return {
      ...(table === undefined ? {} : { table }),
      id: vsw.routeTableId,
      how: `route table of ${vsw.id}`,
    };
  }
  const system = state.index.systemRouteTable(vsw.vpcId);
  return system === undefined
    ? { how: `the System route table of ${vsw.vpcId} is not in the snapshot` }
    : {
        table: system,
        id: system.id,
        how: `System route table of ${vsw.vpcId} (${vsw.id} has no custom table)`,
      };
}

function routeDecision(state: TraceState): void {
  const dst = state.packet.dst;
  const target = state.target;
  const sourceNode = state.source.node?.name;
  if (
    target?.kind === 'pod' &&
    sourceNode !== undefined &&
    target.pod.nodeName === sourceNode &&
    !target.pod.hostNetwork
  ) {
    state.add({
      kind: 'route',
      result: 'skip',
      resource: resource('node', sourceNode),
      rule: null,
      reason: `${podKey(target.pod)} runs on the same node ${sourceNode}: delivered on the node without a VPC route`,
    });
    return;
  }
  if (state.source.kind === 'address' && state.source.vSwitch === undefined) {
    // An address source asks about the destination side only (issue 4: `podreach check 203.0.113.7 NS/POD`):
    // how a client outside the snapshot's vSwitches reaches the VPC is not modelled, so it is not a gap either.
    state.add({
      kind: 'route',
      result: 'skip',
      resource: null,
      rule: null,
      reason: `${state.packet.src} is in no vSwitch of the snapshot: the path into the VPC is not part of the question; only the destination side is checked`,
    });
    return;
  }
  const { table, id, how } = tableFor(state);
  const regionArg = state.region();
  if (id === undefined) {
    const vsw = state.source.vSwitch;
    state.need(
      'route',
      vsw === undefined ? 'the source vSwitch' : `the route tables of ${vsw.vpcId}`,
      vsw === undefined
        ? `aliyun vpc DescribeVSwitches${regionArg} --VSwitchId <vsw-id>`
        : `aliyun vpc DescribeRouteTableList${regionArg} --VpcId ${vsw.vpcId}`,
    );
    state.add({
      kind: 'route',
      result: 'unknown',
      resource: null,
      rule: null,
      reason: `cannot route: ${how}`,
    });
    state.halted = true;
    return;
  }
  const entries = state.index.routeEntries(id);
  const res = resource('route-table', id, table?.name);
  if (entries.length === 0) {
    state.need(
      'route',
      `the entries of route table ${id}`,
      `aliyun vpc DescribeRouteEntryList${regionArg} --RouteTableId ${id}`,
    );
    state.add({
      kind: 'route',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `the entries of ${id} are not in the snapshot`,
    });
    state.halted = true;
    return;
  }
  const entry = lookupRoute(entries, dst);
  if (entry === undefined) {
    const vsw = state.index.vSwitchForIp(dst);
    if (vsw !== undefined || state.index.vpcCidrs().some((c) => cidrContains(c, dst))) {
      state.assume(
        'route',
        `${dst} is inside the VPC: its vSwitch CIDR has a System route (local) even though the snapshot lists none`,
        'VPC system routes cover every vSwitch CIDR (alibaba-semantics.md §14 step 7)',
      );
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: null,
        reason: `${dst} is inside the VPC${vsw === undefined ? '' : ` (vSwitch ${vsw.id} ${vsw.cidrBlock})`}: local delivery`,
      });
      return;
    }
    if (isInternet(state.index, dst)) {
      const publicIp = publicAddressOf(state);
      if (publicIp !== undefined) {
        state.exit = { kind: 'none' };
        state.add({
          kind: 'route',
          result: 'pass',
          resource: res,
          rule: null,
          reason: `no route in ${id} covers ${dst}, but the source has public IP ${publicIp.address}, which carries its Internet traffic`,
        });
        return;
      }
    }
    state.exit = { kind: 'none' };
    state.add({
      kind: 'route',
      result: 'drop',
      resource: res,
      rule: null,
      reason: `no route in ${id} (${how}) covers ${dst}`,
    });
    return;
  }
  const entryRule = rule(
    entry.id ?? `${id}:${entry.destinationCidr}`,
    describeRouteEntry(entry),
    entry.origin,
  );
  const hop = entry.nextHops[0];
  const hopText = hop === undefined ? 'no next hop' : `${hop.type} ${hop.id}`.trim();
  switch (classifyNextHop(entry)) {
    case 'local':
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} is VPC-local: delivered inside the VPC`,
      });
      return;
    case 'instance':
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} → instance ${hop?.id ?? '?'}${
          state.index.nodeByInstance(hop?.id ?? '') === undefined
            ? ''
            : ` (node ${state.index.nodeByInstance(hop?.id ?? '')?.name}, Flannel pod route)`
        }`,
      });
      return;
    case 'nat-gateway':
      state.exit = { kind: 'nat-gateway', id: hop?.id ?? '' };
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} → NAT gateway ${hop?.id ?? '?'}`,
      });
      return;
    case 'ipv6-gateway':
      state.exit = { kind: 'ipv6-gateway', id: hop?.id ?? '' };
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} → IPv6 gateway ${hop?.id ?? '?'}`,
      });
      return;
    case 'ipv4-gateway':
      state.exit = { kind: 'ipv4-gateway', id: hop?.id ?? '' };
      state.add({
        kind: 'route',
        result: 'pass',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} → IPv4 gateway ${hop?.id ?? '?'}`,
      });
      return;
    default:
      state.need(
        'route',
        `what lies beyond next hop ${hopText}`,
        `podreach does not model ${hop?.type ?? 'this'} next hops; check ${hopText} by hand`,
      );
      state.add({
        kind: 'route',
        result: 'unknown',
        resource: res,
        rule: entryRule,
        reason: `${entry.destinationCidr} → ${hopText}: the packet leaves what podreach models`,
      });
      state.halted = true;
  }
}

export function routeHop(state: TraceState): void {
  routeDecision(state);
  const last = state.hops.at(-1);
  if (state.halted || last?.kind !== 'route' || last.result === 'skip') return;
  networkAclHop(state, 'route', state.source.vSwitch, 'egress', state.packet.dst);
}
