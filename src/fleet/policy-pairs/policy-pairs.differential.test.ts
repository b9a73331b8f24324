/**
 * Differential: the class tables against the plain path (direct-verdict.ts: src/eval's evaluateEgress /
 * evaluateIngress per pair, with networkPolicyEnforcement per pod as the engine's policy hops read it) on random
 * small clusters — namespaces with and without labels (and one missing from the snapshot), pods with several IPs,
 * host network, named ports declared twice, nodes in exclusive-ENI pools, every selector operator, ipBlocks with
 * excepts (IPv4 and IPv6), named ports, port ranges, all protocols, and every enforcement fact (CNI unknown,
 * Flannel with and without a policy engine, Terway modes, disable_network_policy). Every pair is asked on the
 * destination's declared ports and on ports it does not declare.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClusterFacts, unknownClusterFacts } from '../../model/cluster-facts.js';
import { known } from '../../model/fact.js';
import type {
  KubernetesObjects,
  LabelSelector,
  LabelSelectorRequirement,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Node,
  Pod,
  Workload,
} from '../../model/kubernetes.js';
import type { Protocol } from '../../model/protocol.js';
import { directPolicyVerdict } from './direct-verdict.js';
import type { PolicySnapshot } from './enforcement.js';
import { buildPolicyPairs, type PortQuery } from './policy-pairs.js';
import type { PodEnforcement } from './subject-classes.js';

const origin = { file: 'diff.yaml', path: '' };
const NAMESPACES = ['x', 'y', 'z', 'w'] as const; // w has pods but no Namespace object
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];
const IPS = [
  '10.0.1.1',
  '10.0.1.2',
  '10.0.2.1',
  '10.0.2.9',
  '192.168.0.5',
  'fd00::1',
  'fd00::2:1',
  '172.16.0.1',
];
const EXTRA_QUESTIONS: readonly PortQuery[] = [
  { protocol: 'tcp', port: 80 },
  { protocol: 'tcp', port: 81 },
  { protocol: 'udp', port: 53 },
  { protocol: 'sctp', port: 80 },
  { protocol: 'tcp', port: 8080 },
  { protocol: 'icmp', port: null },
];

const keyArb = fc.constantFrom('app', 'tier', 'legacy');
const valueArb = fc.constantFrom('a', 'b', 'front', '');
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 3 });
const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.record({
  key: keyArb,
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.uniqueArray(valueArb, { maxLength: 2 }),
});
const selectorArb: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(keyArb, valueArb, { maxKeys: 1 }),
  matchExpressions: fc.array(requirementArb, { maxLength: 1 }),
});
const nsSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({ matchLabels: {}, matchExpressions: [] }),
  fc.record({
    matchLabels: fc.constantFrom({ team: 'red' }, { 'kubernetes.io/metadata.name': 'w' }, { team: 'blue' }),
    matchExpressions: fc.constant([]),
  }),
  fc.record({
    matchLabels: fc.constant({}),
    matchExpressions: fc.constantFrom(
      [{ key: 'team', operator: 'DoesNotExist' as const, values: [] }],
      [{ key: 'team', operator: 'NotIn' as const, values: ['red'] }],
    ),
  }),
);
const ipBlockArb = fc.constantFrom(
  { cidr: '10.0.0.0/16', except: ['10.0.2.0/24'] },
  { cidr: '10.0.1.2/31', except: [] },
  { cidr: '10.0.2.9/24', except: ['10.0.2.9/32'] },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
  { cidr: 'fd00::/16', except: ['fd00::2:0/112'] },
  { cidr: 'not-a-cidr', except: [] },
);
const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.constant({}),
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
  fc.record({ ipBlock: ipBlockArb }),
  fc.record({ ipBlock: ipBlockArb, podSelector: selectorArb }),
);
const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS) }),
  fc.record({
    protocol: fc.constantFrom(...PROTOCOLS),
    port: fc.constantFrom(53, 80, 81, 'web', 'dns', 'metrics'),
  }),
  fc.record({
    protocol: fc.constantFrom(...PROTOCOLS),
    port: fc.constantFrom(79, 80),
    endPort: fc.constantFrom(80, 81, 8080),
  }),
);
const ruleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record({
  peers: fc.array(peerArb, { maxLength: 2 }),
  ports: fc.array(portArb, { maxLength: 2 }),
  origin: fc.constant(origin),
});
const policyArb: fc.Arbitrary<NetworkPolicy> = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  name: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
  podSelector: selectorArb,
  policyTypes: fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  policyTypesExplicit: fc.constant(true),
  ingress: fc.array(ruleArb, { maxLength: 2 }),
  egress: fc.array(ruleArb, { maxLength: 2 }),
  origin: fc.constant(origin),
});
const containerPortArb = fc.record(
  {
    name: fc.constantFrom('web', 'dns', 'metrics'),
    containerPort: fc.constantFrom(53, 80, 81, 8080),
    protocol: fc.constantFrom(...PROTOCOLS),
  },
  { requiredKeys: ['containerPort', 'protocol'] },
);
const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: labelsArb,
  hostNetwork: fc.constantFrom(true, false, false, false, false),
  ips: fc.uniqueArray(fc.constantFrom(...IPS), { maxLength: 2 }),
  hostIP: fc.option(fc.constantFrom('10.0.1.2', '172.16.0.1', '192.168.0.5'), { nil: undefined }),
  nodeName: fc.option(fc.constantFrom('n1', 'n2', 'n3', 'gone'), { nil: undefined }),
  phase: fc.constantFrom('Running', 'Running', 'Pending'),
  containerPorts: fc.array(containerPortArb, { maxLength: 3 }),
});
const namespaceLabelsArb = fc.record({ team: fc.constantFrom('red', 'blue') }, { requiredKeys: [] });

function fact<T>(value: T | undefined) {
  return value === undefined
    ? unknownClusterFacts('add: it').cni
    : known(value, `test says ${String(value)}`);
}

const factsArb: fc.Arbitrary<{ facts: ClusterFacts; workloads: Workload[] }> = fc
  .record({
    cni: fc.constantFrom<'terway' | 'flannel' | undefined>('terway', 'flannel', undefined),
    mode: fc.constantFrom<'exclusive-eni' | 'shared-eni-veth' | 'ipvlan-ebpf' | 'datapathv2' | undefined>(
      'shared-eni-veth',
      'ipvlan-ebpf',
      'datapathv2',
      'exclusive-eni',
      undefined,
    ),
    disabled: fc.constantFrom<boolean | undefined>(true, false, undefined),
    daemonSets: fc.constantFrom<string[]>([], ['kube-flannel-ds'], ['calico-node'], ['cilium', 'kube-proxy']),
  })
  .map(({ cni, mode, disabled, daemonSets }) => ({
    facts: {
      ...unknownClusterFacts('add: it'),
      cni: fact(cni),
      terwayMode: fact(mode),
      networkPolicyDisabled: fact(disabled),
    } as ClusterFacts,
    workloads: daemonSets.map((name) => ({
      kind: 'DaemonSet' as const,
      namespace: 'kube-system',
      name,
      labels: {},
      containers: [],
      origin,
    })),
  }));

const nodes: Node[] = ['n1', 'n2', 'n3'].map((name) => ({
  name,
  labels: name === 'n2' ? { 'k8s.aliyun.com/exclusive-mode-eni-type': 'eniOnly' } : {},
  annotations: {},
  internalIPs: [],
  externalIPs: [],
  podCIDRs: [],
  origin,
}));

const clusterArb = fc
  .record({
    namespaceLabels: fc.tuple(namespaceLabelsArb, namespaceLabelsArb, namespaceLabelsArb),
    pods: fc.array(podArb, { minLength: 1, maxLength: 7 }),
    policies: fc.uniqueArray(policyArb, { maxLength: 5, selector: (p) => `${p.namespace}/${p.name}` }),
    enforcement: factsArb,
  })
  .map(({ namespaceLabels, pods, policies, enforcement }): PolicySnapshot => {
    const namespaces: Namespace[] = (['x', 'y', 'z'] as const).map((name, i) => ({
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...namespaceLabels[i] },
      origin,
    }));
    const podObjects: Pod[] = pods.map((p, i) => ({
      namespace: p.namespace,
      name: `pod${i}`,
      labels: p.labels,
      annotations: {},
      hostNetwork: p.hostNetwork,
      ips: p.ips,
      ...(p.hostIP === undefined ? {} : { hostIP: p.hostIP }),
      ...(p.nodeName === undefined ? {} : { nodeName: p.nodeName }),
      phase: p.phase,
      dnsPolicy: 'ClusterFirst',
      containerPorts: p.containerPorts,
      origin,
    }));
    const kubernetes: KubernetesObjects = {
      namespaces,
      pods: podObjects,
      nodes,
      services: [],
      endpointSlices: [],
      networkPolicies: policies,
      configMaps: [],
      workloads: enforcement.workloads,
      podNetworkings: [],
      podEips: [],
    };
    return { kubernetes, facts: enforcement.facts };
  });

function mismatches(snapshot: PolicySnapshot, enforcementOf?: (pod: Pod) => PodEnforcement): string[] {
  const options = {
    includePod: () => true,
    ...(enforcementOf === undefined ? {} : { enforcementOf }),
  };
  const pairs = buildPolicyPairs(snapshot, options);
  const out: string[] = [];
  const pods = pairs.pods;
  let allowedPairs = 0;
  let allowedPortPairs = 0;
  let unknownPairs = 0;
  let unknownPortPairs = 0;
  for (const [i, p] of pods.entries()) {
    for (const [j, q] of pods.entries()) {
      let anyAllowed = false;
      let anyUnknown = false;
      for (const port of pairs.portsOf(j)) {
        const direct = directPolicyVerdict(snapshot, p, q, port, enforcementOf);
        if (direct === 'allow') {
          anyAllowed = true;
          allowedPortPairs++;
        } else if (direct === 'unknown') {
          anyUnknown = true;
          unknownPortPairs++;
        }
      }
      if (anyAllowed) allowedPairs++;
      else if (anyUnknown) unknownPairs++;
      if (pairs.allowed(i, j) !== anyAllowed) out.push(`${p.name} -> ${q.name}: allowed() ${!anyAllowed}`);
      for (const port of [...pairs.portsOf(j), ...EXTRA_QUESTIONS]) {
        const direct = directPolicyVerdict(snapshot, p, q, port, enforcementOf);
        const fast = pairs.verdict(i, j, port);
        if (fast !== direct)
          out.push(`${p.name} -> ${q.name} ${port.protocol}/${port.port}: classes ${fast}, direct ${direct}`);
      }
    }
  }
  const byNamespace = pairs.namespaceMatrix();
  for (const [a, from] of byNamespace.namespaces.entries()) {
    for (const [b, to] of byNamespace.namespaces.entries()) {
      let allowed = 0;
      let unknown = 0;
      for (const p of pods.filter((x) => x.namespace === from)) {
        for (const [j, q] of pods.entries()) {
          if (q.namespace !== to) continue;
          const verdicts = pairs
            .portsOf(j)
            .map((port) => directPolicyVerdict(snapshot, p, q, port, enforcementOf));
          if (verdicts.includes('allow')) allowed++;
          else if (verdicts.includes('unknown')) unknown++;
        }
      }
      const got = [byNamespace.allowedPairs[a]?.[b], byNamespace.unknownPairs[a]?.[b]];
      if (got[0] !== allowed || got[1] !== unknown)
        out.push(`${from} -> ${to}: ${got} vs ${[allowed, unknown]}`);
    }
  }
  const counts = pairs.count();
  if (counts.allowedPairs !== allowedPairs)
    out.push(`allowedPairs ${counts.allowedPairs} vs ${allowedPairs}`);
  if (counts.unknownPairs !== unknownPairs)
    out.push(`unknownPairs ${counts.unknownPairs} vs ${unknownPairs}`);
  if (counts.unknownPortPairs !== unknownPortPairs) {
    out.push(`unknownPortPairs ${counts.unknownPortPairs} vs ${unknownPortPairs}`);
  }
  if (counts.allowedPortPairs !== allowedPortPairs) {
    out.push(`allowedPortPairs ${counts.allowedPortPairs} vs ${allowedPortPairs}`);
  }
  return out;
}

describe('policy pairs against direct evaluation', () => {
  it('agrees on every pair and port, with the snapshot ACK enforcement', () => {
    fc.assert(
      fc.property(clusterArb, (snapshot) => {
        expect(mismatches(snapshot)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('agrees with policies enforced everywhere, for both ipBlock semantics', () => {
    fc.assert(
      fc.property(clusterArb, fc.boolean(), (snapshot, ipBlockMatchesPods) => {
        expect(mismatches(snapshot, () => ({ enforced: true, ipBlockMatchesPods }))).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);
});
