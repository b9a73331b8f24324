/**
 * The entries a destination must admit for every pod of a workload, now and as it scales (seed page: Terway →
 * allow the pod IP or its vSwitch; Flannel → allow the node's ECS IP; Internet → the EIP or SNAT IP). What the
 * destination sees now comes from the engine (one trace per class of the workload's pods); what it may see as the
 * workload scales comes from where its pods can be placed: the PodNetworking or eni-config pod vSwitches of the
 * zones the cluster's nodes are in (Terway), the node vSwitches (Flannel, hostNetwork), and the SNAT entries and
 * EIPs covering those.
 */
import { podNetworkingFor, resolvePodSource } from '../engine/hops/source.js';
import { indexSnapshot, type SnapshotIndex } from '../engine/snapshot-index.js';
import type { Pod } from '../model/kubernetes.js';
import type { Snapshot } from '../model/snapshot.js';
import { type Cidr, cidrContainsCidr, parseCidr, parseIp } from '../net/ip.js';
import { INTERNET_SAMPLE_V4, INTERNET_SAMPLE_V6 } from './columns.js';
import type { CheckFn } from './matrix.js';
import { workloadOf } from './sources.js';

export interface RequiredEntry {
  /** An address or CIDR. */
  readonly entry: string;
  readonly why: string;
  /** `now`: an address a pod has today; `scaling`: a range new pods of the workload may get. */
  readonly scope: 'now' | 'scaling';
  /** `vpc`: what an in-VPC destination (RDS, ECS, internal CLB) sees; `internet`: what an Internet one sees. */
  readonly reach: 'vpc' | 'internet';
}

export interface AllowlistReport {
  readonly workload: string;
  readonly pods: readonly string[];
  readonly resource: string | null;
  readonly required: readonly RequiredEntry[];
  /** The resource's own entries, when `--for` names one. */
  readonly current: readonly string[] | null;
  /** Required entries the resource does not admit (null without `--for`). */
  readonly missing: readonly RequiredEntry[] | null;
  /** The resource's entries that admit none of the workload's addresses (they may serve other workloads). */
  readonly unneeded: readonly string[] | null;
  readonly notes: readonly string[];
}

export type AllowlistResult =
  | { readonly ok: true; readonly report: AllowlistReport }
  | { readonly ok: false; readonly error: string };

function asCidr(text: string): Cidr | undefined {
  if (text.includes('/')) return parseCidr(text.trim());
  const ip = parseIp(text.trim());
  return ip === undefined ? undefined : parseCidr(`${ip.text}/${ip.family === 4 ? 32 : 128}`);
}

function contains(outer: string, inner: string): boolean {
  const a = asCidr(outer);
  const b = asCidr(inner);
  return a !== undefined && b !== undefined && cidrContainsCidr(a, b);
}

/** `ns/name` (any workload kind, or a pod) or `ns/kind/name`. */
export function workloadPods(snapshot: Snapshot, text: string): Pod[] {
  const parts = text.split('/');
  const pods = snapshot.kubernetes.pods.filter((pod) => {
    if (parts.length === 3)
      return workloadOf(pod) === `${parts[0]}/${(parts[1] ?? '').toLowerCase()}/${parts[2]}`;
    if (parts.length !== 2 || pod.namespace !== parts[0]) return false;
    return pod.workload === undefined ? pod.name === parts[1] : pod.workload.name === parts[1];
  });
  return pods.sort((a, b) => a.name.localeCompare(b.name));
}

interface Whitelist {
  readonly reach: 'vpc' | 'internet';
  /** Address families the destination is reached over; required entries of other families do not apply. */
  readonly families: readonly (4 | 6)[];
  /** An Internet destination to trace to for what the pods are seen as now. */
  readonly probe?: { readonly address: string; readonly port: number };
  readonly entries: readonly string[] | null;
  readonly notes: readonly string[];
}

function whitelistOf(index: SnapshotIndex, resource: string): Whitelist | string {
  const s = index.snapshot;
  if (resource.startsWith('rm-')) {
    const rds = index.rds(resource);
    if (rds === undefined) return `no RDS instance ${resource} in the snapshot`;
    if (rds.whitelist === undefined)
      return {
        reach: 'vpc',
        families: familiesOf(rds.connections.map((c) => c.ipAddress)),
        entries: null,
        notes: [`the whitelist of ${resource} is not in the snapshot (DescribeDBInstanceIPArrayList)`],
      };
    const entries = rds.whitelist
      .flatMap((g) => g.entries.map((e) => e.trim()))
      .filter((e) => e !== '' && e !== '127.0.0.1');
    return {
      reach: 'vpc',
      families: familiesOf(rds.connections.map((c) => c.ipAddress)),
      entries: [...new Set(entries)].sort(),
      notes: [],
    };
  }
  if (resource.startsWith('lb-')) {
    const lb = index.loadBalancer(resource);
    if (lb === undefined) return `no CLB ${resource} in the snapshot`;
    const ids = new Set(
      (lb.listeners ?? [])
        .filter((l) => l.aclStatus === 'on' && l.aclType === 'white')
        .flatMap((l) => l.aclIds),
    );
    const entries = [...ids].flatMap((id) => index.acl(id)?.entries.map((e) => e.cidr) ?? []);
    const reach = parseIp(lb.address) !== undefined && lb.addressType === 'internet' ? 'internet' : 'vpc';
    return {
      reach,
      families: familiesOf([lb.address]),
      entries: [...new Set(entries)].sort(),
      notes:
        ids.size === 0 ? [`${resource} has no white-list ACL on its listeners: it admits every source`] : [],
    };
  }
  if (resource.startsWith('i-')) {
    const ecs = index.instance(resource);
    if (ecs === undefined) return `no ECS instance ${resource} in the snapshot`;
    const entries = ecs.securityGroupIds.flatMap((id) =>
      (index.securityGroup(id)?.rules ?? [])
        .filter((r) => r.direction === 'ingress' && r.policy === 'accept')
        .flatMap((r) => [r.cidr, r.ipv6Cidr].filter((c): c is string => c !== undefined && c !== '')),
    );
    return {
      reach: 'vpc',
      families: familiesOf(ecs.privateIps),
      entries: [...new Set(entries)].sort(),
      notes: ['security-group entries of any port and protocol are listed'],
    };
  }
  const third = s.world.allowLists.find((l) => l.name === resource);
  if (third !== undefined) {
    const address = third.addresses.find((a) => parseIp(a) !== undefined);
    const port = third.ports[0] ?? 443;
    return {
      reach: 'internet',
      families: familiesOf(third.addresses),
      entries: [...third.allowedSources].sort(),
      notes: [],
      ...(address === undefined ? {} : { probe: { address, port } }),
    };
  }
  return `${resource} is not an RDS instance (rm-…), a CLB (lb-…), an ECS instance (i-…) or an allow-list of world.yaml`;
}

/** Families of the addresses that parse; both when none does (nothing says which). */
function familiesOf(addresses: readonly (string | undefined)[]): (4 | 6)[] {
  const families = new Set<4 | 6>();
  for (const a of addresses) {
    const ip = a === undefined ? undefined : parseIp(a);
    if (ip !== undefined) families.add(ip.family);
  }
  return families.size === 0 ? [4, 6] : [...families].sort();
}

function familyOf(entry: string): 4 | 6 {
  return entry.includes(':') ? 6 : 4;
}

function add(out: RequiredEntry[], entry: RequiredEntry): void {
  if (!out.some((e) => e.entry === entry.entry && e.reach === entry.reach)) out.push(entry);
}

function vpcEntries(index: SnapshotIndex, pods: readonly Pod[], out: RequiredEntry[]): void {
  const s = index.snapshot;
  for (const pod of pods) {
    const src = resolvePodSource(index, pod);
    const ips = src.usesNodeNetwork ? [src.nodeIpv4, src.nodeIpv6] : [src.ipv4, src.ipv6];
    for (const ip of ips) {
      if (ip === undefined) continue;
      const what = src.usesNodeNetwork
        ? `node ${pod.nodeName ?? '?'} IP (${pod.hostNetwork ? 'hostNetwork' : 'Flannel masquerades pods to it'})`
        : 'pod IP (Terway keeps it inside the VPC)';
      add(out, {
        entry: parseIp(ip)?.text ?? ip,
        why: `${pod.namespace}/${pod.name}: ${what}`,
        scope: 'now',
        reach: 'vpc',
      });
    }
  }
  const first = pods[0];
  if (first === undefined) return;
  const src = resolvePodSource(index, first);
  if (src.usesNodeNetwork) {
    for (const node of [...s.kubernetes.nodes].sort((a, b) => a.name.localeCompare(b.name))) {
      const ecs = node.instanceId === undefined ? undefined : index.instance(node.instanceId);
      const vsw = ecs?.vSwitchId === undefined ? undefined : index.vSwitch(ecs.vSwitchId);
      if (vsw !== undefined)
        add(out, {
          entry: vsw.cidrBlock,
          why: `node vSwitch ${vsw.id} (${vsw.zoneId}): pods may be scheduled to any node in it`,
          scope: 'scaling',
          reach: 'vpc',
        });
    }
    return;
  }
  const networking = podNetworkingFor(index, first);
  const vSwitchIds = new Set<string>();
  let from = '';
  if (networking !== undefined && networking.vSwitchIds.length > 0) {
    for (const id of networking.vSwitchIds) vSwitchIds.add(id);
    from = `PodNetworking ${networking.name}`;
  } else {
    const fact = s.facts.terwayPodVSwitches;
    const zones = new Set(s.kubernetes.nodes.map((n) => n.zone).filter((z): z is string => z !== undefined));
    if (fact.known) {
      for (const [zone, ids] of Object.entries(fact.value))
        if (zones.has(zone)) for (const id of ids) vSwitchIds.add(id);
      from = 'eni-config pod vSwitches of the zones the nodes are in';
    }
  }
  for (const id of [...vSwitchIds].sort()) {
    const vsw = index.vSwitch(id);
    if (vsw === undefined) continue;
    add(out, {
      entry: vsw.cidrBlock,
      why: `pod vSwitch ${id} (${vsw.zoneId}), from ${from}`,
      scope: 'scaling',
      reach: 'vpc',
    });
    if (vsw.ipv6CidrBlock !== undefined)
      add(out, {
        entry: vsw.ipv6CidrBlock,
        why: `IPv6 of pod vSwitch ${id} (${vsw.zoneId}), from ${from}`,
        scope: 'scaling',
        reach: 'vpc',
      });
  }
}

function internetEntries(
  snapshot: Snapshot,
  check: CheckFn,
  pods: readonly Pod[],
  out: RequiredEntry[],
  probe: { readonly address: string; readonly port: number } | undefined,
): void {
  const index = indexSnapshot(snapshot);
  const samples = probe === undefined ? [INTERNET_SAMPLE_V4] : [probe.address];
  if (probe === undefined && snapshot.facts.ipStack.known && snapshot.facts.ipStack.value === 'dual')
    samples.push(INTERNET_SAMPLE_V6);
  for (const pod of pods) {
    for (const address of samples) {
      const result = check(snapshot, {
        from: { kind: 'pod', namespace: pod.namespace, name: pod.name },
        to: { kind: 'address', address },
        protocol: 'tcp',
        port: probe?.port ?? 443,
      });
      // The seen address is known even when the destination refuses it (that is what --for compares).
      if (!result.ok || !('trace' in result)) continue;
      const trace = result.trace;
      const exit = trace.hops.find(
        (h) => (h.kind === 'source-nat' || h.kind === 'internet-exit') && h.result === 'rewrite',
      );
      const how = exit?.rule === null || exit === undefined ? 'its own public address' : `${exit.rule.id}`;
      // Refused by the destination itself: the packet got there, as the source of the refusing hop.
      const refusedAs =
        trace.blockedAt?.kind === 'destination-access'
          ? trace.hops[trace.blockedAt.hopIndex]?.packet.src
          : undefined;
      const seenAs =
        trace.sourceAddressCandidates.length > 0
          ? trace.sourceAddressCandidates
          : refusedAs === undefined
            ? []
            : [refusedAs];
      for (const seen of seenAs)
        add(out, {
          entry: seen,
          why: `${pod.namespace}/${pod.name} leaves as it (${how})`,
          scope: 'now',
          reach: 'internet',
        });
    }
  }
  // As it scales: the SNAT IPs of every entry covering a vSwitch the workload may land in.
  const scaling = out.filter((e) => e.reach === 'vpc' && e.scope === 'scaling');
  for (const entry of [...snapshot.cloud.snatEntries].sort((a, b) => a.id.localeCompare(b.id))) {
    const source =
      entry.sourceCidr ??
      (entry.sourceVSwitchId === undefined ? undefined : index.vSwitch(entry.sourceVSwitchId)?.cidrBlock);
    if (source === undefined || !scaling.some((e) => contains(source, e.entry) || contains(e.entry, source)))
      continue;
    for (const ip of entry.snatIps)
      add(out, {
        entry: ip,
        why: `SNAT entry ${entry.id} covers ${source}, where pods of the workload may run`,
        scope: 'scaling',
        reach: 'internet',
      });
  }
}

export function buildAllowlist(
  snapshot: Snapshot,
  check: CheckFn,
  workload: string,
  resource?: string,
): AllowlistResult {
  const index = indexSnapshot(snapshot);
  const pods = workloadPods(snapshot, workload);
  if (pods.length === 0) return { ok: false, error: `no pod of ${workload} in the snapshot` };
  let whitelist: Whitelist | undefined;
  if (resource !== undefined) {
    const found = whitelistOf(index, resource);
    if (typeof found === 'string') return { ok: false, error: found };
    whitelist = found;
  }
  const required: RequiredEntry[] = [];
  vpcEntries(index, pods, required);
  internetEntries(snapshot, check, pods, required, whitelist?.probe);
  const relevant =
    whitelist === undefined
      ? required
      : required.filter((e) => e.reach === whitelist.reach && whitelist.families.includes(familyOf(e.entry)));
  const current = whitelist?.entries ?? null;
  const missing =
    current === null ? null : relevant.filter((e) => !current.some((w) => contains(w, e.entry)));
  const unneeded =
    current === null
      ? null
      : current.filter((w) => !relevant.some((e) => contains(w, e.entry) || contains(e.entry, w)));
  return {
    ok: true,
    report: {
      workload,
      pods: pods.map((p) => `${p.namespace}/${p.name}`),
      resource: resource ?? null,
      required: relevant,
      current,
      missing,
      unneeded,
      notes: whitelist?.notes ?? [],
    },
  };
}
