/**
 * Matrix rows: the cluster's pods grouped by workload, and inside a workload by equivalence class. Pods of one
 * class leave from the same kind of place (node network or own ENI, vSwitch, security groups, public address),
 * carry the same policy-relevant labels and annotations in the same namespace, and hold addresses that every
 * CIDR the snapshot writes into a rule treats alike: the engine traces one representative per class and the row
 * says how many pods it stands for. The source is resolved by the engine's own `resolvePodSource`, so classes
 * follow exactly what the trace would use.
 */
import { resolvePodSource } from '../engine/hops/source.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { LabelSelector, Pod } from '../model/kubernetes.js';
import type { Snapshot } from '../model/snapshot.js';
import { cidrSignature, ruleCidrs } from './cidr-signature.js';

export interface SourceRow {
  /** Stable id: the workload, with `#n` when the workload splits into several classes. */
  readonly id: string;
  /** `ns/deployment/name`, `ns/statefulset/name`…, or `ns/pod/name` for a pod without a workload. */
  readonly workload: string;
  readonly namespace: string;
  /** `ns/name` of the pod traced for the row. */
  readonly representative: string;
  /** `ns/name` of every pod the row stands for, sorted. */
  readonly pods: readonly string[];
  readonly hostNetwork: boolean;
  readonly node: string | null;
  readonly vSwitch: string | null;
  readonly securityGroups: readonly string[] | null;
}

/** `--from` filters: `NAMESPACE`, `NAMESPACE/POD`, `NAMESPACE/KIND/NAME`, or `key=value` on pod labels. */
export type SourceSelector =
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | {
      readonly kind: 'workload';
      readonly namespace: string;
      readonly workloadKind: string;
      readonly name: string;
    }
  | { readonly kind: 'label'; readonly key: string; readonly value: string };

export function parseSourceSelector(text: string): SourceSelector | string {
  const label = /^([A-Za-z0-9./_-]+)=([A-Za-z0-9._-]*)$/.exec(text);
  if (label !== null) return { kind: 'label', key: label[1] ?? '', value: label[2] ?? '' };
  const parts = text.split('/');
  if (parts.some((part) => part === '')) return `--from "${text}" has an empty part`;
  if (parts.length === 1) return { kind: 'namespace', namespace: parts[0] ?? '' };
  if (parts.length === 2) return { kind: 'pod', namespace: parts[0] ?? '', name: parts[1] ?? '' };
  if (parts.length === 3) {
    return {
      kind: 'workload',
      namespace: parts[0] ?? '',
      workloadKind: (parts[1] ?? '').toLowerCase(),
      name: parts[2] ?? '',
    };
  }
  return `--from "${text}" is not NAMESPACE, NAMESPACE/POD, NAMESPACE/KIND/NAME or key=value`;
}

export function workloadOf(pod: Pod): string {
  return pod.workload === undefined
    ? `${pod.namespace}/pod/${pod.name}`
    : `${pod.namespace}/${pod.workload.kind.toLowerCase()}/${pod.workload.name}`;
}

function selected(pod: Pod, selectors: readonly SourceSelector[]): boolean {
  if (selectors.length === 0) return true;
  return selectors.some((s) => {
    if (s.kind === 'namespace') return pod.namespace === s.namespace;
    if (s.kind === 'pod') return pod.namespace === s.namespace && pod.name === s.name;
    if (s.kind === 'workload') return workloadOf(pod) === `${s.namespace}/${s.workloadKind}/${s.name}`;
    return pod.labels[s.key] === s.value;
  });
}

function selectorKeys(selector: LabelSelector | undefined, into: Set<string>): void {
  if (selector === undefined) return;
  for (const key of Object.keys(selector.matchLabels)) into.add(key);
  for (const r of selector.matchExpressions) into.add(r.key);
}

/** Label keys any NetworkPolicy or PodNetworking selects pods by: the only labels that can change a trace. */
function policyLabelKeys(snapshot: Snapshot): Set<string> {
  const keys = new Set<string>();
  for (const p of snapshot.kubernetes.networkPolicies) {
    selectorKeys(p.podSelector, keys);
    for (const rule of [...p.ingress, ...p.egress])
      for (const peer of rule.peers) selectorKeys(peer.podSelector, keys);
  }
  for (const pn of snapshot.kubernetes.podNetworkings) selectorKeys(pn.podSelector, keys);
  return keys;
}

/**
 * Annotations that change how a pod leaves (pod EIPs, RDS whitelist webhook, Terway per-pod settings). One list for
 * row grouping here and for source profiles (source-profile.ts), so the two cannot disagree on what matters.
 */
export const RELEVANT_ANNOTATION = /aliyun|alibabacloud|terway|eip/i;

/** The kept entries in key order, so a key built from them does not depend on the order the input wrote them. */
export function sortedEntries(
  record: Readonly<Record<string, string>>,
  keep: (key: string) => boolean,
): string[][] {
  return Object.keys(record)
    .filter(keep)
    .sort()
    .map((key) => [key, record[key] ?? '']);
}

/** Pods grouped into rows; rows sorted by workload, then by representative. */
export function sourceRows(snapshot: Snapshot, selectors: readonly SourceSelector[] = []): SourceRow[] {
  const index = indexSnapshot(snapshot);
  const cidrs = ruleCidrs(snapshot);
  const labelKeys = policyLabelKeys(snapshot);
  const pods = snapshot.kubernetes.pods
    .filter((pod) => selected(pod, selectors))
    .slice()
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const classes = new Map<
    string,
    { pods: Pod[]; workload: string; source: ReturnType<typeof resolvePodSource> }
  >();
  for (const pod of pods) {
    const source = resolvePodSource(index, pod);
    const seen = source.usesNodeNetwork ? [source.nodeIpv4, source.nodeIpv6] : [source.ipv4, source.ipv6];
    const ownPublic = [source.ipv4, source.nodeIpv4]
      .filter((ip): ip is string => ip !== undefined)
      .flatMap((ip) => index.eipsByPrivateIp(ip).map((e) => e.ipAddress));
    const instancePublic =
      source.instance === undefined
        ? []
        : [
            ...index.eipsByInstance(source.instance.id).map((e) => e.ipAddress),
            ...source.instance.publicIps,
            ...(source.instance.eipAddress === undefined ? [] : [source.instance.eipAddress]),
          ];
    const v6 = source.ipv6 === undefined ? undefined : index.ipv6Address(source.ipv6);
    const workload = workloadOf(pod);
    const key = JSON.stringify([
      workload,
      pod.phase ?? '',
      pod.hostNetwork,
      source.usesNodeNetwork,
      source.eni === undefined,
      source.vSwitch?.id ?? '',
      source.groups.known ? [...source.groups.ids].sort() : 'unknown',
      sortedEntries(pod.labels, (k) => labelKeys.has(k)),
      sortedEntries(pod.annotations, (k) => RELEVANT_ANNOTATION.test(k)),
      [...new Set(ownPublic)].sort(),
      source.usesNodeNetwork ? [...new Set(instancePublic)].sort() : [],
      v6 === undefined ? '' : [v6.networkType ?? '', v6.internetBandwidth === undefined ? '' : 'bandwidth'],
      seen.map((ip) => cidrSignature(cidrs, ip)),
    ]);
    const found = classes.get(key);
    if (found === undefined) classes.set(key, { pods: [pod], workload, source });
    else found.pods.push(pod);
  }
  const byWorkload = new Map<string, { pods: Pod[]; source: ReturnType<typeof resolvePodSource> }[]>();
  for (const value of classes.values()) {
    const list = byWorkload.get(value.workload) ?? [];
    list.push(value);
    byWorkload.set(value.workload, list);
  }
  const rows: SourceRow[] = [];
  for (const workload of [...byWorkload.keys()].sort()) {
    const list = byWorkload.get(workload) ?? [];
    list.forEach((cls, n) => {
      const rep = cls.pods[0] as Pod;
      rows.push({
        id: list.length === 1 ? workload : `${workload}#${n + 1}`,
        workload,
        namespace: rep.namespace,
        representative: `${rep.namespace}/${rep.name}`,
        pods: cls.pods.map((p) => `${p.namespace}/${p.name}`),
        hostNetwork: rep.hostNetwork,
        node: rep.nodeName ?? null,
        vSwitch: cls.source.vSwitch?.id ?? null,
        securityGroups: cls.source.groups.known ? [...cls.source.groups.ids].sort() : null,
      });
    });
  }
  return rows;
}
