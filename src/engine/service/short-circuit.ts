/**
 * Whether in-cluster traffic to a Service's LoadBalancer ingress IP or externalIP is intercepted inside the
 * cluster ("short-circuited") or really goes to that address (alibaba-semantics.md §1.5, §10; seed page "The
 * cluster's own Server Load Balancer"):
 * - kube-proxy (iptables and IPVS) intercepts it for pods and node processes: "the request is not sent to the SLB
 *   instance. Instead, kube-proxy intercepts the request" (ACK Service FAQ; kubernetes#66607);
 * - Terway IPvlan+eBPF / DataPathV2 pod traffic is handled by Cilium, not kube-proxy: before Terway v1.2.0 it is
 *   never short-circuited; from v1.2.0 only with eni-config `in_cluster_loadbalance: "true"`, which v1.2.0+
 *   writes for newly created clusters only ("已创建的集群不会开启", ACK container network FAQ);
 * - `status.loadBalancer.ingress[].ipMode: Proxy` is never short-circuited (LoadBalancerIngress API);
 * - a source outside the cluster (an address that is no node) has no kube-proxy on its way.
 */
import type { Fact } from '../../model/index.js';
import type { TraceState } from '../context.js';

export type ShortCircuit =
  | {
      readonly decided: true;
      readonly yes: boolean;
      readonly reason: string;
      /** Each fact that decided, as `name: evidence`, for the hop's details. */
      readonly evidence: Readonly<Record<string, string>>;
    }
  | { readonly decided: false; readonly what: string; readonly collect: string };

/** Compares a Terway image tag or add-on version (`v1.2.0`, `1.10.3-aliyun`) with a minimum. */
export function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = (version.replace(/^v/i, '').match(/^\d+(\.\d+)*/)?.[0] ?? '').split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const a = parts[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

function evidenceOf(fact: Fact<unknown>): string {
  return fact.known ? `${String(fact.value)} (${fact.evidence})` : `unknown (${fact.missing})`;
}

export function shortCircuitDecision(state: TraceState, ipMode: string | undefined): ShortCircuit {
  const facts = state.snapshot.facts;
  const s = state.source;
  const kubeProxyMode = facts.kubeProxyMode;
  const evidence: Record<string, string> = { kubeProxyMode: evidenceOf(kubeProxyMode) };
  if (ipMode === 'Proxy') {
    return {
      decided: true,
      yes: false,
      reason: 'status.loadBalancer.ingress ipMode is Proxy: kube-proxy does not intercept it',
      evidence: { ...evidence, ipMode: 'Proxy' },
    };
  }
  const kubeProxy = kubeProxyMode.known
    ? `kube-proxy ${kubeProxyMode.value}`
    : 'kube-proxy (iptables or IPVS)';
  if (s.kind === 'address') {
    if (s.node !== undefined) {
      return {
        decided: true,
        yes: true,
        reason: `${kubeProxy} on node ${s.node.name} intercepts its own traffic to the address`,
        evidence,
      };
    }
    return {
      decided: true,
      yes: false,
      reason: 'the source is not a pod or node of the cluster: no kube-proxy is on its way',
      evidence,
    };
  }
  if (!s.cni.known) return { decided: false, what: 'the CNI of the cluster', collect: s.cni.missing };
  if (s.cni.value === 'terway' && !s.usesNodeNetwork && s.terwayMode === undefined) {
    const mode = facts.terwayMode;
    return {
      decided: false,
      what: 'the Terway mode (IPvlan/DataPathV2 pods bypass kube-proxy)',
      collect: mode.known ? 'kubectl get configmap -n kube-system eni-config -o yaml' : mode.missing,
    };
  }
  const cilium =
    s.cni.value === 'terway' &&
    !s.usesNodeNetwork &&
    (s.terwayMode === 'ipvlan-ebpf' || s.terwayMode === 'datapathv2');
  if (!cilium) {
    const how =
      s.cni.value === 'flannel'
        ? 'Flannel'
        : s.usesNodeNetwork
          ? 'a host-network pod'
          : `Terway ${s.terwayMode ?? ''}`.trim();
    return {
      decided: true,
      yes: true,
      reason: `${kubeProxy} intercepts in-cluster traffic to the address and sends it to the Service endpoints (${how})`,
      evidence: { ...evidence, cni: evidenceOf(s.cni) },
    };
  }
  const version = facts.terwayVersion;
  const inCluster = facts.inClusterLoadBalance;
  const mode = s.terwayMode === 'datapathv2' ? 'DataPathV2' : 'IPvlan+eBPF';
  const terwayEvidence = {
    ...evidence,
    terwayMode: `${mode} (${facts.terwayMode.known ? facts.terwayMode.evidence : 'from the source pod'})`,
    terwayVersion: evidenceOf(version),
    inClusterLoadBalance: evidenceOf(inCluster),
  };
  if (version.known && !versionAtLeast(version.value, [1, 2, 0])) {
    return {
      decided: true,
      yes: false,
      reason: `Terway ${version.value} < v1.2.0 in ${mode} mode: pod traffic is handled by Cilium, which does not short-circuit it before v1.2.0, so the packet goes to the address itself`,
      evidence: terwayEvidence,
    };
  }
  if (inCluster.known && !inCluster.value) {
    return {
      decided: true,
      yes: false,
      reason: `Terway ${mode} pods are handled by Cilium, not kube-proxy, and eni-config in_cluster_loadbalance is not "true" (clusters created before Terway v1.2.0 do not get it): the packet goes to the address itself`,
      evidence: terwayEvidence,
    };
  }
  if (!version.known) return { decided: false, what: 'the Terway version', collect: version.missing };
  if (!inCluster.known)
    return { decided: false, what: 'eni-config in_cluster_loadbalance', collect: inCluster.missing };
  return {
    decided: true,
    yes: true,
    reason: `Terway ${version.value} ≥ v1.2.0 with in_cluster_loadbalance "true": Cilium sends it to the Service endpoints (${mode})`,
    evidence: terwayEvidence,
  };
}
