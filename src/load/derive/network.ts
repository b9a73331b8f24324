import type { Cni, KubeProxyMode } from '../../model/cluster-facts.js';
import { type Fact, known, unknown } from '../../model/fact.js';
import { COLLECT } from './commands.js';
import { dataKeyOrigin, jsonKey, kubeSystemConfigMap } from './config-maps.js';
import { type DeriveContext, stringField } from './context.js';

/**
 * kube-proxy's KubeProxyConfiguration `mode:` in its ConfigMap (ACK names it `kube-proxy-worker`, so any
 * kube-system ConfigMap whose name starts with `kube-proxy`), else cs `proxy_mode`. An empty mode is iptables on
 * Linux, as the kube-proxy reference says ("If blank, use the best-available proxy (currently iptables on Linux)").
 */
export function deriveKubeProxyMode(ctx: DeriveContext): Fact<KubeProxyMode> {
  const cms = ctx.k8s.configMaps
    .filter((c) => c.namespace === 'kube-system' && c.name.startsWith('kube-proxy'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const cm of cms) {
    for (const key of Object.keys(cm.data).sort()) {
      const match = /^mode:[ \t]*["']?([A-Za-z]*)["']?[ \t]*(#.*)?$/m.exec(cm.data[key] ?? '');
      if (!match) continue;
      const mode = (match[1] ?? '').toLowerCase();
      const origin = dataKeyOrigin(cm, key);
      if (mode === 'ipvs' || mode === 'iptables') {
        return known(mode, `ConfigMap kube-system/${cm.name} ${key} has mode: ${mode}`, origin);
      }
      if (mode === '') {
        return known(
          'iptables',
          `ConfigMap kube-system/${cm.name} ${key} has an empty mode: kube-proxy then uses iptables on Linux`,
          origin,
        );
      }
    }
  }
  const proxy = ctx.cluster?.proxyMode?.toLowerCase();
  if (ctx.cluster && (proxy === 'ipvs' || proxy === 'iptables')) {
    return known(
      proxy,
      `cs DescribeClusterDetail proxy_mode is "${ctx.cluster.proxyMode}"`,
      ctx.cluster.origin,
    );
  }
  return unknown(`${COLLECT.kubeProxy} (or ${COLLECT.clusterDetail(ctx.cluster?.clusterId)})`);
}

/**
 * Flannel: the cluster pod CIDR (cs container_cidr, else kube-flannel-cfg net-conf.json Network, else the union of
 * node podCIDRs). Terway: the CIDRs of the pod vSwitches named in eni-config and PodNetworkings, which needs
 * vpc DescribeVSwitches.
 */
export function derivePodCidrs(ctx: DeriveContext, cni: Fact<Cni>): Fact<readonly string[]> {
  if (!cni.known) return unknown(`the CNI first: ${cni.missing}`);
  return cni.value === 'flannel' ? flannelPodCidrs(ctx) : terwayPodCidrs(ctx);
}

function flannelPodCidrs(ctx: DeriveContext): Fact<readonly string[]> {
  const container = ctx.cluster?.containerCidr;
  if (ctx.cluster && container)
    return known([container], `cs DescribeClusterDetail container_cidr is ${container}`, ctx.cluster.origin);
  const cfg = kubeSystemConfigMap(ctx.k8s, 'kube-flannel-cfg');
  const network = stringField(jsonKey(cfg, 'net-conf.json', ctx.problems), 'Network');
  if (cfg && network)
    return known(
      [network],
      `ConfigMap kube-system/kube-flannel-cfg net-conf.json Network is ${network}`,
      dataKeyOrigin(cfg, 'net-conf.json'),
    );
  const nodeCidrs = [...new Set(ctx.k8s.nodes.flatMap((n) => n.podCIDRs))].sort();
  if (nodeCidrs.length > 0) {
    return known(
      nodeCidrs,
      `union of the podCIDRs of ${ctx.k8s.nodes.length} nodes (the cluster CIDR itself is not in the snapshot)`,
    );
  }
  return unknown(`${COLLECT.clusterDetail(ctx.cluster?.clusterId)} (or ${COLLECT.flannelConfig})`);
}

function terwayPodCidrs(ctx: DeriveContext): Fact<readonly string[]> {
  const ids = terwayPodVSwitchIds(ctx);
  if (ids === undefined) return unknown(COLLECT.eniConfig);
  if (ids.length === 0) return unknown('pod vSwitch ids: eni-config eni_conf has no vswitches');
  const missing = ids.filter((id) => !ctx.cloud.vSwitches.some((v) => v.id === id));
  if (missing.length > 0) {
    const region = ctx.cluster?.regionId ?? '<region-id>';
    const vpc = ctx.cluster?.vpcId ?? '<vpc-id>';
    return unknown(
      `vpc DescribeVSwitches for the pod vSwitches ${missing.join(', ')}: ${COLLECT.vSwitches(region, vpc)}`,
    );
  }
  const cidrs = ids.flatMap((id) => {
    const v = ctx.cloud.vSwitches.find((s) => s.id === id);
    return v === undefined ? [] : [v.cidrBlock, ...(v.ipv6CidrBlock ? [v.ipv6CidrBlock] : [])];
  });
  return known(
    [...new Set(cidrs)],
    `CIDRs of the pod vSwitches ${ids.join(', ')} (eni-config, PodNetworkings, DescribeVSwitches)`,
  );
}

/** Pod vSwitch ids from every Terway config (eni-config and node-level ones holding eni_conf) and PodNetworkings. */
function terwayPodVSwitchIds(ctx: DeriveContext): string[] | undefined {
  if (ctx.eniConfig === undefined) return undefined;
  const ids = new Set<string>();
  for (const cm of ctx.k8s.configMaps) {
    if (cm.namespace !== 'kube-system' || cm.data.eni_conf === undefined) continue;
    const conf = cm === ctx.eniConfig ? ctx.eniConf : jsonKey(cm, 'eni_conf', []);
    const raw = conf.state === 'ok' ? conf.value.vswitches : undefined;
    if (typeof raw !== 'object' || raw === null) continue;
    for (const list of Object.values(raw)) {
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
    }
  }
  for (const pn of ctx.k8s.podNetworkings) for (const id of pn.vSwitchIds) ids.add(id);
  return [...ids].sort();
}

/** cs `service_cidr`, else eni_conf `service_cidr` (comma-separated for dual stack). */
export function deriveServiceCidrs(ctx: DeriveContext, cni: Fact<Cni>): Fact<readonly string[]> {
  const split = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (ctx.cluster?.serviceCidr) {
    return known(
      split(ctx.cluster.serviceCidr),
      `cs DescribeClusterDetail service_cidr is ${ctx.cluster.serviceCidr}`,
      ctx.cluster.origin,
    );
  }
  const fromEni = stringField(ctx.eniConf, 'service_cidr');
  if (ctx.eniConfig && fromEni) {
    return known(
      split(fromEni),
      `eni-config eni_conf service_cidr is ${fromEni}`,
      dataKeyOrigin(ctx.eniConfig, 'eni_conf'),
    );
  }
  const cs = COLLECT.clusterDetail(ctx.cluster?.clusterId);
  return unknown(cni.known && cni.value === 'flannel' ? cs : `${cs} (or ${COLLECT.eniConfig} on Terway)`);
}

/** cs `cluster_domain`, else the `kubernetes <domain>` line of the CoreDNS Corefile. Never defaulted here. */
export function deriveClusterDomain(ctx: DeriveContext): Fact<string> {
  if (ctx.cluster?.clusterDomain) {
    return known(
      ctx.cluster.clusterDomain,
      `cs DescribeClusterDetail cluster_domain is ${ctx.cluster.clusterDomain}`,
      ctx.cluster.origin,
    );
  }
  const coredns = kubeSystemConfigMap(ctx.k8s, 'coredns');
  const corefile = coredns?.data.Corefile;
  const match = corefile === undefined ? null : /^\s*kubernetes\s+([A-Za-z0-9.-]+)/m.exec(corefile);
  if (coredns && match?.[1]) {
    const domain = match[1].replace(/\.$/, '');
    return known(domain, `CoreDNS Corefile: kubernetes ${match[1]}`, dataKeyOrigin(coredns, 'Corefile'));
  }
  return unknown(`${COLLECT.coredns} (or ${COLLECT.clusterDetail(ctx.cluster?.clusterId)})`);
}
