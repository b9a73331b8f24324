/**
 * The single `finish` step of the Alibaba adapters: assemble the resources whose pieces came from several
 * responses (and pages), write everything to the builder in id order, then check cross-references.
 */
import type * as cloud from '../../model/cloud.js';
import type { SnapshotBuilder } from '../snapshot-builder.js';
import { problemAt } from './context.js';
import { checkCrossReferences } from './cross-references.js';
import { type AlibabaState, existingStateOf, type ListenerPiece } from './state.js';
import { strip } from './strip.js';

/** Idempotent: runs once per builder, whichever Alibaba adapter the loader calls it on. */
export function finishAlibaba(builder: SnapshotBuilder): void {
  const state = existingStateOf(builder);
  if (state === undefined || state.finished) return;
  state.finished = true;
  const out = builder.cloud;
  out.clusters.push(...state.clusters.values());
  out.vpcs.push(...state.vpcs.values());
  out.vSwitches.push(...state.vSwitches.values());
  out.routeTables.push(...state.routeTables.values());
  out.routeEntries.push(...state.routeEntries.values());
  out.natGateways.push(...state.natGateways.values());
  out.snatEntries.push(...state.snatEntries.values());
  out.eips.push(...state.eips.values());
  out.ipv6Addresses.push(...state.ipv6Addresses.values());
  out.ipv6Gateways.push(...state.ipv6Gateways.values());
  out.networkAcls.push(...state.networkAcls.values());
  out.ecsInstances.push(...state.ecsInstances.values());
  out.networkInterfaces.push(...networkInterfaces(builder, state));
  out.securityGroups.push(...securityGroups(state));
  out.rdsInstances.push(...rdsInstances(builder, state));
  out.loadBalancers.push(...loadBalancers(builder, state));
  out.accessControlLists.push(...state.accessControlLists.values());
  checkCrossReferences(builder, state);
}

/**
 * DescribeNetworkInterfaces is the full view of an ENI; the copy inside DescribeInstances is used only for ENIs it
 * does not cover. Secondary ENIs known only from DescribeInstances have unknown security groups: one warning says so.
 */
function networkInterfaces(builder: SnapshotBuilder, state: AlibabaState): cloud.NetworkInterface[] {
  const byId = new Map<string, cloud.NetworkInterface>();
  for (const eni of state.networkInterfaces.values()) byId.set(eni.id, eni);
  const unknownGroups: cloud.NetworkInterface[] = [];
  for (const eni of state.embeddedNetworkInterfaces.values()) {
    if (byId.has(eni.id)) continue;
    byId.set(eni.id, eni);
    if (eni.securityGroupsUnknown) unknownGroups.push(eni);
  }
  const first = unknownGroups[0];
  if (first !== undefined) {
    const ids = unknownGroups.map((eni) => eni.id);
    const shown =
      ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    builder.problems.push(
      problemAt(first.origin, 'warning', {
        message: `the security groups of ${ids.length} secondary ENI(s) are unknown (${shown}): DescribeInstances lists them without their groups`,
        hint: 'add the output of `aliyun ecs DescribeNetworkInterfaces` for these ENIs',
      }),
    );
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sortedUnion(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

function securityGroups(state: AlibabaState): cloud.SecurityGroup[] {
  const ids = sortedUnion(state.securityGroupBases.ids(), state.securityGroupRules.ids());
  return ids.map((id) => {
    const base = state.securityGroupBases.get(id);
    const rules = state.securityGroupRules.get(id);
    return strip({
      id,
      name: base?.value.name ?? rules?.value.name,
      type: base?.value.type,
      vpcId: base?.value.vpcId ?? rules?.value.vpcId,
      innerAccessPolicy: rules?.value.innerAccessPolicy,
      rules: rules?.value.rules,
      origin: (base ?? rules)?.origin ?? { file: '', path: '' },
    });
  });
}

function rdsInstances(builder: SnapshotBuilder, state: AlibabaState): cloud.RdsInstance[] {
  const ids = sortedUnion(state.rdsBases.ids(), state.rdsNetInfos.ids(), state.rdsWhitelists.ids());
  return ids.map((id) => {
    const base = state.rdsBases.get(id);
    const netInfo = state.rdsNetInfos.get(id);
    const whitelist = state.rdsWhitelists.get(id);
    if (base === undefined && state.rdsBases.size > 0) {
      const piece = netInfo ?? whitelist;
      if (piece !== undefined) {
        builder.problems.push(
          problemAt(piece.origin, 'warning', {
            message: `RDS instance ${id} (named by the file name) is not in the DescribeDBInstances output`,
            hint: 'check that the file name carries the right instance id, or add the instance to DescribeDBInstances',
          }),
        );
      }
    }
    return strip({
      id,
      description: base?.value.description,
      engine: base?.value.engine,
      engineVersion: base?.value.engineVersion,
      vpcId: base?.value.vpcId ?? netInfo?.value.vpcId,
      vSwitchId: base?.value.vSwitchId ?? netInfo?.value.vSwitchId,
      status: base?.value.status,
      connections: netInfo?.value.connections ?? [],
      whitelist: whitelist?.value,
      origin: (base ?? netInfo ?? whitelist)?.origin ?? { file: '', path: '' },
    });
  });
}

/** Overlays `piece` on the listener with its port and protocol (or its port alone, when one side lacks a protocol). */
function mergeListener(listeners: ListenerPiece[], piece: ListenerPiece): void {
  const samePort = listeners.filter((listener) => listener.port === piece.port);
  const match =
    samePort.find((listener) => listener.protocol !== undefined && listener.protocol === piece.protocol) ??
    (samePort.length === 1 &&
    (samePort[0]?.protocol === undefined ||
      piece.protocol === undefined ||
      samePort[0]?.protocol === piece.protocol)
      ? samePort[0]
      : undefined);
  if (match === undefined) {
    listeners.push(piece);
    return;
  }
  const merged: ListenerPiece = strip({
    loadBalancerId: piece.loadBalancerId,
    port: piece.port,
    protocol: piece.protocol ?? match.protocol,
    backendPort: piece.backendPort ?? match.backendPort,
    aclStatus: piece.aclStatus ?? match.aclStatus,
    aclType: piece.aclType ?? match.aclType,
    aclIds: piece.aclIds ?? match.aclIds,
    // The most detailed response decides, so a trace cites it.
    origin: piece.origin,
  });
  listeners[listeners.indexOf(match)] = merged;
}

function loadBalancers(builder: SnapshotBuilder, state: AlibabaState): cloud.LoadBalancer[] {
  const piecesByLb = new Map<string, ListenerPiece[]>();
  for (const piece of [...state.listenerSummaries.values(), ...state.listeners.values()]) {
    const list = piecesByLb.get(piece.loadBalancerId) ?? [];
    list.push(piece);
    piecesByLb.set(piece.loadBalancerId, list);
  }
  const ids = sortedUnion(state.loadBalancerBases.ids(), state.loadBalancerAttributes.ids(), [
    ...piecesByLb.keys(),
  ]);
  const out: cloud.LoadBalancer[] = [];
  for (const id of ids) {
    const base = state.loadBalancerBases.get(id);
    const attribute = state.loadBalancerAttributes.get(id);
    const pieces = piecesByLb.get(id) ?? [];
    const known = base ?? attribute;
    if (known === undefined) {
      const first = pieces[0];
      if (first !== undefined) {
        builder.problems.push(
          problemAt(first.origin, 'warning', {
            message: `listener ${first.port} belongs to load balancer ${id}, which no DescribeLoadBalancers or DescribeLoadBalancerAttribute body lists; its listeners are left out`,
            hint: `add the output of \`aliyun slb DescribeLoadBalancerAttribute --LoadBalancerId ${id}\``,
          }),
        );
      }
      continue;
    }
    const address = base?.value.address ?? attribute?.value.address;
    if (address === undefined) {
      builder.problems.push(
        problemAt(known.origin, 'error', {
          message: `load balancer ${id} has no Address; it is skipped`,
          expected: 'Address, the IP address of the load balancer',
          hint: 'save the unedited output of `aliyun slb DescribeLoadBalancers` again',
        }),
      );
      continue;
    }
    let listeners: cloud.LoadBalancerListener[] | undefined;
    if (attribute !== undefined || pieces.length > 0) {
      const merged: ListenerPiece[] = [...(attribute?.value.listeners ?? [])];
      for (const piece of pieces) mergeListener(merged, piece);
      listeners = merged
        .map((listener) => {
          if (listener.protocol === undefined) {
            builder.problems.push(
              problemAt(listener.origin, 'warning', {
                message: `the protocol of listener ${listener.port} of load balancer ${id} is unknown`,
                hint: `add the output of \`aliyun slb DescribeLoadBalancerAttribute --LoadBalancerId ${id}\`, which lists listener protocols`,
              }),
            );
          }
          return strip({
            port: listener.port,
            protocol: listener.protocol ?? 'unknown',
            backendPort: listener.backendPort,
            aclStatus: listener.aclStatus,
            aclType: listener.aclType,
            aclIds: listener.aclIds ?? [],
            origin: listener.origin,
          });
        })
        .sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
    }
    const value = { ...attribute?.value, ...base?.value };
    out.push(
      strip({
        id,
        name: base?.value.name ?? attribute?.value.name,
        address,
        addressType: value.addressType,
        addressIpVersion: value.addressIpVersion,
        vpcId: value.vpcId,
        vSwitchId: value.vSwitchId,
        status: value.status,
        tags:
          Object.keys(base?.value.tags ?? {}).length > 0
            ? (base?.value.tags ?? {})
            : (attribute?.value.tags ?? {}),
        backends: attribute?.value.backends,
        listeners,
        origin: known.origin,
      }),
    );
  }
  return out;
}
