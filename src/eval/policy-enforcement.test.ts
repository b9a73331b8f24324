import { describe, expect, it } from 'vitest';
import { type ClusterFacts, unknownClusterFacts } from '../model/cluster-facts.js';
import { known } from '../model/fact.js';
import type { Node, Pod, Workload } from '../model/kubernetes.js';
import { networkPolicyEnforcement } from './policy-enforcement.js';

const origin = { file: 'test.yaml', path: '' };
function facts(overrides: Partial<ClusterFacts> = {}): ClusterFacts {
  return { ...unknownClusterFacts('kubectl get configmap -n kube-system eni-config -o yaml'), ...overrides };
}

const pod: Pod = {
  namespace: 'x',
  name: 'a',
  labels: {},
  annotations: {},
  hostNetwork: false,
  ips: ['10.0.0.11'],
  dnsPolicy: 'ClusterFirst',
  containerPorts: [],
  origin,
};

const daemonSet = (name: string, namespace = 'kube-system'): Workload => ({
  kind: 'DaemonSet',
  namespace,
  name,
  labels: {},
  containers: [],
  origin,
});

const terway = known('terway' as const, 'DaemonSet kube-system/terway-eniip exists');
const flannel = known('flannel' as const, 'DaemonSet kube-system/kube-flannel-ds exists');

describe('networkPolicyEnforcement', () => {
  it('CNI unknown: enforced with upstream semantics, stated as an assumption', () => {
    const e = networkPolicyEnforcement(facts(), pod, []);
    expect(e.enforced).toBe(true);
    expect(e.ipBlockMatchesPods).toBe(true);
    expect(e.assumption).toContain('CNI unknown');
    expect(e.evidence).toContain('kubectl get configmap -n kube-system eni-config -o yaml');
  });

  it('Terway shared ENI (veth) enforces, ipBlocks match pods', () => {
    const e = networkPolicyEnforcement(
      facts({
        cni: terway,
        terwayMode: known('shared-eni-veth' as const, 'eni-config has no eniip_virtual_type'),
      }),
      pod,
      [],
    );
    expect(e).toMatchObject({ enforced: true, ipBlockMatchesPods: true });
    expect(e.evidence).toBe('eni-config has no eniip_virtual_type');
  });

  it('Terway DataPathV2 and IPvlan+eBPF enforce through Cilium: ipBlocks do not match pods', () => {
    for (const mode of ['datapathv2', 'ipvlan-ebpf'] as const) {
      const e = networkPolicyEnforcement(
        facts({ cni: terway, terwayMode: known(mode, `eniip_virtual_type ${mode}`) }),
        pod,
        [],
      );
      expect(e).toMatchObject({ enforced: true, ipBlockMatchesPods: false });
      expect(e.reason).toContain('Cilium');
    }
  });

  it('Terway exclusive ENI: not enforced', () => {
    const e = networkPolicyEnforcement(
      facts({
        cni: terway,
        terwayMode: known('exclusive-eni' as const, 'DaemonSet kube-system/terway-eni exists'),
      }),
      pod,
      [],
    );
    expect(e.enforced).toBe(false);
    expect(e.reason).toContain('exclusive ENI');
  });

  it('a node of an exclusive-ENI node pool: not enforced, even when the cluster default is shared', () => {
    const node: Node = {
      name: 'n1',
      labels: { 'k8s.aliyun.com/exclusive-mode-eni-type': 'eniOnly' },
      annotations: {},
      internalIPs: [],
      externalIPs: [],
      podCIDRs: [],
      origin,
    };
    const f = facts({ cni: terway, terwayMode: known('datapathv2' as const, 'x') });
    expect(networkPolicyEnforcement(f, pod, [], node).enforced).toBe(false);
    expect(networkPolicyEnforcement(f, pod, [], { ...node, labels: {} }).enforced).toBe(true);
  });

  it('disable_network_policy "true" turns enforcement off; "false" does not', () => {
    const off = known(true, 'ConfigMap kube-system/eni-config disable_network_policy: "true"');
    const e = networkPolicyEnforcement(facts({ cni: terway, networkPolicyDisabled: off }), pod, []);
    expect(e).toMatchObject({
      enforced: false,
      evidence: 'ConfigMap kube-system/eni-config disable_network_policy: "true"',
    });
    const on = known(false, 'ConfigMap kube-system/eni-config disable_network_policy: "false"');
    expect(
      networkPolicyEnforcement(facts({ cni: terway, networkPolicyDisabled: on }), pod, []).enforced,
    ).toBe(true);
  });

  it('Terway with unknown mode: enforced, assuming shared ENI', () => {
    const e = networkPolicyEnforcement(facts({ cni: terway }), pod, []);
    expect(e.enforced).toBe(true);
    expect(e.assumption).toContain('assumed shared ENI');
  });

  it('Flannel without a policy engine: not enforced', () => {
    const e = networkPolicyEnforcement(facts({ cni: flannel }), pod, [daemonSet('kube-flannel-ds')]);
    expect(e.enforced).toBe(false);
  });

  it('Flannel with no kube-system DaemonSets in the snapshot: unknown', () => {
    expect(networkPolicyEnforcement(facts({ cni: flannel }), pod, []).enforced).toBe('unknown');
  });

  it('Flannel with calico-node enforces with upstream ipBlock semantics; with cilium, without', () => {
    const calico = networkPolicyEnforcement(facts({ cni: flannel }), pod, [
      daemonSet('kube-flannel-ds'),
      daemonSet('calico-node'),
    ]);
    expect(calico).toMatchObject({ enforced: true, ipBlockMatchesPods: true, engine: 'Calico' });
    expect(calico.evidence).toContain('DaemonSet kube-system/calico-node exists');
    const cilium = networkPolicyEnforcement(facts({ cni: flannel }), pod, [daemonSet('cilium')]);
    expect(cilium).toMatchObject({ enforced: true, ipBlockMatchesPods: false, engine: 'Cilium' });
  });

  it('a calico-node DaemonSet outside kube-system is not taken as the engine', () => {
    expect(
      networkPolicyEnforcement(facts({ cni: flannel }), pod, [
        daemonSet('kube-flannel-ds'),
        daemonSet('calico-node', 'default'),
      ]).enforced,
    ).toBe(false);
  });
});
