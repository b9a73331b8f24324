/**
 * applyChange(snapshot, change) → a new snapshot with the change made, in memory. Pure: the input is never
 * modified. Kubernetes changes re-derive the cluster facts (an eni-config edit changes in_cluster_loadbalance...).
 * A change naming something the snapshot does not hold returns an error value, never throws.
 */
import { deriveClusterFacts } from '../load/derive/index.js';
import { loadSnapshotFromFiles } from '../load/index.js';
import type { LoadProblem } from '../load/problem.js';
import type {
  CloudResources,
  KubernetesObjects,
  Origin,
  SecurityGroup,
  SecurityGroupRule,
  Snapshot,
} from '../model/index.js';
import { ipFamily } from '../net/ip.js';
import type { SnapshotChange } from './change.js';
import { servicePortProblem } from './service-port-check.js';
import { foreignSnatIp, takenSnatSource } from './snat-check.js';

export type ApplyResult =
  | { readonly ok: true; readonly snapshot: Snapshot }
  | { readonly ok: false; readonly error: string };

/** Where changed values say they came from, so a rule a re-trace cites is recognisably the change. */
export function changeOrigin(path: string): Origin {
  return { file: '(what-if change)', path };
}

function withCloud(snapshot: Snapshot, cloud: Partial<CloudResources>): Snapshot {
  return { ...snapshot, cloud: { ...snapshot.cloud, ...cloud } };
}

function withKubernetes(snapshot: Snapshot, kubernetes: KubernetesObjects): Snapshot {
  const problems: LoadProblem[] = [];
  return { ...snapshot, kubernetes, facts: deriveClusterFacts(kubernetes, snapshot.cloud, problems) };
}

function fail(error: string): ApplyResult {
  return { ok: false, error };
}

function updateGroup(
  snapshot: Snapshot,
  id: string,
  update: (rules: readonly SecurityGroupRule[]) => readonly SecurityGroupRule[] | string,
): ApplyResult {
  const group = snapshot.cloud.securityGroups.find((g) => g.id === id);
  if (group === undefined) return fail(`security group ${id} is not in the snapshot`);
  const rules = update(group.rules ?? []);
  if (typeof rules === 'string') return fail(rules);
  const next: SecurityGroup = { ...group, rules };
  return {
    ok: true,
    snapshot: withCloud(snapshot, {
      securityGroups: snapshot.cloud.securityGroups.map((g) => (g.id === id ? next : g)),
    }),
  };
}

function sameKey(a: { namespace?: string; name: string }, b: { namespace?: string; name: string }): boolean {
  return a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/** Replaces objects with the same identity and adds the others, list by list. */
function mergeKubernetes(base: KubernetesObjects, extra: KubernetesObjects): KubernetesObjects {
  const merge = <T extends { namespace?: string; name: string }>(
    a: readonly T[],
    b: readonly T[],
    same: (x: T, y: T) => boolean = sameKey,
  ): T[] => [...a.filter((x) => !b.some((y) => same(x, y))), ...b];
  return {
    namespaces: merge(base.namespaces, extra.namespaces),
    pods: merge(base.pods, extra.pods),
    nodes: merge(base.nodes, extra.nodes),
    services: merge(base.services, extra.services),
    endpointSlices: merge(base.endpointSlices, extra.endpointSlices),
    networkPolicies: merge(base.networkPolicies, extra.networkPolicies),
    configMaps: merge(base.configMaps, extra.configMaps),
    workloads: merge(base.workloads, extra.workloads, (x, y) => x.kind === y.kind && sameKey(x, y)),
    podNetworkings: merge(base.podNetworkings, extra.podNetworkings),
    podEips: merge(base.podEips, extra.podEips),
  };
}

export function applyChange(snapshot: Snapshot, change: SnapshotChange): ApplyResult {
  const cloud = snapshot.cloud;
  switch (change.kind) {
    case 'add-snat-entry': {
      const gateway = cloud.natGateways.find(
        (g) => g.id === change.natGatewayId || g.snatTableIds.includes(change.snatTableId),
      );
      if (gateway === undefined)
        return fail(`no NAT gateway in the snapshot owns SNAT table ${change.snatTableId}`);
      const refused =
        foreignSnatIp(gateway, change.snatIps) ??
        takenSnatSource(cloud.snatEntries, change.snatTableId, change);
      if (refused !== undefined) return fail(refused);
      const id = `snat-whatif-${cloud.snatEntries.length + 1}`;
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          snatEntries: [
            ...cloud.snatEntries,
            {
              id,
              snatTableId: change.snatTableId,
              natGatewayId: gateway.id,
              ...(change.sourceVSwitchId === undefined ? {} : { sourceVSwitchId: change.sourceVSwitchId }),
              ...(change.sourceCidr === undefined ? {} : { sourceCidr: change.sourceCidr }),
              snatIps: [...change.snatIps],
              status: 'Available',
              origin: changeOrigin(`snat ${id}`),
            },
          ],
        }),
      };
    }
    case 'remove-snat-entry': {
      if (!cloud.snatEntries.some((e) => e.id === change.snatEntryId))
        return fail(`SNAT entry ${change.snatEntryId} is not in the snapshot`);
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          snatEntries: cloud.snatEntries.filter((e) => e.id !== change.snatEntryId),
        }),
      };
    }
    case 'modify-snat-entry': {
      const entry = cloud.snatEntries.find((e) => e.id === change.snatEntryId);
      if (entry === undefined) return fail(`SNAT entry ${change.snatEntryId} is not in the snapshot`);
      const gateway = cloud.natGateways.find(
        (g) => g.id === entry.natGatewayId || g.snatTableIds.includes(entry.snatTableId),
      );
      if (gateway === undefined)
        return fail(`no NAT gateway in the snapshot owns SNAT table ${entry.snatTableId}`);
      const refused = foreignSnatIp(gateway, change.snatIps);
      if (refused !== undefined) return fail(refused);
      const next = { ...entry, snatIps: [...change.snatIps], origin: changeOrigin(`snat ${entry.id}`) };
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          snatEntries: cloud.snatEntries.map((e) => (e === entry ? next : e)),
        }),
      };
    }
    case 'add-route-entry': {
      if (!cloud.routeTables.some((t) => t.id === change.routeTableId))
        return fail(`route table ${change.routeTableId} is not in the snapshot`);
      const kept = cloud.routeEntries.filter(
        (e) => !(e.routeTableId === change.routeTableId && e.destinationCidr === change.destinationCidr),
      );
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          routeEntries: [
            ...kept,
            {
              routeTableId: change.routeTableId,
              destinationCidr: change.destinationCidr,
              type: 'Custom',
              status: 'Available',
              nextHops: [{ type: change.nextHopType, id: change.nextHopId }],
              origin: changeOrigin(`route ${change.routeTableId} ${change.destinationCidr}`),
            },
          ],
        }),
      };
    }
    case 'remove-route-entry': {
      const match = (e: { routeTableId: string; destinationCidr: string }) =>
        e.routeTableId === change.routeTableId && e.destinationCidr === change.destinationCidr;
      if (!cloud.routeEntries.some(match))
        return fail(`route table ${change.routeTableId} has no entry for ${change.destinationCidr}`);
      return {
        ok: true,
        snapshot: withCloud(snapshot, { routeEntries: cloud.routeEntries.filter((e) => !match(e)) }),
      };
    }
    case 'add-security-group-rule': {
      const r = change.rule;
      return updateGroup(snapshot, r.securityGroupId, (rules) => [
        ...rules,
        {
          id: `sgr-whatif-${rules.length + 1}`,
          securityGroupId: r.securityGroupId,
          direction: r.direction,
          policy: r.policy,
          priority: r.priority,
          protocol: r.protocol,
          portRange: r.portRange,
          ...(r.cidr === undefined ? {} : { cidr: r.cidr }),
          ...(r.ipv6Cidr === undefined ? {} : { ipv6Cidr: r.ipv6Cidr }),
          ...(r.description === undefined ? {} : { description: r.description }),
          origin: changeOrigin(`security group ${r.securityGroupId} new ${r.direction} rule`),
        },
      ]);
    }
    case 'remove-security-group-rule':
      return updateGroup(snapshot, change.securityGroupId, (rules) =>
        rules.some((r) => r.id === change.ruleId)
          ? rules.filter((r) => r.id !== change.ruleId)
          : `security group ${change.securityGroupId} has no rule ${change.ruleId}`,
      );
    case 'modify-security-group-rule':
      return updateGroup(snapshot, change.securityGroupId, (rules) =>
        rules.some((r) => r.id === change.ruleId)
          ? rules.map((r) =>
              r.id === change.ruleId
                ? {
                    ...r,
                    ...(change.priority === undefined ? {} : { priority: change.priority }),
                    ...(change.policy === undefined ? {} : { policy: change.policy }),
                  }
                : r,
            )
          : `security group ${change.securityGroupId} has no rule ${change.ruleId}`,
      );
    case 'add-network-acl-entry': {
      const acl = cloud.networkAcls.find((a) => a.id === change.networkAclId);
      if (acl === undefined) return fail(`network ACL ${change.networkAclId} is not in the snapshot`);
      const e = change.entry;
      const entry = {
        policy: e.policy,
        protocol: e.protocol,
        portRange: e.portRange,
        cidr: e.cidr,
        ...(e.name === undefined ? {} : { name: e.name }),
        ipVersion: ipFamily(e.cidr.split('/')[0] ?? '') === 6 ? 'IPv6' : 'IPv4',
        entryType: 'custom',
        origin: changeOrigin(`network ACL ${acl.id} new ${change.direction} entry`),
      };
      // New entries go first: ACLs match in order, and the fix must win over the entry that dropped.
      const next =
        change.direction === 'ingress'
          ? { ...acl, ingress: [entry, ...acl.ingress] }
          : { ...acl, egress: [entry, ...acl.egress] };
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          networkAcls: cloud.networkAcls.map((a) => (a.id === acl.id ? next : a)),
        }),
      };
    }
    case 'add-rds-whitelist-entry': {
      const rds = cloud.rdsInstances.find((r) => r.id === change.dbInstanceId);
      if (rds === undefined) return fail(`RDS instance ${change.dbInstanceId} is not in the snapshot`);
      const groups = rds.whitelist ?? [];
      const existing = groups.find((g) => g.name === change.group);
      const whitelist =
        existing === undefined
          ? [
              ...groups,
              {
                name: change.group,
                entries: [...change.entries],
                origin: changeOrigin(`${rds.id} ${change.group}`),
              },
            ]
          : groups.map((g) =>
              g === existing
                ? { ...g, entries: [...g.entries, ...change.entries.filter((e) => !g.entries.includes(e))] }
                : g,
            );
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          rdsInstances: cloud.rdsInstances.map((r) => (r === rds ? { ...r, whitelist } : r)),
        }),
      };
    }
    case 'add-slb-listener': {
      const lb = cloud.loadBalancers.find((l) => l.id === change.loadBalancerId);
      if (lb === undefined) return fail(`load balancer ${change.loadBalancerId} is not in the snapshot`);
      const listeners = lb.listeners ?? [];
      if (listeners.some((l) => l.port === change.port && l.protocol.toLowerCase() === change.protocol))
        return fail(`${lb.id} already has a ${change.protocol} listener on port ${change.port}`);
      const listener = {
        port: change.port,
        protocol: change.protocol,
        backendPort: change.backendPort,
        aclStatus: 'off' as const,
        aclIds: [],
        origin: changeOrigin(`${lb.id} listener ${change.port}/${change.protocol}`),
      };
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          loadBalancers: cloud.loadBalancers.map((l) =>
            l === lb ? { ...l, listeners: [...listeners, listener] } : l,
          ),
        }),
      };
    }
    case 'add-slb-acl-entry': {
      const acl = cloud.accessControlLists.find((a) => a.id === change.aclId);
      if (acl === undefined) return fail(`access control list ${change.aclId} is not in the snapshot`);
      const entries = [...acl.entries, ...change.entries.map((cidr) => ({ cidr }))];
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          accessControlLists: cloud.accessControlLists.map((a) => (a === acl ? { ...a, entries } : a)),
        }),
      };
    }
    case 'add-allow-list-source': {
      const world = snapshot.world;
      const list = world.allowLists.find((l) => l.name === change.allowList);
      if (list === undefined) return fail(`world.yaml has no allow-list ${change.allowList}`);
      const allowedSources = [
        ...list.allowedSources,
        ...change.sources.filter((s) => !list.allowedSources.includes(s)),
      ];
      return {
        ok: true,
        snapshot: {
          ...snapshot,
          world: {
            ...world,
            allowLists: world.allowLists.map((l) => (l === list ? { ...l, allowedSources } : l)),
          },
        },
      };
    }
    case 'bind-eip': {
      const eip = cloud.eips.find((e) => e.allocationId === change.allocationId);
      if (eip === undefined) return fail(`EIP ${change.allocationId} is not in the snapshot`);
      const bound = {
        ...eip,
        status: 'InUse',
        instanceId: change.instanceId,
        instanceType: change.instanceType,
        ...(change.privateIpAddress === undefined ? {} : { privateIpAddress: change.privateIpAddress }),
      };
      return {
        ok: true,
        snapshot: withCloud(snapshot, { eips: cloud.eips.map((e) => (e === eip ? bound : e)) }),
      };
    }
    case 'enable-ipv6-bandwidth': {
      const address = cloud.ipv6Addresses.find((a) => a.id === change.ipv6AddressId);
      if (address === undefined) return fail(`IPv6 address ${change.ipv6AddressId} is not in the snapshot`);
      const next = {
        ...address,
        internetBandwidth: { bandwidth: change.bandwidth, businessStatus: 'Normal' },
      };
      return {
        ok: true,
        snapshot: withCloud(snapshot, {
          ipv6Addresses: cloud.ipv6Addresses.map((a) => (a === address ? next : a)),
        }),
      };
    }
    case 'set-pod-annotations': {
      const k8s = snapshot.kubernetes;
      const pod = k8s.pods.find((p) => p.namespace === change.namespace && p.name === change.pod);
      if (pod === undefined) return fail(`pod ${change.namespace}/${change.pod} is not in the snapshot`);
      const next = { ...pod, annotations: { ...pod.annotations, ...change.annotations } };
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, { ...k8s, pods: k8s.pods.map((p) => (p === pod ? next : p)) }),
      };
    }
    case 'set-external-traffic-policy': {
      const k8s = snapshot.kubernetes;
      const svc = k8s.services.find((s) => s.namespace === change.namespace && s.name === change.service);
      if (svc === undefined)
        return fail(`Service ${change.namespace}/${change.service} is not in the snapshot`);
      // Kubernetes Service validation: "may only be set for externally-accessible services" (NodePort,
      // LoadBalancer, or a Service with externalIPs).
      if (svc.type !== 'NodePort' && svc.type !== 'LoadBalancer' && svc.externalIPs.length === 0)
        return fail(
          `Service ${svc.namespace}/${svc.name} is ${svc.type} without externalIPs: externalTrafficPolicy "may only be set for externally-accessible services"`,
        );
      const next = { ...svc, externalTrafficPolicy: change.policy };
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, {
          ...k8s,
          services: k8s.services.map((s) => (s === svc ? next : s)),
        }),
      };
    }
    case 'set-internal-traffic-policy': {
      const k8s = snapshot.kubernetes;
      const svc = k8s.services.find((s) => s.namespace === change.namespace && s.name === change.service);
      if (svc === undefined)
        return fail(`Service ${change.namespace}/${change.service} is not in the snapshot`);
      const next = { ...svc, internalTrafficPolicy: change.policy };
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, {
          ...k8s,
          services: k8s.services.map((s) => (s === svc ? next : s)),
        }),
      };
    }
    case 'add-service-port': {
      const k8s = snapshot.kubernetes;
      const svc = k8s.services.find((s) => s.namespace === change.namespace && s.name === change.service);
      if (svc === undefined)
        return fail(`Service ${change.namespace}/${change.service} is not in the snapshot`);
      const np = change.port;
      if (svc.ports.some((p) => p.port === np.port && p.protocol === np.protocol))
        return fail(
          `Service ${change.namespace}/${change.service} already has port ${np.port}/${np.protocol}`,
        );
      const refused = servicePortProblem(snapshot, svc, change);
      if (refused !== undefined) return fail(refused);
      const rename = change.existingPortName;
      const named = <T extends { readonly name?: string }>(p: T): T =>
        rename !== undefined && (p.name ?? '') === '' ? { ...p, name: rename } : p;
      const next = { ...svc, ports: [...svc.ports.map(named), np] };
      // Only the EndpointSlice controller adds the port to the slices, and it manages a Service with a selector; the
      // slices of a selector-less Service are written by hand and stay as they are.
      const managed = svc.selector !== undefined;
      const endpointSlices = k8s.endpointSlices.map((slice) =>
        managed && slice.namespace === svc.namespace && slice.serviceName === svc.name
          ? {
              ...slice,
              ports: [
                ...slice.ports.map(named),
                { name: np.name, port: np.targetPort, protocol: np.protocol },
              ],
            }
          : slice,
      );
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, {
          ...k8s,
          services: k8s.services.map((s) => (s === svc ? next : s)),
          endpointSlices,
        }),
      };
    }
    case 'set-config-map-data': {
      const k8s = snapshot.kubernetes;
      const cm = k8s.configMaps.find((c) => c.namespace === change.namespace && c.name === change.name);
      if (cm === undefined)
        return fail(`ConfigMap ${change.namespace}/${change.name} is not in the snapshot`);
      const next = { ...cm, data: { ...cm.data, [change.key]: change.value } };
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, {
          ...k8s,
          configMaps: k8s.configMaps.map((c) => (c === cm ? next : c)),
        }),
      };
    }
    case 'kubernetes-manifests': {
      const loaded = loadSnapshotFromFiles([{ path: change.file, content: change.yaml }]);
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) return fail(`${change.file}: ${errors.map((p) => p.message).join('; ')}`);
      const count = Object.values(loaded.snapshot.kubernetes).reduce((n, list) => n + list.length, 0);
      if (count === 0) return fail(`${change.file}: no Kubernetes object podreach reads`);
      return {
        ok: true,
        snapshot: withKubernetes(snapshot, mergeKubernetes(snapshot.kubernetes, loaded.snapshot.kubernetes)),
      };
    }
  }
}

/** Applies changes in order; stops at the first that cannot be applied. */
export function applyChanges(snapshot: Snapshot, changes: readonly SnapshotChange[]): ApplyResult {
  let current = snapshot;
  for (const change of changes) {
    const result = applyChange(current, change);
    if (!result.ok) return result;
    current = result.snapshot;
  }
  return { ok: true, snapshot: current };
}
