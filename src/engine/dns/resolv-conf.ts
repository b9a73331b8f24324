/**
 * The resolv.conf a pod really gets (Kubernetes "DNS for Services and Pods", dnsPolicy and dnsConfig; ACK
 * NodeLocal DNSCache injection, alibaba-semantics.md §11):
 * - ClusterFirst: nameserver = kube-dns ClusterIP, search `<ns>.svc.<domain> svc.<domain> <domain>`, ndots:5;
 * - ClusterFirstWithHostNet: the same, for hostNetwork pods; a hostNetwork pod with ClusterFirst falls back to
 *   Default (kubelet semantics);
 * - Default: the node's resolv.conf; on ACK nodes (ECS) that is the VPC DNS 100.100.2.136 / 100.100.2.138;
 * - None: only dnsConfig.
 * dnsConfig is merged on top (kubelet): nameservers appended (deduplicated, at most 3 kept), searches appended
 * (deduplicated), options override by name.
 * NodeLocal DNSCache: the admission webhook rewrites eligible pods of namespaces labelled
 * `node-local-dns-injection=enabled` to dnsPolicy None with nameservers [169.254.20.10, <kube-dns ClusterIP>] and
 * options ndots 3, attempts 2, timeout 1.
 */
import type { DnsPolicy, Pod } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import type { SnapshotIndex } from '../snapshot-index.js';

export const NODE_LOCAL_DNS = '169.254.20.10';
export const VPC_DNS = ['100.100.2.136', '100.100.2.138'] as const;
export const MAX_NAMESERVERS = 3;

export type NameserverKind = 'node-local' | 'cluster' | 'vpc' | 'other';

export interface Nameserver {
  readonly address: string;
  readonly kind: NameserverKind;
}

export interface ResolverOption {
  readonly name: string;
  readonly value?: string;
}

export interface ResolverSources {
  readonly nameservers: string;
  readonly searches: string;
  readonly ndots: string;
  readonly options: string;
}

export interface PodResolver {
  /** dnsPolicy as written (after API defaulting), or `none` for an address source. */
  readonly dnsPolicy: DnsPolicy | 'address-source';
  /** The policy that really applies, e.g. `Default (hostNetwork with ClusterFirst)`. */
  readonly effective: string;
  readonly nameservers: readonly Nameserver[];
  readonly searches: readonly string[];
  readonly ndots: number;
  readonly options: readonly ResolverOption[];
  readonly sources: ResolverSources;
  /** NodeLocal DNSCache: `injected` (the spec shows it or the webhook would), else absent. */
  readonly nodeLocal: 'spec' | 'webhook' | null;
  readonly clusterDomain: string;
  /** Assumptions made to build it (cluster domain default, kube-dns missing...). */
  readonly assumptions: readonly { readonly statement: string; readonly basis: string }[];
}

const NODE_LOCAL_OPTIONS: readonly ResolverOption[] = [
  { name: 'ndots', value: '3' },
  { name: 'attempts', value: '2' },
  { name: 'timeout', value: '1' },
];

/** Nameserver written when the kube-dns Service is not in the snapshot. */
export const KUBE_DNS_UNKNOWN = 'kube-dns-clusterip-unknown';

export function kubeDnsAddress(index: SnapshotIndex): string | undefined {
  const svc = index.service('kube-system', 'kube-dns');
  if (svc === undefined) return undefined;
  return svc.clusterIPs.find((ip) => ipFamily(ip) === 4) ?? svc.clusterIPs[0];
}

export function nameserverKind(index: SnapshotIndex, address: string): NameserverKind {
  if (address === NODE_LOCAL_DNS) return 'node-local';
  if ((VPC_DNS as readonly string[]).includes(address)) return 'vpc';
  if (address === KUBE_DNS_UNKNOWN) return 'cluster';
  const svc = index.serviceByClusterIp(address);
  if (svc !== undefined && svc.namespace === 'kube-system' && svc.name === 'kube-dns') return 'cluster';
  return 'other';
}

function optionsWithOverrides(
  base: readonly ResolverOption[],
  extra: readonly ResolverOption[],
): ResolverOption[] {
  const out = [...base];
  for (const option of extra) {
    const at = out.findIndex((o) => o.name === option.name);
    if (at >= 0) out[at] = option;
    else out.push(option);
  }
  return out;
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function injectionEligible(pod: Pod): boolean {
  if (pod.namespace === 'kube-system' || pod.namespace === 'kube-public') return false;
  if (pod.labels['node-local-dns-injection'] === 'disabled') return false;
  return pod.hostNetwork ? pod.dnsPolicy === 'ClusterFirstWithHostNet' : pod.dnsPolicy === 'ClusterFirst';
}

function showsInjection(pod: Pod): boolean {
  return pod.dnsPolicy === 'None' && pod.dnsConfig?.nameservers[0] === NODE_LOCAL_DNS;
}

/** The resolver of a pod; `undefined` pod (an address source) gets the cluster resolver with an assumption. */
export function podResolver(index: SnapshotIndex, pod: Pod | undefined): PodResolver {
  const assumptions: { statement: string; basis: string }[] = [];
  const facts = index.snapshot.facts;
  const clusterDomain = facts.clusterDomain.known ? facts.clusterDomain.value : 'cluster.local';
  if (!facts.clusterDomain.known) {
    assumptions.push({
      statement: 'cluster domain taken as cluster.local (the ACK default); the snapshot does not say',
      basis: 'ACK default cluster domain; kubelet --cluster-domain not in the snapshot',
    });
  }
  const kubeDns = kubeDnsAddress(index);
  const kubeDnsText = kubeDns ?? KUBE_DNS_UNKNOWN;
  if (kubeDns === undefined) {
    assumptions.push({
      statement:
        'the kube-dns Service (kube-system/kube-dns) is not in the snapshot: its ClusterIP is unknown and the DNS query’s own path is not traced',
      basis: 'add: kubectl get service -n kube-system kube-dns -o yaml',
    });
  }
  const clusterSearches = (ns: string) => [
    `${ns}.svc.${clusterDomain}`,
    `svc.${clusterDomain}`,
    clusterDomain,
  ];
  const ns = (address: string): Nameserver => ({ address, kind: nameserverKind(index, address) });

  if (pod === undefined) {
    assumptions.push({
      statement:
        'the source is an address, not a pod: its resolver is taken as the cluster DNS without a search list',
      basis: 'no pod spec tells its resolv.conf',
    });
    return {
      dnsPolicy: 'address-source',
      effective: 'cluster DNS (assumed)',
      nameservers: [ns(kubeDnsText)],
      searches: [],
      ndots: 1,
      options: [],
      sources: {
        nameservers: 'assumed: the kube-dns ClusterIP',
        searches: 'none (address source)',
        ndots: 'glibc default 1',
        options: 'none',
      },
      nodeLocal: null,
      clusterDomain,
      assumptions,
    };
  }

  const namespace = index.namespace(pod.namespace);
  const nsLabel = namespace?.labels['node-local-dns-injection'];
  if (showsInjection(pod)) {
    const config = pod.dnsConfig;
    return finish(
      'None',
      'None (NodeLocal DNSCache injected, as the pod spec shows)',
      config?.nameservers ?? [],
      config?.searches ?? [],
      config?.options ?? [],
      {
        nameservers: 'pod spec dnsConfig.nameservers (written by the NodeLocal DNSCache webhook)',
        searches: 'pod spec dnsConfig.searches',
        options: 'pod spec dnsConfig.options',
      },
      'spec',
    );
  }
  if (nsLabel === 'enabled' && injectionEligible(pod)) {
    const daemonSet = facts.nodeLocalDns;
    if (!daemonSet.known || daemonSet.value) {
      assumptions.push({
        statement: `namespace ${pod.namespace} is labelled node-local-dns-injection=enabled: the pod is taken as injected (nameservers ${NODE_LOCAL_DNS} and kube-dns, ndots 3), though its spec does not show it (created before the label?)`,
        basis:
          'ACK "Configure NodeLocal DNSCache": the webhook mutates pods at creation; recreate the pod to get it',
      });
      return finish(
        'None',
        'None (NodeLocal DNSCache injection by namespace label)',
        [NODE_LOCAL_DNS, kubeDnsText],
        clusterSearches(pod.namespace),
        [...NODE_LOCAL_OPTIONS],
        {
          nameservers: `NodeLocal DNSCache webhook (namespace ${pod.namespace} label node-local-dns-injection=enabled)`,
          searches: 'NodeLocal DNSCache webhook: the ClusterFirst search list',
          options: 'NodeLocal DNSCache webhook: ndots 3, attempts 2, timeout 1',
        },
        'webhook',
      );
    }
  }

  const hostFallback = pod.hostNetwork && pod.dnsPolicy === 'ClusterFirst';
  const policy = pod.dnsPolicy;
  const config = pod.dnsConfig;
  if (policy === 'None') {
    if (config === undefined || config.nameservers.length === 0) {
      assumptions.push({
        statement:
          'dnsPolicy None without dnsConfig.nameservers: the resolver has no nameserver (glibc then asks 127.0.0.1:53, where nothing listens in a pod)',
        basis: 'Kubernetes "Pod\'s DNS Policy": None requires dnsConfig',
      });
    }
    return finish(
      'None',
      'None',
      config?.nameservers ?? [],
      config?.searches ?? [],
      config?.options ?? [],
      {
        nameservers: 'pod spec dnsConfig.nameservers (dnsPolicy None)',
        searches: 'pod spec dnsConfig.searches',
        options: 'pod spec dnsConfig.options',
      },
      null,
    );
  }
  if (policy === 'Default' || hostFallback) {
    assumptions.push({
      statement: `the node's /etc/resolv.conf is taken as the ECS default: nameservers ${VPC_DNS.join(', ')}, no search list`,
      basis:
        'ACK: "The default upstream servers are 100.100.2.136 and 100.100.2.138, both deployed in the VPC" (DNS troubleshooting); the node file is not in the snapshot',
    });
    return finish(
      policy,
      hostFallback ? 'Default (hostNetwork with ClusterFirst falls back to the node resolver)' : 'Default',
      [...VPC_DNS, ...(config?.nameservers ?? [])],
      [...(config?.searches ?? [])],
      config?.options ?? [],
      {
        nameservers: `node /etc/resolv.conf (VPC DNS)${config?.nameservers.length ? ' + dnsConfig.nameservers' : ''}`,
        searches: config?.searches.length ? 'dnsConfig.searches' : 'node /etc/resolv.conf (none)',
        options: config?.options.length ? 'dnsConfig.options' : 'node /etc/resolv.conf (none)',
      },
      null,
    );
  }
  return finish(
    policy,
    policy,
    [kubeDnsText, ...(config?.nameservers ?? [])],
    [...clusterSearches(pod.namespace), ...(config?.searches ?? [])],
    [{ name: 'ndots', value: '5' }, ...(config?.options ?? [])],
    {
      nameservers: `kubelet ${policy}: the kube-dns ClusterIP${config?.nameservers.length ? ' + dnsConfig.nameservers' : ''}`,
      searches: `kubelet ${policy}: <ns>.svc, svc, cluster domain${config?.searches.length ? ' + dnsConfig.searches' : ''}`,
      options: `kubelet ${policy}: ndots:5${config?.options.length ? ' + dnsConfig.options' : ''}`,
    },
    null,
  );

  function finish(
    dnsPolicy: DnsPolicy,
    effective: string,
    nameservers: readonly string[],
    searches: readonly string[],
    options: readonly ResolverOption[],
    sources: Omit<ResolverSources, 'ndots'>,
    nodeLocal: 'spec' | 'webhook' | null,
  ): PodResolver {
    const merged = optionsWithOverrides([], options);
    const ndotsOption = merged.find((o) => o.name === 'ndots');
    const ndots = ndotsOption?.value === undefined ? 1 : Math.min(15, Number(ndotsOption.value) || 0);
    const all = dedupe(nameservers);
    if (all.length > MAX_NAMESERVERS) {
      assumptions.push({
        statement: `more than ${MAX_NAMESERVERS} nameservers: only the first ${MAX_NAMESERVERS} are kept (${all.slice(MAX_NAMESERVERS).join(', ')} dropped)`,
        basis: 'kubelet keeps at most 3 nameservers (glibc MAXNS)',
      });
    }
    return {
      dnsPolicy,
      effective,
      nameservers: all.slice(0, MAX_NAMESERVERS).map(ns),
      searches: dedupe(searches.map((s) => s.toLowerCase().replace(/\.$/, ''))),
      ndots,
      options: merged,
      sources: {
        ...sources,
        ndots:
          ndotsOption === undefined
            ? 'glibc default (1)'
            : `option ndots:${ndotsOption.value ?? ''} (${sources.options})`,
      },
      nodeLocal,
      clusterDomain,
      assumptions,
    };
  }
}

/** The resolver as /etc/resolv.conf would read. */
export function formatResolvConf(resolver: PodResolver): string {
  const lines: string[] = [];
  if (resolver.searches.length > 0) lines.push(`search ${resolver.searches.join(' ')}`);
  for (const ns of resolver.nameservers) lines.push(`nameserver ${ns.address}`);
  if (resolver.options.length > 0) {
    lines.push(
      `options ${resolver.options.map((o) => (o.value === undefined ? o.name : `${o.name}:${o.value}`)).join(' ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
