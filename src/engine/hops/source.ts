/**
 * Hop 1, source: who sends the packet. For a pod: its IPs, node, ECS instance, the ENI its traffic leaves by, that
 * ENI's vSwitch and the security groups that filter it (alibaba-semantics.md §1.2-§1.3, §2, §5 "Pod traffic & SGs"):
 * - Terway shared ENI: the pod IP is a secondary IP of an ENI; its groups are the ENI's when the ENI is in the
 *   snapshot, else the matching PodNetworking's securityGroupIDs, else eni-config `security_group(s)`;
 * - Terway exclusive ENI: the pod's own ENI;
 * - Flannel and hostNetwork pods: the node's primary ENI (Flannel "ECS instance has only one primary network
 *   interface … pods on the node use the primary network interface").
 */
import { matchesSelector } from '../../eval/label-selector.js';
import type { Cni, Fact, NetworkInterface, Pod, PodNetworking, TerwayMode } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { resource, rule, type SourceGroups, type SourceInfo, type TraceState } from '../context.js';
import { memoByIdentities, memoByIdentity } from '../memo.js';
import type { SnapshotIndex } from '../snapshot-index.js';

const POD_NETWORKING_ANNOTATION = 'k8s.aliyun.com/pod-networking';
const EXCLUSIVE_ENI_NODE_LABEL = 'k8s.aliyun.com/exclusive-mode-eni-type';

function firstOfFamily(ips: readonly string[], family: 4 | 6): string | undefined {
  return ips.find((ip) => ipFamily(ip) === family);
}

/** PodNetworkings by name (the first of a name) and sorted by name, once per PodNetworking list. */
const podNetworkingsOf = memoByIdentity((all: readonly PodNetworking[]) => {
  const byName = new Map<string, PodNetworking>();
  for (const p of all) if (!byName.has(p.name)) byName.set(p.name, p);
  return { byName, sorted: [...all].sort((a, b) => a.name.localeCompare(b.name)) };
});

/** The PodNetworking a Terway trunk pod matches: the one the webhook wrote on the pod, else by selectors. */
export function podNetworkingFor(index: SnapshotIndex, pod: Pod): PodNetworking | undefined {
  const all = podNetworkingsOf(index.snapshot.kubernetes.podNetworkings);
  const named = pod.annotations[POD_NETWORKING_ANNOTATION];
  if (named !== undefined) return all.byName.get(named);
  const nsLabels = index.namespace(pod.namespace)?.labels ?? { 'kubernetes.io/metadata.name': pod.namespace };
  return all.sorted.find(
    (p) =>
      (p.podSelector !== undefined || p.namespaceSelector !== undefined) &&
      (p.podSelector === undefined || matchesSelector(p.podSelector, pod.labels)) &&
      (p.namespaceSelector === undefined || matchesSelector(p.namespaceSelector, nsLabels)),
  );
}

function terwayModeFor(index: SnapshotIndex, pod: Pod): TerwayMode | undefined {
  const node = pod.nodeName === undefined ? undefined : index.node(pod.nodeName);
  if (node?.labels[EXCLUSIVE_ENI_NODE_LABEL] === 'eniOnly') return 'exclusive-eni';
  const mode = index.snapshot.facts.terwayMode;
  return mode.known ? mode.value : undefined;
}

function eniGroups(eni: NetworkInterface): SourceGroups | undefined {
  return eni.securityGroupIds.length === 0
    ? undefined
    : { known: true, ids: eni.securityGroupIds, from: `ENI ${eni.id}`, origin: eni.origin };
}

/**
 * Who a pod is on the network, from the snapshot alone: asked for the source, the DNS query path, every Service
 * endpoint and the destination, so it is kept per index (one per snapshot) and pod. The result is read-only.
 */
export const resolvePodSource: (index: SnapshotIndex, pod: Pod) => SourceInfo = memoByIdentities(podSource);

function podSource(index: SnapshotIndex, pod: Pod): SourceInfo {
  const facts = index.snapshot.facts;
  const node = pod.nodeName === undefined ? undefined : index.node(pod.nodeName);
  const instance = node?.instanceId === undefined ? undefined : index.instance(node.instanceId);
  const nodeIpv4 = firstOfFamily(node?.internalIPs ?? [], 4) ?? (pod.hostNetwork ? pod.hostIP : undefined);
  const nodeIpv6 = firstOfFamily(node?.internalIPs ?? [], 6);
  const ipv4 = firstOfFamily(pod.ips, 4);
  const ipv6 = firstOfFamily(pod.ips, 6);
  let cni: Fact<Cni> = facts.cni;
  const podEni = pod.hostNetwork
    ? undefined
    : ((ipv4 === undefined ? undefined : index.eniByPrivateIp(ipv4)) ??
      (ipv6 === undefined ? undefined : index.eniByPrivateIp(ipv6)));
  if (!cni.known && podEni !== undefined) {
    // A pod IP that is an ENI's private IP can only come from Terway.
    cni = {
      known: true,
      value: 'terway',
      evidence: `pod IP ${ipv4 ?? ipv6} is a private IP of ${podEni.id}`,
    };
  }
  const usesNodeNetwork = pod.hostNetwork || (cni.known && cni.value === 'flannel');
  const nodeEni =
    (instance === undefined ? undefined : index.primaryEni(instance.id)) ??
    (nodeIpv4 === undefined ? undefined : index.eniByPrivateIp(nodeIpv4));
  const eni = usesNodeNetwork ? nodeEni : podEni;
  const vSwitch =
    (eni?.vSwitchId === undefined ? undefined : index.vSwitch(eni.vSwitchId)) ??
    (usesNodeNetwork
      ? ((instance?.vSwitchId === undefined ? undefined : index.vSwitch(instance.vSwitchId)) ??
        (nodeIpv4 === undefined ? undefined : index.vSwitchForIp(nodeIpv4)))
      : ((ipv4 === undefined ? undefined : index.vSwitchForIp(ipv4)) ??
        (ipv6 === undefined ? undefined : index.vSwitchForIp(ipv6))));
  const terwayMode = cni.known && cni.value === 'terway' ? terwayModeFor(index, pod) : undefined;
  const region = facts.regionId.known ? ` --RegionId ${facts.regionId.value}` : '';

  let groups: SourceGroups;
  if (usesNodeNetwork) {
    groups =
      (nodeEni === undefined ? undefined : eniGroups(nodeEni)) ??
      (instance !== undefined && instance.securityGroupIds.length > 0
        ? { known: true, ids: instance.securityGroupIds, from: `ECS ${instance.id}`, origin: instance.origin }
        : {
            known: false,
            what: `security groups of node ${node?.name ?? pod.nodeName ?? '(unscheduled)'}`,
            collect: `aliyun ecs DescribeInstances${region} --InstanceIds '["${node?.instanceId ?? '<instance-id>'}"]'`,
          });
  } else if (!cni.known) {
    groups = {
      known: false,
      what: 'the CNI (Terway or Flannel), which decides whose security groups filter the pod',
      collect: cni.missing,
    };
  } else {
    const networking = terwayMode === 'exclusive-eni' ? undefined : podNetworkingFor(index, pod);
    const configured = facts.terwaySecurityGroups;
    groups =
      (podEni === undefined ? undefined : eniGroups(podEni)) ??
      (networking !== undefined && networking.securityGroupIds.length > 0
        ? {
            known: true,
            ids: networking.securityGroupIds,
            from: `PodNetworking ${networking.name} securityGroupIDs`,
            origin: networking.origin,
          }
        : terwayMode !== 'exclusive-eni' && configured.known && configured.value.length > 0
          ? {
              known: true,
              ids: configured.value,
              from: `eni-config security_group(s) (${configured.evidence})`,
              ...(configured.origin === undefined ? {} : { origin: configured.origin }),
            }
          : {
              known: false,
              what: `the ENI holding pod IP ${ipv4 ?? ipv6 ?? '?'}`,
              collect: `aliyun ecs DescribeNetworkInterfaces${region} --PrivateIpAddress.1 ${ipv4 ?? ipv6 ?? '<pod-ip>'}`,
            });
  }

  return {
    kind: 'pod',
    label: `${pod.namespace}/${pod.name}`,
    pod,
    cni,
    usesNodeNetwork,
    groups,
    ...(node === undefined ? {} : { node }),
    ...(instance === undefined ? {} : { instance }),
    ...(eni === undefined ? {} : { eni }),
    ...(vSwitch === undefined ? {} : { vSwitch }),
    // hostNetwork pods carry the node's addresses.
    ...(pod.hostNetwork
      ? {
          ...((nodeIpv4 ?? ipv4) ? { ipv4: nodeIpv4 ?? ipv4 } : {}),
          ...((nodeIpv6 ?? ipv6) ? { ipv6: nodeIpv6 ?? ipv6 } : {}),
        }
      : { ...(ipv4 === undefined ? {} : { ipv4 }), ...(ipv6 === undefined ? {} : { ipv6 }) }),
    ...(nodeIpv4 === undefined ? {} : { nodeIpv4 }),
    ...(nodeIpv6 === undefined ? {} : { nodeIpv6 }),
    ...(terwayMode === undefined ? {} : { terwayMode }),
  } as SourceInfo;
}

/** FROM is a bare address: whatever ENI, instance and vSwitch own it. */
export function resolveAddressSource(index: SnapshotIndex, address: string): SourceInfo {
  const eni = index.eniByPrivateIp(address);
  const instance =
    index.instanceByPrivateIp(address) ??
    (eni?.instanceId === undefined ? undefined : index.instance(eni.instanceId));
  const vSwitch =
    (eni?.vSwitchId === undefined ? undefined : index.vSwitch(eni.vSwitchId)) ?? index.vSwitchForIp(address);
  const node = index.nodeByIp(address);
  const groups: SourceGroups =
    (eni === undefined ? undefined : eniGroups(eni)) ??
    (instance !== undefined && instance.securityGroupIds.length > 0
      ? { known: true, ids: instance.securityGroupIds, from: `ECS ${instance.id}`, origin: instance.origin }
      : { known: false, what: `security groups of ${address}`, collect: 'not part of the question' });
  const family = ipFamily(address);
  return {
    kind: 'address',
    label: address,
    cni: index.snapshot.facts.cni,
    usesNodeNetwork: false,
    groups,
    ...(family === 6 ? { ipv6: address } : { ipv4: address }),
    ...(eni === undefined ? {} : { eni }),
    ...(instance === undefined ? {} : { instance }),
    ...(vSwitch === undefined ? {} : { vSwitch }),
    ...(node === undefined ? {} : { node }),
  } as SourceInfo;
}

export function sourceHop(state: TraceState): void {
  const s = state.source;
  const family = state.packet.family;
  const details: Record<string, unknown> = {
    ipv4: s.ipv4 ?? null,
    ipv6: s.ipv6 ?? null,
    node: s.node?.name ?? null,
    instance: s.instance?.id ?? null,
    eni: s.eni?.id ?? null,
    vSwitch: s.vSwitch?.id ?? null,
    securityGroups: s.groups.known ? s.groups.ids : null,
    securityGroupsFrom: s.groups.known ? s.groups.from : null,
    cni: s.cni.known ? s.cni.value : null,
    terwayMode: s.terwayMode ?? null,
  };
  if (s.kind === 'address') {
    state.add({
      kind: 'source',
      result: 'pass',
      resource: resource('address', s.label),
      rule: s.eni === undefined ? null : rule(s.eni.id, `ENI holding ${s.label}`, s.eni.origin),
      reason: `the packet starts at ${s.label}${s.eni === undefined ? '' : ` (ENI ${s.eni.id})`}`,
      details,
    });
    return;
  }
  const pod = s.pod as Pod;
  const where = [
    s.node === undefined ? undefined : `node ${s.node.name}`,
    s.eni === undefined ? undefined : `ENI ${s.eni.id}`,
    s.vSwitch === undefined ? undefined : `vSwitch ${s.vSwitch.id}`,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
  const cniText = !s.cni.known
    ? 'CNI unknown'
    : s.cni.value === 'terway'
      ? `Terway${s.terwayMode === undefined ? '' : ` ${s.terwayMode}`}`
      : 'Flannel';
  const deciding = s.eni ?? undefined;
  const base = {
    kind: 'source' as const,
    resource: resource('pod', s.label),
    rule:
      deciding === undefined
        ? rule(s.label, 'pod status', pod.origin)
        : rule(
            deciding.id,
            s.usesNodeNetwork ? 'node primary ENI' : 'ENI holding the pod IP',
            deciding.origin,
          ),
    details,
  };
  if (!s.cni.known) state.need('source', 'the CNI of the cluster', s.cni.missing);
  if (pod.phase !== undefined && pod.phase !== 'Running') {
    state.add({
      ...base,
      result: 'drop',
      reason: `pod ${s.label} is ${pod.phase}, not Running: it sends nothing`,
    });
    return;
  }
  const own = family === 4 ? s.ipv4 : s.ipv6;
  if (own === undefined) {
    state.add({
      ...base,
      result: 'pass',
      reason: `pod ${s.label} has no IPv${family} address (${cniText}; IPs: ${pod.ips.join(', ') || 'none'})`,
    });
    return;
  }
  state.add({
    ...base,
    result: 'pass',
    reason: `pod ${s.label} sends from ${own} (${cniText}${where === '' ? '' : `; ${where}`}${
      pod.hostNetwork ? '; hostNetwork: the node’s address' : ''
    })`,
  });
}
