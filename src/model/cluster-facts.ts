/**
 * Facts about the cluster as a whole, derived from the snapshot by src/load/derive. Each is a Fact: known with its
 * evidence, or unknown with what to add. The engine asks these instead of re-reading raw objects.
 */
import { type Fact, unknown } from './fact.js';

export type Cni = 'terway' | 'flannel';

/**
 * Terway datapaths. `shared-eni-veth`: ENI multi-IP with veth policy routing; `ipvlan-ebpf`: the older
 * IPvlan+eBPF acceleration (`eniip_virtual_type: IPVlan`); `datapathv2`: its Cilium-based successor;
 * `exclusive-eni`: one ENI per pod (DaemonSet `terway-eni`).
 */
export type TerwayMode = 'exclusive-eni' | 'shared-eni-veth' | 'ipvlan-ebpf' | 'datapathv2';

export type IpStack = 'ipv4' | 'dual';

export type KubeProxyMode = 'iptables' | 'ipvs';

export interface ClusterFacts {
  readonly cni: Fact<Cni>;
  /** Only meaningful when cni is terway. */
  readonly terwayMode: Fact<TerwayMode>;
  readonly terwayVersion: Fact<string>;
  /** eni-config `in_cluster_loadbalance`, top-level key; Terway enables it only when the value is exactly "true". */
  readonly inClusterLoadBalance: Fact<boolean>;
  readonly ipStack: Fact<IpStack>;
  readonly kubeProxyMode: Fact<KubeProxyMode>;
  /** Flannel: the cluster pod CIDR; Terway: the pod vSwitch CIDRs. */
  readonly podCidrs: Fact<readonly string[]>;
  readonly serviceCidrs: Fact<readonly string[]>;
  readonly clusterDomain: Fact<string>;
  /** eni-config `disable_network_policy`. */
  readonly networkPolicyDisabled: Fact<boolean>;
  /** eni-config `eni_conf.vswitches`: zone → pod vSwitch ids. */
  readonly terwayPodVSwitches: Fact<Readonly<Record<string, readonly string[]>>>;
  /** eni-config `eni_conf.security_group(s)`: the groups on the ENIs Terway creates. */
  readonly terwaySecurityGroups: Fact<readonly string[]>;
  readonly regionId: Fact<string>;
  readonly vpcId: Fact<string>;
  /** NodeLocal DNSCache present (DaemonSet `node-local-dns`). */
  readonly nodeLocalDns: Fact<boolean>;
}

/** Every fact unknown for the same reason: the base of hand-built snapshots (tests, an empty load result). */
export function unknownClusterFacts(missing: string): ClusterFacts {
  const fact = unknown(missing);
  return {
    cni: fact,
    terwayMode: fact,
    terwayVersion: fact,
    inClusterLoadBalance: fact,
    ipStack: fact,
    kubeProxyMode: fact,
    podCidrs: fact,
    serviceCidrs: fact,
    clusterDomain: fact,
    networkPolicyDisabled: fact,
    terwayPodVSwitches: fact,
    terwaySecurityGroups: fact,
    regionId: fact,
    vpcId: fact,
    nodeLocalDns: fact,
  };
}
