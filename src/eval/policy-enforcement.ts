/**
 * Whether anything in the cluster enforces NetworkPolicy for a pod, and with which semantics. ACK facts
 * (shared/reference/alibaba-semantics.md §1.2, §11, §13; docs/network-policy.md "Enforcement on ACK"):
 * - "Use network policies in ACK clusters": policies need Terway and apply only to nodes in shared ENI mode;
 *   eni-config `disable_network_policy: "true"` turns enforcement off.
 * - "Configure a node-pool-level container network": "Pods assigned an exclusive ENI do not support eBPF network
 *   acceleration or Kubernetes NetworkPolicy." Exclusive-ENI node pools carry the node label
 *   `k8s.aliyun.com/exclusive-mode-eni-type: eniOnly` (Terway source, ExclusiveENILabelKey/Value).
 * - Flannel has no policy engine of its own: policies are enforced only when one runs (Calico, Cilium, ...).
 * - Terway's IPvlan+eBPF and DataPathV2 datapaths enforce through Cilium, where CIDR rules describe peers that are
 *   not cluster endpoints or nodes (Cilium docs, Documentation/policy/language.rst "IP/CIDR based"): an ipBlock does
 *   not select pod or node IPs there, unlike the upstream e2e expectation.
 */
import type { ClusterFacts } from '../model/cluster-facts.js';
import type { Node, Pod, Workload } from '../model/kubernetes.js';

export interface Enforcement {
  enforced: boolean | 'unknown';
  reason: string;
  evidence: string;
  assumption?: string;
  /** Whether ipBlocks match in-cluster pod (and node) IPs, as the upstream e2e suite expects. */
  ipBlockMatchesPods: boolean;
  /** The policy engine found, when enforcement rests on one (Flannel clusters). */
  engine?: string;
}

export const EXCLUSIVE_ENI_NODE_LABEL = 'k8s.aliyun.com/exclusive-mode-eni-type';
export const EXCLUSIVE_ENI_NODE_VALUE = 'eniOnly';

/** Known NetworkPolicy engines, by the DaemonSet name (kube-system) they install. */
const POLICY_ENGINES: readonly {
  readonly name: RegExp;
  readonly engine: string;
  readonly cilium: boolean;
}[] = [
  { name: /^calico-node$/, engine: 'Calico', cilium: false },
  { name: /^canal$/, engine: 'Canal (Calico)', cilium: false },
  { name: /^cilium$/, engine: 'Cilium', cilium: true },
  { name: /^kube-router$/, engine: 'kube-router', cilium: false },
  { name: /^antrea-agent$/, engine: 'Antrea', cilium: false },
  { name: /^weave-net$/, engine: 'Weave Net', cilium: false },
];

interface KubeSystemDaemonSets {
  readonly engine: { workload: Workload; engine: string; cilium: boolean } | undefined;
  readonly any: boolean;
}

/** What the kube-system DaemonSets tell, once per workload list (cached by its identity: it holds every workload). */
const daemonSetsCache = new WeakMap<readonly Workload[], KubeSystemDaemonSets>();
function kubeSystemDaemonSets(workloads: readonly Workload[]): KubeSystemDaemonSets {
  let found = daemonSetsCache.get(workloads);
  if (found === undefined) {
    found = {
      engine: findPolicyEngine(workloads),
      any: workloads.some((w) => w.kind === 'DaemonSet' && w.namespace === 'kube-system'),
    };
    daemonSetsCache.set(workloads, found);
  }
  return found;
}

function findPolicyEngine(
  workloads: readonly Workload[],
): { workload: Workload; engine: string; cilium: boolean } | undefined {
  const daemonSets = workloads
    .filter((w) => w.kind === 'DaemonSet' && w.namespace === 'kube-system')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const workload of daemonSets) {
    const match = POLICY_ENGINES.find((e) => e.name.test(workload.name));
    if (match !== undefined) return { workload, engine: match.engine, cilium: match.cilium };
  }
  return undefined;
}

/**
 * Whether NetworkPolicy is enforced for this pod, per ACK: Terway shared-ENI modes enforce; exclusive-ENI pods do
 * not; disable_network_policy "true" turns it off; Flannel only when a policy engine (e.g. a calico/cilium
 * DaemonSet in kube-system) is present; CNI unknown → enforced with upstream semantics, stated as an assumption.
 * Cilium-based datapaths (ipvlan-ebpf, datapathv2): ipBlockMatchesPods false. `node` (the pod's node, optional)
 * reveals exclusive-ENI node pools.
 */
export function networkPolicyEnforcement(
  facts: ClusterFacts,
  _pod: Pod,
  workloads: readonly Workload[],
  node?: Node,
): Enforcement {
  const cni = facts.cni;
  if (!cni.known) {
    return {
      enforced: true,
      reason: 'NetworkPolicy evaluated as enforced, with upstream Kubernetes semantics',
      evidence: `the snapshot does not reveal the CNI (add: ${cni.missing})`,
      assumption:
        'CNI unknown: assumed a policy engine enforces NetworkPolicy as the upstream e2e suite expects (ipBlocks match pod IPs); on ACK only Terway shared-ENI pods are enforced',
      ipBlockMatchesPods: true,
    };
  }

  if (cni.value === 'flannel') {
    const daemonSets = kubeSystemDaemonSets(workloads);
    const engine = daemonSets.engine;
    if (engine !== undefined) {
      return {
        enforced: true,
        reason: `Flannel does not enforce NetworkPolicy itself; ${engine.engine} does`,
        evidence: `${cni.evidence}; DaemonSet kube-system/${engine.workload.name} exists`,
        ipBlockMatchesPods: !engine.cilium,
        engine: engine.engine,
      };
    }
    if (!daemonSets.any) {
      return {
        enforced: 'unknown',
        reason:
          'Flannel does not enforce NetworkPolicy; whether another policy engine runs is not in the snapshot',
        evidence: `${cni.evidence}; no kube-system DaemonSets in the snapshot (add: kubectl get daemonset -n kube-system -o yaml)`,
        ipBlockMatchesPods: true,
      };
    }
    return {
      enforced: false,
      reason:
        'Flannel does not enforce NetworkPolicy and no policy engine (Calico, Cilium, ...) runs in kube-system',
      evidence: `${cni.evidence}; no calico-node/canal/cilium/kube-router/antrea-agent/weave-net DaemonSet in kube-system`,
      ipBlockMatchesPods: true,
    };
  }

  // Terway.
  const disabled = facts.networkPolicyDisabled;
  if (disabled.known && disabled.value) {
    return {
      enforced: false,
      reason: 'Terway NetworkPolicy support is turned off (eni-config disable_network_policy: "true")',
      evidence: disabled.evidence,
      ipBlockMatchesPods: true,
    };
  }
  const mode = facts.terwayMode;
  if (mode.known && mode.value === 'exclusive-eni') {
    return {
      enforced: false,
      reason: 'pods with an exclusive ENI do not support Kubernetes NetworkPolicy (ACK)',
      evidence: mode.evidence,
      ipBlockMatchesPods: true,
    };
  }
  if (node !== undefined && node.labels[EXCLUSIVE_ENI_NODE_LABEL] === EXCLUSIVE_ENI_NODE_VALUE) {
    return {
      enforced: false,
      reason: `node ${node.name} is in an exclusive-ENI node pool; pods with an exclusive ENI do not support Kubernetes NetworkPolicy (ACK)`,
      evidence: `Node ${node.name} has label ${EXCLUSIVE_ENI_NODE_LABEL}=${EXCLUSIVE_ENI_NODE_VALUE}`,
      ipBlockMatchesPods: true,
    };
  }
  const disabledNote = disabled.known ? `; ${disabled.evidence}` : '';
  if (!mode.known) {
    return {
      enforced: true,
      reason: 'Terway enforces NetworkPolicy for shared-ENI pods',
      evidence: `${cni.evidence}${disabledNote}`,
      assumption: `Terway mode unknown (add: ${mode.missing}): assumed shared ENI, the default since Terway v1.11.0, with upstream ipBlock semantics; on IPvlan/DataPathV2 (Cilium) an ipBlock would not match pod IPs`,
      ipBlockMatchesPods: true,
    };
  }
  if (mode.value === 'ipvlan-ebpf' || mode.value === 'datapathv2') {
    return {
      enforced: true,
      reason: `Terway ${mode.value === 'datapathv2' ? 'DataPathV2' : 'IPvlan+eBPF'} enforces NetworkPolicy through Cilium; ipBlocks do not select pod or node IPs there`,
      evidence: `${mode.evidence}${disabledNote}`,
      ipBlockMatchesPods: false,
    };
  }
  return {
    enforced: true,
    reason: 'Terway shared-ENI mode enforces NetworkPolicy',
    evidence: `${mode.evidence}${disabledNote}`,
    assumption:
      'ipBlocks read as matching pod IPs (upstream e2e semantics); clusters created with Terway v1.9.0 or later may enforce through eBPF (Cilium), where they do not (UNCONFIRMED for the veth datapath)',
    ipBlockMatchesPods: true,
  };
}
