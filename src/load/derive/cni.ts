import type { Cni, TerwayMode } from '../../model/cluster-facts.js';
import { type Fact, known, unknown } from '../../model/fact.js';
import { COLLECT } from './commands.js';
import { dataKeyOrigin } from './config-maps.js';
import { type DeriveContext, daemonSet, stringField } from './context.js';
import { notTerway } from './terway-config.js';

const TERWAY_DAEMONSETS = ['terway-eniip', 'terway-eni', 'terway'];
const TERWAY_ADDONS = ['terway-eniip', 'terway-eni', 'terway'];

/** alibaba-semantics.md §1.2 (DaemonSet names), §12 cs DescribeClusterDetail (meta_data Addons). */
export function deriveCni(ctx: DeriveContext): Fact<Cni> {
  for (const name of TERWAY_DAEMONSETS) {
    const ds = daemonSet(ctx, name);
    if (ds) return known('terway', `DaemonSet kube-system/${name} exists`, ds.origin);
  }
  const flannel = daemonSet(ctx, 'kube-flannel-ds');
  if (flannel) return known('flannel', 'DaemonSet kube-system/kube-flannel-ds exists', flannel.origin);
  const cluster = ctx.cluster;
  if (cluster) {
    const terway = cluster.addons.find((a) => TERWAY_ADDONS.includes(a.name));
    if (terway)
      return known('terway', `cs DescribeClusterDetail lists the add-on ${terway.name}`, cluster.origin);
    const flannelAddon = cluster.addons.find((a) => a.name === 'flannel');
    if (flannelAddon)
      return known('flannel', 'cs DescribeClusterDetail lists the add-on flannel', cluster.origin);
  }
  return unknown(`${COLLECT.daemonSets} (or ${COLLECT.clusterDetail(cluster?.clusterId)})`);
}

/**
 * Terway datapath. `terway-eni` is exclusive ENI (§1.2); otherwise the CNI config key `eniip_virtual_type`
 * decides: `datapathv2` or `IPVlan`; without the key Terway uses veth policy routing (naming UNCONFIRMED, §1.2).
 */
export function deriveTerwayMode(ctx: DeriveContext, cni: Fact<Cni>): Fact<TerwayMode> {
  if (cni.known && cni.value !== 'terway') return notTerway(cni);
  const exclusive = daemonSet(ctx, 'terway-eni');
  if (exclusive)
    return known(
      'exclusive-eni',
      'DaemonSet kube-system/terway-eni exists (exclusive ENI)',
      exclusive.origin,
    );
  const cm = ctx.eniConfig;
  if (cm === undefined) return unknown(COLLECT.eniConfig);
  if (ctx.terwayConf.state === 'invalid')
    return unknown(`a readable 10-terway.conf in eni-config: ${COLLECT.eniConfig}`);
  const origin = dataKeyOrigin(cm, '10-terway.conf');
  const type = stringField(ctx.terwayConf, 'eniip_virtual_type');
  if (type === undefined) {
    return known(
      'shared-eni-veth',
      'eni-config 10-terway.conf has no eniip_virtual_type: key absent means veth policy routing (shared ENI); that naming is UNCONFIRMED',
      origin,
    );
  }
  if (type.toLowerCase() === 'datapathv2')
    return known('datapathv2', `eni-config 10-terway.conf eniip_virtual_type is "${type}"`, origin);
  if (type.toLowerCase() === 'ipvlan')
    return known('ipvlan-ebpf', `eni-config 10-terway.conf eniip_virtual_type is "${type}"`, origin);
  return unknown(
    `a known eniip_virtual_type (datapathv2 or IPVlan) in eni-config 10-terway.conf; found "${type}"`,
  );
}

/** The image tag of the Terway container, e.g. `…/acs/terway:v1.9.3` → `v1.9.3`; else the cs add-on version. */
export function deriveTerwayVersion(ctx: DeriveContext, cni: Fact<Cni>): Fact<string> {
  if (cni.known && cni.value !== 'terway') return notTerway(cni);
  for (const name of TERWAY_DAEMONSETS) {
    const ds = daemonSet(ctx, name);
    const container =
      ds?.containers.find((c) => c.name === 'terway') ??
      ds?.containers.find((c) => /\/terway:/.test(c.image));
    const tag = container ? imageTag(container.image) : undefined;
    if (ds && container && tag) {
      return known(
        tag,
        `image ${container.image} of container ${container.name} in DaemonSet kube-system/${name}`,
        ds.origin,
      );
    }
  }
  const addon = ctx.cluster?.addons.find((a) => TERWAY_ADDONS.includes(a.name) && a.version);
  if (ctx.cluster && addon?.version) {
    return known(
      addon.version,
      `cs DescribeClusterDetail add-on ${addon.name} version ${addon.version}`,
      ctx.cluster.origin,
    );
  }
  return unknown(`${COLLECT.daemonSets} (or ${COLLECT.clusterDetail(ctx.cluster?.clusterId)})`);
}

export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon < 0 || colon < withoutDigest.lastIndexOf('/')) return undefined;
  const tag = withoutDigest.slice(colon + 1);
  return tag === '' ? undefined : tag;
}
