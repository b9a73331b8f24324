/**
 * Findings a reviewer wants across the whole cluster, each with a severity, the evidence and (where the remedy
 * module provides one) the fix. Connectivity findings come from engine traces (one per class of pods, see
 * sources.ts); configuration findings read the snapshot the same way the evaluators do.
 */
import type { CheckResult } from '../engine/api.js';
import { indexSnapshot, type SnapshotIndex } from '../engine/snapshot-index.js';
import { matchesSelector } from '../eval/label-selector.js';
import { networkPolicyEnforcement } from '../eval/policy-enforcement.js';
import type { SecurityGroupRule } from '../model/cloud.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Fix, Trace } from '../model/trace.js';
import { type Cidr, cidrContainsCidr, parseCidr, parseIp } from '../net/ip.js';
import { attachFixes } from '../remedy/index.js';
import { INTERNET_SAMPLE_V4, INTERNET_SAMPLE_V6 } from './columns.js';
import type { CheckFn } from './matrix.js';
import { type SourceRow, sourceRows } from './sources.js';

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

export interface Finding {
  /** The check that raised it, e.g. `snat-uncovered-vswitch`. */
  readonly check: string;
  readonly severity: Severity;
  /** What it is about: a workload, a vSwitch, a policy, a rule. */
  readonly subject: string;
  readonly title: string;
  readonly evidence: readonly string[];
  /** src/remedy's proven fixes for the blocking trace behind the finding; empty for configuration findings. */
  readonly fixes: readonly Fix[];
  /** A blocking trace behind the finding, for the remedy module. */
  readonly trace?: Trace;
}

function asCidr(text: string): Cidr | undefined {
  const t = text.trim();
  if (t.includes('/')) return parseCidr(t);
  const ip = parseIp(t);
  return ip === undefined ? undefined : parseCidr(`${ip.text}/${ip.family === 4 ? 32 : 128}`);
}

function finding(
  check: string,
  severity: Severity,
  subject: string,
  title: string,
  evidence: readonly string[],
  trace?: Trace,
): Finding {
  return { check, severity, subject, title, evidence, fixes: [], ...(trace === undefined ? {} : { trace }) };
}

function traceFrom(
  snapshot: Snapshot,
  check: CheckFn,
  row: SourceRow,
  to: string,
  port: number,
  protocol: 'tcp' | 'udp' = 'tcp',
) {
  const [namespace = '', name = ''] = row.representative.split('/');
  const query: Query = {
    from: { kind: 'pod', namespace, name },
    to: to.startsWith('svc/')
      ? { kind: 'service', namespace: to.split('/')[1] ?? '', name: to.split('/')[2] ?? '' }
      : { kind: 'address', address: to },
    protocol,
    port,
  };
  return traced(check(snapshot, query), query);
}

/** The query behind each trace, so a finding's fixes can be proven by re-asking it (src/remedy). */
const queries = new WeakMap<Trace, Query>();

function traced(result: CheckResult, query: Query): Trace | undefined {
  if (!result.ok || !('trace' in result)) return undefined;
  queries.set(result.trace, query);
  return result.trace;
}

function standsFor(row: SourceRow): string {
  return `${row.id} (${row.pods.length} pod${row.pods.length === 1 ? '' : 's'}, traced from ${row.representative})`;
}

function publicKind(index: SnapshotIndex, address: string): string {
  if (parseIp(address)?.family === 6) return 'IPv6 address';
  const s = index.snapshot.cloud;
  const eip = s.eips.find((e) => e.ipAddress === address);
  if (
    s.natGateways.some((n) => n.ipList.some((ip) => ip.ipAddress === address)) ||
    s.snatEntries.some((e) => e.snatIps.includes(address))
  )
    return 'NAT gateway EIP (SNAT)';
  if (eip?.instanceType === 'NetworkInterface') return 'EIP on the pod ENI address';
  if (eip?.instanceType === 'EcsInstance') return 'node EIP';
  if (index.snapshot.cloud.ecsInstances.some((i) => i.publicIps.includes(address))) return 'node public IP';
  return 'public address';
}

/** Per workload: whether it reaches the whole Internet, and every public address it leaves as. */
function internetFindings(
  snapshot: Snapshot,
  check: CheckFn,
  rows: readonly SourceRow[],
  out: Finding[],
): void {
  const index = indexSnapshot(snapshot);
  const samples = [INTERNET_SAMPLE_V4];
  if (snapshot.facts.ipStack.known && snapshot.facts.ipStack.value === 'dual')
    samples.push(INTERNET_SAMPLE_V6);
  const workloads = [...new Set(rows.map((r) => r.workload))].sort();
  for (const workload of workloads) {
    const mine = rows.filter((r) => r.workload === workload);
    const pods = mine.reduce((n, r) => n + r.pods.length, 0);
    const leaves = new Map<string, string>();
    const reaching: string[] = [];
    const counts: string[] = [];
    for (const sample of samples) {
      const family = sample === INTERNET_SAMPLE_V4 ? 4 : 6;
      let reached = 0;
      for (const row of mine) {
        const trace = traceFrom(snapshot, check, row, sample, 443);
        if (trace?.verdict !== 'reachable') continue;
        reached += row.pods.length;
        const policy = trace.hops.find((h) => h.kind === 'egress-policy');
        reaching.push(
          `IPv${family}: ${standsFor(row)}; egress policy: ${policy === undefined ? 'none applies' : policy.reason}`,
        );
        for (const a of trace.sourceAddressCandidates) leaves.set(a, publicKind(index, a));
      }
      if (reached > 0) counts.push(`${reached} of ${pods} pod${pods === 1 ? '' : 's'} over IPv${family}`);
    }
    if (reaching.length === 0) continue;
    const namespace = workload.split('/')[0] ?? '';
    out.push(
      finding(
        'internet-egress',
        namespace === 'kube-system' ? 'low' : 'medium',
        workload,
        `can reach the whole Internet (any address, sample ${samples.join(' and ')} port 443): ${counts.join(', ')}`,
        reaching,
      ),
    );
    out.push(
      finding(
        'public-addresses',
        'info',
        workload,
        `leaves for the Internet as ${[...leaves.keys()].sort().join(', ')}`,
        [...leaves.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([a, kind]) => `${a}: ${kind}`),
      ),
    );
  }
}

function coveringSnat(
  snapshot: Snapshot,
  cidr: string,
  vSwitchId: string,
): { full: string[]; partial: string[] } {
  const full: string[] = [];
  const partial: string[] = [];
  for (const e of snapshot.cloud.snatEntries) {
    if (e.sourceVSwitchId === vSwitchId) full.push(e.id);
    else if (e.sourceCidr !== undefined) {
      if (cidrContainsCidr(e.sourceCidr, cidr)) full.push(e.id);
      else if (cidrContainsCidr(cidr, e.sourceCidr)) partial.push(e.id);
    }
  }
  return { full: full.sort(), partial: partial.sort() };
}

/** Pod vSwitches (Terway) or node vSwitches (Flannel) no SNAT entry covers, in a VPC with an Internet NAT gateway. */
function snatFindings(snapshot: Snapshot, check: CheckFn, rows: readonly SourceRow[], out: Finding[]): void {
  const index = indexSnapshot(snapshot);
  if (!snapshot.cloud.natGateways.some((n) => n.networkType === 'internet')) return;
  const cni = snapshot.facts.cni;
  const roles = new Map<string, string>();
  if (cni.known && cni.value === 'terway' && snapshot.facts.terwayPodVSwitches.known) {
    for (const [zone, ids] of Object.entries(snapshot.facts.terwayPodVSwitches.value))
      for (const id of ids) roles.set(id, `eni-config pod vSwitch for ${zone}`);
    for (const pn of snapshot.kubernetes.podNetworkings)
      for (const id of pn.vSwitchIds) roles.set(id, `PodNetworking ${pn.name} vSwitch`);
  }
  for (const node of snapshot.kubernetes.nodes) {
    const ecs = node.instanceId === undefined ? undefined : index.instance(node.instanceId);
    if (ecs?.vSwitchId !== undefined && !roles.has(ecs.vSwitchId))
      roles.set(ecs.vSwitchId, `vSwitch of node ${node.name}`);
  }
  for (const id of [...roles.keys()].sort()) {
    const vsw = index.vSwitch(id);
    if (vsw === undefined) continue;
    const cover = coveringSnat(snapshot, vsw.cidrBlock, id);
    if (cover.full.length > 0) continue;
    const affected = rows.filter((r) => r.vSwitch === id && !r.hostNetwork);
    const blocked = affected
      .map((r) => ({ r, t: traceFrom(snapshot, check, r, INTERNET_SAMPLE_V4, 443) }))
      .filter((x) => x.t?.blockedAt?.kind === 'internet-exit');
    out.push(
      finding(
        'snat-uncovered-vswitch',
        blocked.length > 0 || affected.length === 0 ? 'high' : 'medium',
        id,
        `no SNAT entry covers ${id} (${vsw.cidrBlock}, ${vsw.zoneId}): pods there cannot reach the Internet through the NAT gateway`,
        [
          `${roles.get(id) ?? ''}`,
          cover.partial.length > 0
            ? `only partly covered by ${cover.partial.join(', ')}`
            : 'no SNAT entry names it or a CIDR holding it',
          ...blocked.map((x) => `blocked now: ${standsFor(x.r)} — ${x.t?.blockedAt?.reason ?? ''}`),
          ...(affected.length === 0
            ? ['no pod runs there yet: the next pod scheduled there will have no Internet']
            : []),
        ],
        blocked[0]?.t,
      ),
    );
  }
}

function dnsFindings(snapshot: Snapshot, check: CheckFn, rows: readonly SourceRow[], out: Finding[]): void {
  const dns = snapshot.kubernetes.services.find(
    (s) => s.namespace === 'kube-system' && s.name === 'kube-dns',
  );
  if (dns === undefined) return;
  const byWorkload = new Map<string, { evidence: string[]; trace: Trace }>();
  for (const row of rows) {
    if (row.hostNetwork) continue;
    const trace = traceFrom(snapshot, check, row, 'svc/kube-system/kube-dns', 53, 'udp');
    if (trace?.blockedAt?.kind !== 'egress-policy') continue;
    const entry = byWorkload.get(row.workload) ?? { evidence: [], trace };
    entry.evidence.push(`${standsFor(row)}: ${trace.blockedAt.reason}`);
    byWorkload.set(row.workload, entry);
  }
  for (const [workload, { evidence, trace }] of byWorkload) {
    out.push(
      finding(
        'policy-blocks-dns',
        'high',
        workload,
        'NetworkPolicy blocks DNS (kube-dns UDP 53): every name lookup fails',
        evidence,
        trace,
      ),
    );
  }
}

function policyFindings(snapshot: Snapshot, out: Finding[]): void {
  const k = snapshot.kubernetes;
  const index = indexSnapshot(snapshot);
  const notEnforced: string[] = [];
  let reason = '';
  for (const policy of [...k.networkPolicies].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  )) {
    const name = `${policy.namespace}/${policy.name}`;
    const selected = k.pods.filter(
      (p) =>
        p.namespace === policy.namespace && !p.hostNetwork && matchesSelector(policy.podSelector, p.labels),
    );
    if (selected.length === 0) {
      out.push(
        finding('policy-selects-nothing', 'low', name, 'NetworkPolicy selects no pod of its namespace', [
          `podSelector matches none of the ${k.pods.filter((p) => p.namespace === policy.namespace).length} pods of ${policy.namespace}`,
        ]),
      );
      continue;
    }
    const pod = selected[0];
    if (pod === undefined) continue;
    const node = pod.nodeName === undefined ? undefined : index.node(pod.nodeName);
    const e = networkPolicyEnforcement(snapshot.facts, pod, k.workloads, node);
    if (e.enforced === false) {
      notEnforced.push(name);
      reason = `${e.reason} (${e.evidence})`;
    }
  }
  if (notEnforced.length > 0)
    out.push(
      finding(
        'policy-not-enforced',
        'medium',
        'cluster',
        `${notEnforced.length} NetworkPolic${notEnforced.length === 1 ? 'y is' : 'ies are'} not enforced`,
        [reason, ...notEnforced],
      ),
    );
}

function whitelistFindings(snapshot: Snapshot, out: Finding[]): void {
  const index = indexSnapshot(snapshot);
  const vpcs = index.vpcCidrs();
  const held = new Set<string>();
  for (const p of snapshot.kubernetes.pods) for (const ip of p.ips) held.add(parseIp(ip)?.text ?? ip);
  for (const n of snapshot.kubernetes.nodes)
    for (const ip of n.internalIPs) held.add(parseIp(ip)?.text ?? ip);
  for (const e of snapshot.cloud.networkInterfaces)
    for (const ip of e.privateIps) held.add(parseIp(ip.address)?.text ?? ip.address);
  for (const i of snapshot.cloud.ecsInstances)
    for (const ip of i.privateIps) held.add(parseIp(ip)?.text ?? ip);
  const lists: { subject: string; entries: string[] }[] = [];
  for (const rds of snapshot.cloud.rdsInstances)
    for (const g of rds.whitelist ?? [])
      lists.push({ subject: `${rds.id} group ${g.name}`, entries: [...g.entries] });
  for (const acl of snapshot.cloud.accessControlLists)
    lists.push({ subject: `ACL ${acl.id}`, entries: acl.entries.map((e) => e.cidr) });
  for (const list of lists) {
    for (const raw of list.entries) {
      const entry = raw.trim();
      const cidr = asCidr(entry);
      if (cidr === undefined || entry === '127.0.0.1') continue;
      if (cidr.prefix === 0) {
        out.push(
          finding('whitelist-too-wide', 'high', list.subject, `admits every address (${entry})`, [
            `entry ${entry} of ${list.subject}`,
          ]),
        );
      } else if (vpcs.some((v) => cidrContainsCidr(cidr, v))) {
        out.push(
          finding('whitelist-too-wide', 'medium', list.subject, `admits the whole VPC (${entry})`, [
            `entry ${entry} of ${list.subject} holds VPC CIDR ${vpcs.filter((v) => cidrContainsCidr(cidr, v)).join(', ')}`,
          ]),
        );
      } else if (
        cidr.prefix === (cidr.family === 4 ? 32 : 128) &&
        vpcs.some((v) => cidrContainsCidr(v, cidr))
      ) {
        const ip = parseIp(entry.split('/')[0] ?? '')?.text ?? entry;
        if (!held.has(ip))
          out.push(
            finding(
              'whitelist-stale',
              'low',
              list.subject,
              `admits ${entry}, which no pod, node or ENI of the snapshot holds`,
              [`entry ${entry} of ${list.subject}`],
            ),
          );
      }
    }
  }
}

function ruleCidr(r: SecurityGroupRule): Cidr | undefined {
  if (r.peerGroupId !== undefined || r.peerPrefixListId !== undefined) return undefined;
  return asCidr(r.cidr ?? r.ipv6Cidr ?? '0.0.0.0/0');
}

function ruleCovers(a: SecurityGroupRule, b: SecurityGroupRule): boolean {
  const ca = ruleCidr(a);
  const cb = ruleCidr(b);
  if (ca === undefined || cb === undefined || !cidrContainsCidr(ca, cb)) return false;
  if (a.protocol !== 'all' && a.protocol !== b.protocol) return false;
  if (a.portRange === null) return true;
  if (b.portRange === null) return false;
  return a.portRange[0] <= b.portRange[0] && a.portRange[1] >= b.portRange[1];
}

/** Drop rules that never decide (a higher-priority Accept covers them) or that decide everything. */
function securityGroupFindings(snapshot: Snapshot, out: Finding[]): void {
  for (const group of [...snapshot.cloud.securityGroups].sort((a, b) => a.id.localeCompare(b.id))) {
    const rules = group.rules ?? [];
    for (const drop of rules.filter((r) => r.policy === 'drop')) {
      const label = `${group.id} ${drop.direction} Drop ${drop.protocol} ${drop.portRange === null ? 'all ports' : drop.portRange.join('/')} ${drop.cidr ?? drop.ipv6Cidr ?? drop.peerGroupId ?? ''} priority ${drop.priority}`;
      const cidr = ruleCidr(drop);
      const same = rules.filter((r) => r.direction === drop.direction && r.policy === 'accept');
      if (cidr !== undefined && cidr.prefix === 0 && drop.protocol === 'all' && drop.portRange === null) {
        const hidden = same.filter((r) => r.priority >= drop.priority);
        out.push(
          finding(
            'sg-drop-shadows-everything',
            'high',
            drop.id ?? label,
            `drops all ${drop.direction} traffic of ${group.id}`,
            [label, `${hidden.length} Accept rule(s) of equal or lower priority never apply`],
          ),
        );
        continue;
      }
      // Alibaba: a lower priority number wins; at equal priority Drop wins, so only a strictly higher Accept shadows.
      const shadow = same.find((r) => r.priority < drop.priority && ruleCovers(r, drop));
      if (shadow !== undefined)
        out.push(
          finding(
            'sg-drop-shadowed',
            'low',
            drop.id ?? label,
            'this Drop rule never applies: a higher-priority Accept covers it',
            [label, `shadowed by ${shadow.id ?? 'an Accept rule'} (priority ${shadow.priority})`],
          ),
        );
    }
  }
}

/** A pod reaching its own Service's CLB address when nothing short-circuits it inside the cluster. */
function hairpinFindings(snapshot: Snapshot, check: CheckFn, out: Finding[]): void {
  for (const svc of [...snapshot.kubernetes.services].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  )) {
    if (svc.type !== 'LoadBalancer' || svc.selector === undefined) continue;
    const selector = svc.selector;
    const backend = snapshot.kubernetes.pods
      .filter(
        (p) =>
          p.namespace === svc.namespace &&
          !p.hostNetwork &&
          Object.entries(selector).every(([k, v]) => p.labels[k] === v),
      )
      .sort((a, b) => a.name.localeCompare(b.name))[0];
    const port = svc.ports[0];
    if (backend === undefined || port === undefined) continue;
    for (const ingress of svc.loadBalancerIngress) {
      if (ingress.ip === undefined) continue;
      const query: Query = {
        from: { kind: 'pod', namespace: backend.namespace, name: backend.name },
        to: { kind: 'address', address: ingress.ip },
        protocol: port.protocol,
        port: port.port,
      };
      const trace = traced(check(snapshot, query), query);
      if (trace === undefined) continue;
      const result = { trace };
      const hop = result.trace.hops.find((h) => h.kind === 'service');
      if (hop?.details?.shortCircuit !== false) continue;
      out.push(
        finding(
          'layer4-hairpin',
          'medium',
          `${svc.namespace}/${svc.name}`,
          `a backend reaching ${ingress.ip}:${port.port} goes out to the CLB, which does not forward a Layer-4 connection back to the server it came from`,
          [
            `traced from ${backend.namespace}/${backend.name}: ${hop.reason}`,
            'seed page: a pod cannot reach the SLB address of its own Service when the connection is not short-circuited (externalTrafficPolicy Local, ipMode Proxy, Terway IPvlan without in-cluster load balancing)',
          ],
          result.trace,
        ),
      );
    }
  }
}

function datapathFindings(snapshot: Snapshot, out: Finding[]): void {
  const f = snapshot.facts;
  if (!f.cni.known || f.cni.value !== 'terway' || !f.terwayMode.known) return;
  if (f.terwayMode.value !== 'ipvlan-ebpf' && f.terwayMode.value !== 'datapathv2') return;
  if (f.inClusterLoadBalance.known && f.inClusterLoadBalance.value) return;
  out.push(
    finding(
      'terway-no-in-cluster-lb',
      'medium',
      'cluster',
      `Terway ${f.terwayMode.value} without in_cluster_loadbalance: pods reaching a LoadBalancer address of the cluster go out to the CLB`,
      [
        f.terwayMode.evidence,
        f.inClusterLoadBalance.known
          ? f.inClusterLoadBalance.evidence
          : `in_cluster_loadbalance unknown (${f.inClusterLoadBalance.missing})`,
      ],
    ),
  );
}

/** The fixes src/remedy proposes (and proves) for the blocking trace behind a finding. */
function withFixes(snapshot: Snapshot, check: CheckFn): (f: Finding) => Finding {
  return (f) => {
    const query = f.trace === undefined ? undefined : queries.get(f.trace);
    if (f.trace === undefined || query === undefined || f.trace.blockedAt === null) return f;
    const fixed = attachFixes(snapshot, query, f.trace, check);
    return { ...f, fixes: fixed.blockedAt?.fixes ?? [], trace: fixed };
  };
}

const RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2, info: 3 };

export function auditSnapshot(snapshot: Snapshot, check: CheckFn): Finding[] {
  const rows = sourceRows(snapshot);
  const out: Finding[] = [];
  snatFindings(snapshot, check, rows, out);
  dnsFindings(snapshot, check, rows, out);
  internetFindings(snapshot, check, rows, out);
  policyFindings(snapshot, out);
  whitelistFindings(snapshot, out);
  securityGroupFindings(snapshot, out);
  hairpinFindings(snapshot, check, out);
  datapathFindings(snapshot, out);
  return out
    .map(withFixes(snapshot, check))
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        RANK[a.f.severity] - RANK[b.f.severity] ||
        a.f.check.localeCompare(b.f.check) ||
        a.f.subject.localeCompare(b.f.subject) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}
