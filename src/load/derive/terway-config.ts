import type { Cni, IpStack } from '../../model/cluster-facts.js';
import { type Fact, known, unknown } from '../../model/fact.js';
import { COLLECT } from './commands.js';
import { dataKeyOrigin } from './config-maps.js';
import { type DeriveContext, stringField } from './context.js';

/** Terway facts on a cluster whose CNI is known to be something else. */
export function notTerway(cni: Fact<Cni> & { known: true }): Fact<never> {
  return unknown(`not a Terway cluster (${cni.evidence})`);
}

/**
 * eni-config top-level key `in_cluster_loadbalance` (a sibling of eni_conf): Terway's config reader enables it
 * only when the value is exactly "true" (alibaba-semantics.md §1.5).
 */
export function deriveInClusterLoadBalance(ctx: DeriveContext, cni: Fact<Cni>): Fact<boolean> {
  if (cni.known && cni.value !== 'terway') return notTerway(cni);
  const cm = ctx.eniConfig;
  if (cm === undefined) return unknown(COLLECT.eniConfig);
  const value = cm.data.in_cluster_loadbalance;
  const origin = dataKeyOrigin(cm, 'in_cluster_loadbalance');
  if (value === undefined) {
    return known(
      false,
      'eni-config in_cluster_loadbalance: key absent; Terway enables it only when the value is exactly "true"',
      cm.origin,
    );
  }
  if (value === 'true') return known(true, 'eni-config in_cluster_loadbalance is "true"', origin);
  return known(
    false,
    `eni-config in_cluster_loadbalance is "${value}"; Terway enables it only when the value is exactly "true"`,
    origin,
  );
}

/**
 * eni-config `disable_network_policy`. On Flannel, ACK does not enforce NetworkPolicy at all: "This feature applies
 * only to nodes that use the Terway CNI plug-in and are configured in shared ENI mode" (alibaba-semantics.md §11).
 */
export function deriveNetworkPolicyDisabled(ctx: DeriveContext, cni: Fact<Cni>): Fact<boolean> {
  const cm = ctx.eniConfig;
  if (cni.known && cni.value === 'flannel') {
    return known(
      true,
      'Flannel cluster: ACK enforces NetworkPolicy only with Terway (shared ENI)',
      cni.origin,
    );
  }
  if (cm === undefined) return unknown(COLLECT.eniConfig);
  const value = cm.data.disable_network_policy;
  if (value === undefined) {
    return known(
      false,
      'eni-config disable_network_policy: key absent; Terway disables policies only when it is "true"',
      cm.origin,
    );
  }
  return known(
    value === 'true',
    `eni-config disable_network_policy is "${value}"`,
    dataKeyOrigin(cm, 'disable_network_policy'),
  );
}

/** eni_conf `vswitches`: zone → pod vSwitch ids (alibaba-semantics.md §1.1). */
export function deriveTerwayPodVSwitches(
  ctx: DeriveContext,
  cni: Fact<Cni>,
): Fact<Readonly<Record<string, readonly string[]>>> {
  if (cni.known && cni.value !== 'terway') return notTerway(cni);
  const cm = ctx.eniConfig;
  if (cm === undefined || ctx.eniConf.state === 'absent') return unknown(COLLECT.eniConfig);
  if (ctx.eniConf.state === 'invalid')
    return unknown(`a readable eni_conf in eni-config: ${COLLECT.eniConfig}`);
  const raw = ctx.eniConf.value.vswitches;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return unknown('eni-config eni_conf has no vswitches map (zone → pod vSwitch ids)');
  }
  const byZone: Record<string, string[]> = {};
  for (const zone of Object.keys(raw).sort()) {
    const ids = (raw as Record<string, unknown>)[zone];
    byZone[zone] = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  }
  return known(byZone, 'eni-config eni_conf vswitches', dataKeyOrigin(cm, 'eni_conf'));
}

/** eni_conf `security_groups` (list) and/or `security_group` (single): the groups on the ENIs Terway creates. */
export function deriveTerwaySecurityGroups(ctx: DeriveContext, cni: Fact<Cni>): Fact<readonly string[]> {
  if (cni.known && cni.value !== 'terway') return notTerway(cni);
  const cm = ctx.eniConfig;
  if (cm === undefined || ctx.eniConf.state === 'absent') return unknown(COLLECT.eniConfig);
  if (ctx.eniConf.state === 'invalid')
    return unknown(`a readable eni_conf in eni-config: ${COLLECT.eniConfig}`);
  const list = ctx.eniConf.value.security_groups;
  const ids = [
    ...(Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []),
    ...(typeof ctx.eniConf.value.security_group === 'string' ? [ctx.eniConf.value.security_group] : []),
  ].filter((id) => id !== '');
  if (ids.length === 0) return unknown('eni-config eni_conf names no security_group or security_groups');
  return known([...new Set(ids)], 'eni-config eni_conf security_group(s)', dataKeyOrigin(cm, 'eni_conf'));
}

/** eni_conf `ip_stack`, else cs `ip_stack`, else IPv6 pod IPs prove dual stack. */
export function deriveIpStack(ctx: DeriveContext, cni: Fact<Cni>): Fact<IpStack> {
  const fromEni = stringField(ctx.eniConf, 'ip_stack');
  if (ctx.eniConfig && (fromEni === 'ipv4' || fromEni === 'dual')) {
    return known(
      fromEni,
      `eni-config eni_conf ip_stack is "${fromEni}"`,
      dataKeyOrigin(ctx.eniConfig, 'eni_conf'),
    );
  }
  const fromCs = ctx.cluster?.ipStack;
  if (ctx.cluster && (fromCs === 'ipv4' || fromCs === 'dual')) {
    return known(fromCs, `cs DescribeClusterDetail ip_stack is "${fromCs}"`, ctx.cluster.origin);
  }
  const v6Pod = ctx.k8s.pods.find((p) => !p.hostNetwork && p.ips.some((ip) => ip.includes(':')));
  if (v6Pod) {
    return known(
      'dual',
      `Pod ${v6Pod.namespace}/${v6Pod.name} has an IPv6 address (${v6Pod.ips.join(', ')})`,
      v6Pod.origin,
    );
  }
  const cs = COLLECT.clusterDetail(ctx.cluster?.clusterId);
  return unknown(cni.known && cni.value === 'flannel' ? cs : `${COLLECT.eniConfig} (or ${cs})`);
}
