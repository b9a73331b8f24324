/**
 * The packet really reaches a CLB (a LoadBalancer IP that is not short-circuited, or a CLB no Service manages):
 * its listener for the protocol and port, the listener's ACL (alibaba-semantics.md §8 "CLB access control"), the
 * Layer-4 hairpin limit, then on to a backend (§10):
 * - "CLB Layer 4 listeners do not support an ECS instance that acts as both a backend server and a client. If you
 *   require this setup, use a Layer 7 listener." — the reply is delivered inside the ECS and never returns through
 *   the CLB. For pod ENI backends (`service.beta.kubernetes.io/backend-type: eni`) the same holds when the backend
 *   ENI is on the client's ECS (UNCONFIRMED for ENI backends, stated as an assumption).
 * - A Layer-4 listener keeps the client address; the backend is a node on its NodePort (ECS backends, kube-proxy
 *   translates there: service/node-port.ts) or a pod ENI on its target port.
 */
import { slbAclAdmits } from '../../eval/whitelist.js';
import type { LoadBalancer, LoadBalancerListener, Node, Pod, RuleRef } from '../../model/index.js';
import { podKey, resource, rule, type TraceState } from '../context.js';
import { arriveOnNodePort } from '../service/node-port.js';
import { canonicalIp } from '../snapshot-index.js';
import { addressToAdd } from './destination-access.js';
import { evaluateGroupsForHop, groupsResource } from './security-group-common.js';
import { resolvePodSource } from './source.js';

type Backend = NonNullable<LoadBalancer['backends']>[number];

function listenerMatches(listenerProtocol: string, protocol: string): boolean {
  const p = listenerProtocol.toLowerCase();
  return protocol === 'tcp' ? p === 'tcp' || p === 'http' || p === 'https' : p === protocol;
}

function isLayer4(listener: LoadBalancerListener): boolean {
  return ['tcp', 'udp'].includes(listener.protocol.toLowerCase());
}

/** What a backend is in the cluster: a node (ECS backend) or a pod (ENI backend). */
function backendTarget(state: TraceState, backend: Backend): { node?: Node; pod?: Pod; instanceId?: string } {
  const type = backend.type?.toLowerCase();
  if (type === 'eni' || backend.serverId.startsWith('eni-')) {
    const pod = backend.serverIp === undefined ? undefined : state.index.podByIp(backend.serverIp);
    const eni = state.index.eni(backend.serverId);
    const node = pod?.nodeName === undefined ? undefined : state.index.node(pod.nodeName);
    const instanceId = eni?.instanceId ?? node?.instanceId;
    return {
      ...(pod === undefined ? {} : { pod }),
      ...(node === undefined ? {} : { node }),
      ...(instanceId === undefined ? {} : { instanceId }),
    };
  }
  const node = state.index.nodeByInstance(backend.serverId);
  return { ...(node === undefined ? {} : { node }), instanceId: backend.serverId };
}

/** The backend that is the client's own ECS (or a pod ENI on it, or the client's own address), if any. */
function hairpinBackend(state: TraceState, backends: readonly Backend[]): Backend | undefined {
  const client = state.source.instance?.id;
  const seen = canonicalIp(state.packet.src);
  return backends.find((b) => {
    if (b.serverIp !== undefined && canonicalIp(b.serverIp) === seen) return true;
    return client !== undefined && backendTarget(state, b).instanceId === client;
  });
}

const HAIRPIN_FIXES =
  'fixes (ACK Service FAQ): reach the Service by its name or ClusterIP instead (kube-proxy answers inside the cluster); on Terway IPvlan/DataPathV2 ≥ v1.2.0 enable in-cluster load balancing (eni-config in_cluster_loadbalance: "true", then restart the terway-eniip pods); or use a Layer-7 (HTTP/HTTPS) listener';

export function loadBalancerAccess(state: TraceState, lb: LoadBalancer | undefined, address: string): void {
  const regionArg = state.region();
  if (lb === undefined) {
    state.need(
      'destination-access',
      `the SLB instance at ${address}`,
      `aliyun slb DescribeLoadBalancers${regionArg} --Address ${address}`,
    );
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: resource('slb', address),
      rule: null,
      reason: `the packet goes to the SLB at ${address}, which is not in the snapshot (listeners, ACL, backends unknown)`,
    });
    return;
  }
  const res = resource('slb', lb.id, lb.name);
  if (lb.listeners === undefined) {
    state.need(
      'destination-access',
      `the listeners of ${lb.id}`,
      `aliyun slb DescribeLoadBalancerAttribute${regionArg} --LoadBalancerId ${lb.id}`,
    );
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: res,
      rule: null,
      reason: `the listeners of ${lb.id} are not in the snapshot`,
    });
    return;
  }
  const port = state.packet.port;
  const listener = lb.listeners.find(
    (l) => l.port === port && listenerMatches(l.protocol, state.packet.protocol),
  );
  if (listener === undefined) {
    state.add({
      kind: 'destination-access',
      result: 'drop',
      resource: res,
      rule: rule(lb.id, 'listeners', lb.origin),
      reason: `${lb.id} has no ${state.packet.protocol} listener on port ${port ?? '-'} (listeners: ${
        lb.listeners.map((l) => `${l.port}/${l.protocol}`).join(', ') || 'none'
      }): nothing answers there`,
    });
    return;
  }
  const seen = state.packet.src;
  const listenerRule = rule(
    `${lb.id}:${listener.port}`,
    `listener ${listener.port}/${listener.protocol}`,
    listener.origin,
  );
  const problems: string[] = [];
  let deciding: RuleRef = listenerRule;
  let unknown = false;
  const region = state.snapshot.facts.regionId;
  const acl = slbAclAdmits(listener, state.snapshot.cloud.accessControlLists, seen, {
    ...(region.known ? { regionId: region.value } : {}),
    loadBalancerId: lb.id,
  });
  if (acl.unknown === true) {
    unknown = true;
    for (const command of acl.missing ?? [])
      state.need('destination-access', `ACL of listener ${listener.port}`, command);
  } else if (!acl.admitted) {
    problems.push(`${acl.reason}: add ${addressToAdd(state)} to the ACL`);
    deciding = rule(
      acl.acl?.id ?? (listener.aclIds.join(',') || lb.id),
      `listener ${listener.port} ${listener.aclType ?? ''} ACL`.replace(/\s+/g, ' '),
      acl.acl?.origin ?? listener.origin,
    );
  }
  const layer4 = isLayer4(listener);
  const clientKnown = state.source.instance !== undefined || state.source.kind === 'pod';
  let hairpin: Backend | undefined;
  if (layer4 && clientKnown) {
    if (lb.backends === undefined) {
      unknown = true;
      state.need(
        'destination-access',
        `the backends of ${lb.id}`,
        `aliyun slb DescribeLoadBalancerAttribute${regionArg} --LoadBalancerId ${lb.id}`,
      );
    } else {
      hairpin = hairpinBackend(state, lb.backends);
      if (hairpin !== undefined) {
        const eni = hairpin.type?.toLowerCase() === 'eni' || hairpin.serverId.startsWith('eni-');
        if (eni) {
          state.assume(
            'destination-access',
            'a pod ENI backend on the client’s own ECS hairpins like an ECS backend',
            'CLB: "Layer 4 listeners do not support an ECS instance that acts as both a backend server and a client"; for ENI backends UNCONFIRMED (alibaba-semantics.md §10)',
          );
        }
        const who = eni
          ? `backend ${hairpin.serverId}${hairpin.serverIp === undefined ? '' : ` (${hairpin.serverIp})`} is a pod ENI on the client's own ECS ${state.source.instance?.id ?? ''}`.trimEnd()
          : `the client's ECS ${hairpin.serverId} is itself a backend`;
        problems.push(
          `Layer-4 hairpin: ${who} of ${lb.id} (${lb.backends.length} backend${lb.backends.length === 1 ? '' : 's'}); a CLB ${listener.protocol.toUpperCase()} listener cannot serve a client that is its own backend — the reply stays inside the ECS and never returns through the CLB, so connections scheduled there time out; ${HAIRPIN_FIXES}`,
        );
        if (deciding === listenerRule)
          deciding = rule(
            `${lb.id}:backend:${hairpin.serverId}`,
            `backend server ${hairpin.serverId}`,
            lb.origin,
          );
      }
    }
  }
  const details = {
    listener: { port: listener.port, protocol: listener.protocol, backendPort: listener.backendPort ?? null },
    acl: { status: listener.aclStatus ?? null, type: listener.aclType ?? null, ids: listener.aclIds },
    backends: (lb.backends ?? []).map((b) => ({
      id: b.serverId,
      ip: b.serverIp ?? null,
      type: b.type ?? null,
    })),
    hairpin: hairpin?.serverId ?? null,
  };
  if (problems.length > 0) {
    state.add({
      kind: 'destination-access',
      result: 'drop',
      resource: res,
      rule: deciding,
      reason: problems.join('; '),
      details,
    });
    return;
  }
  if (unknown) {
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: res,
      rule: listenerRule,
      reason:
        acl.unknown === true
          ? acl.reason
          : `whether ${lb.id} hairpins to the client's own ECS is unknown: its backends are not in the snapshot`,
      details,
    });
    return;
  }
  state.add({
    kind: 'destination-access',
    result: 'pass',
    resource: res,
    rule: listenerRule,
    reason: `${acl.reason}; ${lb.id} forwards ${seen}`,
    details,
  });
  if (layer4) toBackend(state, lb, listener);
}

/** CLB → a backend, client address kept (Layer 4): the backend's security groups, then the NodePort or the pod. */
function toBackend(state: TraceState, lb: LoadBalancer, listener: LoadBalancerListener): void {
  const backends = [...(lb.backends ?? [])].sort((a, b) => a.serverId.localeCompare(b.serverId));
  const res = resource('slb', lb.id, lb.name);
  if (backends.length === 0) {
    state.add({
      kind: 'destination-access',
      result: 'drop',
      resource: res,
      rule: rule(`${lb.id}:backends`, 'backend servers', lb.origin),
      reason: `${lb.id} has no backend server: nothing answers behind listener ${listener.port}`,
    });
    state.halted = true;
    return;
  }
  const backendPort = listener.backendPort;
  const chosen = backends
    .map((b) => ({ b, t: backendTarget(state, b) }))
    .find((x) => x.t.node !== undefined || x.t.pod !== undefined);
  if (chosen === undefined || backendPort === undefined) return;
  const { b, t } = chosen;
  const pod = t.pod;
  const node = t.node;
  const address =
    pod !== undefined
      ? (b.serverIp ?? '')
      : (node?.internalIPs.find((ip) => (ip.includes(':') ? 6 : 4) === state.packet.family) ??
        b.serverIp ??
        '');
  if (address === '') return;
  state.setDestination(address, backendPort);
  const others = backends.length - 1;
  const via = `${lb.id} listener ${listener.port} forwards to backend ${b.serverId} (${address}:${backendPort})${others > 0 ? `, one of ${backends.length}` : ''}, keeping the client address ${state.packet.src}`;
  if (pod !== undefined) {
    state.target = { kind: 'pod', pod, address };
    backendGroups(state, resolvePodSource(state.index, pod).groups, `pod ${podKey(pod)}`, via);
    return;
  }
  if (node === undefined) return;
  state.target = { kind: 'node', node, address };
  const eni = state.index.eniByPrivateIp(address);
  const instance = node.instanceId === undefined ? undefined : state.index.instance(node.instanceId);
  const ids = eni?.securityGroupIds.length ? eni.securityGroupIds : (instance?.securityGroupIds ?? []);
  backendGroups(
    state,
    ids.length > 0
      ? { known: true, ids, from: eni?.id ?? instance?.id ?? node.name }
      : {
          known: false,
          what: `the security groups of node ${node.name}`,
          collect: `aliyun ecs DescribeInstances${state.region()}`,
        },
    `node ${node.name}`,
    via,
  );
  if (state.halted) return;
  arriveOnNodePort(state, node, `from ${lb.id}`);
}

function backendGroups(
  state: TraceState,
  groups: ReturnType<typeof resolvePodSource>['groups'],
  owner: string,
  via: string,
): void {
  if (!groups.known) {
    state.need('destination-access', groups.what, groups.collect);
    state.add({
      kind: 'destination-access',
      result: 'unknown',
      resource: null,
      rule: null,
      reason: `${via}; ${groups.what} is not in the snapshot`,
    });
    state.halted = true;
    return;
  }
  const seen = state.packet.src;
  state.assume(
    'destination-access',
    'a CLB Layer-4 listener forwards with the client address, so the backend’s security groups must admit it',
    'CLB Layer-4 listeners preserve the client IP (alibaba-semantics.md §8, §10); whether CLB traffic bypasses backend security groups in a VPC is UNCONFIRMED',
  );
  const peerGroups = state.index.eniByPrivateIp(seen)?.securityGroupIds;
  const verdict = evaluateGroupsForHop(state, 'destination-access', groups.ids, 'ingress', seen, peerGroups);
  state.add({
    kind: 'destination-access',
    result: verdict.result,
    resource: groupsResource(groups.ids),
    rule: verdict.rule,
    reason: `${via}: ${verdict.reason} on ${owner}${verdict.result === 'drop' ? `: allow the client address ${seen} (a Layer-4 CLB keeps it) in its security group ingress` : ''}`,
    ...(verdict.considered === undefined ? {} : { considered: verdict.considered }),
    details: verdict.details,
  });
  if (verdict.result !== 'pass') state.halted = verdict.result === 'drop' || state.halted;
}
