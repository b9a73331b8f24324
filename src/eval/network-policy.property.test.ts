/**
 * Property tests: the evaluator against a naive transcription of the API reference, over random policies in a
 * small universe (namespaces x/y, pods a/b/c, ports 80/81, TCP/UDP, two ipBlocks).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type {
  LabelSelector,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Pod,
} from '../model/kubernetes.js';
import type { Protocol } from '../model/protocol.js';
import { matchesSelector } from './label-selector.js';
import { evaluateEgress, evaluateIngress, type PolicyContext } from './network-policy.js';

const origin = { file: 'prop.yaml', path: '' };
const NAMESPACES = ['x', 'y'] as const;
const POD_NAMES = ['a', 'b', 'c'] as const;
const IP: Record<string, string> = {
  'x/a': '10.0.1.1',
  'x/b': '10.0.1.2',
  'x/c': '10.0.1.3',
  'y/a': '10.0.2.1',
  'y/b': '10.0.2.2',
  'y/c': '10.0.2.3',
};
const pods: Pod[] = NAMESPACES.flatMap((ns) =>
  POD_NAMES.map((name) => ({
    namespace: ns,
    name,
    labels: name === 'c' ? { pod: name } : { pod: name, tier: name === 'a' ? 'front' : 'back' },
    annotations: {},
    hostNetwork: false,
    ips: [IP[`${ns}/${name}`] ?? ''],
    dnsPolicy: 'ClusterFirst' as const,
    // Pod b names its port 81 "web"; the others name port 80 "web": named ports depend on the destination.
    containerPorts: [
      { name: 'web', containerPort: name === 'b' ? 81 : 80, protocol: 'tcp' as const },
      { name: 'dns', containerPort: 80, protocol: 'udp' as const },
    ],
    origin,
  })),
);
const nsLabels = (ns: string): Labels => ({
  'kubernetes.io/metadata.name': ns,
  team: ns === 'x' ? 'red' : 'blue',
});

const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({ matchLabels: {}, matchExpressions: [] }),
  fc.record({
    matchLabels: fc.constantFrom({ pod: 'a' }, { pod: 'b' }, { tier: 'back' }),
    matchExpressions: fc.constant([]),
  }),
  fc.record({
    matchLabels: fc.constant({}),
    matchExpressions: fc.constantFrom(
      [{ key: 'tier', operator: 'DoesNotExist' as const, values: [] }],
      [{ key: 'pod', operator: 'NotIn' as const, values: ['a'] }],
    ),
  }),
);
const nsSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({ matchLabels: {}, matchExpressions: [] }),
  fc.record({
    matchLabels: fc.constantFrom({ team: 'red' }, { 'kubernetes.io/metadata.name': 'y' }),
    matchExpressions: fc.constant([]),
  }),
);
const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
  fc.record({
    ipBlock: fc.constantFrom(
      { cidr: '10.0.0.0/16', except: ['10.0.2.0/24'] },
      { cidr: '10.0.2.2/31', except: [] },
    ),
  }),
);
const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom<Protocol>('tcp', 'udp') }),
  fc.record({
    protocol: fc.constantFrom<Protocol>('tcp', 'udp'),
    port: fc.constantFrom(80, 81, 'web', 'dns'),
  }),
  fc.record({
    protocol: fc.constant<Protocol>('tcp'),
    port: fc.constant(79),
    endPort: fc.constantFrom(80, 81),
  }),
);
const ruleArb: fc.Arbitrary<NetworkPolicyRule> = fc.record({
  peers: fc.array(peerArb, { maxLength: 2 }),
  ports: fc.array(portArb, { maxLength: 2 }),
  origin: fc.constant(origin),
});
const policyArb: fc.Arbitrary<NetworkPolicy> = fc.record({
  namespace: fc.constantFrom('x', 'y'),
  name: fc.constantFrom('p1', 'p2', 'p3'),
  podSelector: selectorArb,
  policyTypes: fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  policyTypesExplicit: fc.constant(true),
  ingress: fc.array(ruleArb, { maxLength: 2 }),
  egress: fc.array(ruleArb, { maxLength: 2 }),
  origin: fc.constant(origin),
});
/** Policies with distinct namespace/name, as the API server (and the loader) guarantees. */
const policiesArb = (maxLength: number) =>
  fc.uniqueArray(policyArb, { maxLength, selector: (p) => `${p.namespace}/${p.name}` });
const podArb = fc.constantFrom(...pods);
const probeArb = fc.record({
  protocol: fc.constantFrom<Protocol>('tcp', 'udp'),
  port: fc.constantFrom(79, 80, 81),
});

// --- Naive reference, transcribed from the NetworkPolicySpec / NetworkPolicyPeer / NetworkPolicyPort docs. ---
function naiveAllowed(
  policies: NetworkPolicy[],
  subject: Pod,
  peer: Pod,
  direction: 'Ingress' | 'Egress',
  protocol: Protocol,
  port: number,
): boolean {
  const selecting = policies.filter(
    (p) =>
      p.namespace === subject.namespace &&
      matchesSelector(p.podSelector, subject.labels) &&
      p.policyTypes.includes(direction),
  );
  if (selecting.length === 0) return true;
  const destination = direction === 'Ingress' ? subject : peer;
  return selecting.some((p) =>
    (direction === 'Ingress' ? p.ingress : p.egress).some((rule) => {
      const peerOk =
        rule.peers.length === 0 ||
        rule.peers.some((pp) => {
          if (pp.ipBlock) {
            const ip = peer.ips[0] ?? '';
            const inRange = (cidr: string) => {
              const [net, bits] = cidr.split('/');
              const toNum = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
              const size = 2 ** (32 - Number(bits));
              return Math.floor(toNum(ip) / size) === Math.floor(toNum(net ?? '') / size);
            };
            return inRange(pp.ipBlock.cidr) && !pp.ipBlock.except.some(inRange);
          }
          const nsOk = pp.namespaceSelector
            ? matchesSelector(pp.namespaceSelector, nsLabels(peer.namespace))
            : peer.namespace === p.namespace;
          const podOk = pp.podSelector ? matchesSelector(pp.podSelector, peer.labels) : true;
          return nsOk && podOk;
        });
      const portOk =
        rule.ports.length === 0 ||
        rule.ports.some((pt) => {
          if (pt.protocol !== protocol) return false;
          if (pt.port === undefined) return true;
          if (typeof pt.port === 'string') {
            return destination.containerPorts.some(
              (c) => c.name === pt.port && c.protocol === protocol && c.containerPort === port,
            );
          }
          return port >= pt.port && port <= (pt.endPort ?? pt.port);
        });
      return peerOk && portOk;
    }),
  );
}

const ctxOf = (policies: NetworkPolicy[]): PolicyContext => ({ policies, ipBlockMatchesPods: true });

describe('NetworkPolicy evaluation (property tests)', () => {
  it('ingress agrees with the naive transcription of the API reference', () => {
    fc.assert(
      fc.property(policiesArb(4), podArb, podArb, probeArb, (policies, dst, src, probe) => {
        const got = evaluateIngress(
          ctxOf(policies),
          dst,
          nsLabels(dst.namespace),
          { kind: 'pod', pod: src, namespaceLabels: nsLabels(src.namespace) },
          probe.protocol,
          probe.port,
        );
        return (
          (got.verdict === 'allow') ===
          naiveAllowed(policies, dst, src, 'Ingress', probe.protocol, probe.port)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('egress agrees with the naive transcription of the API reference', () => {
    fc.assert(
      fc.property(policiesArb(4), podArb, podArb, probeArb, (policies, src, dst, probe) => {
        const got = evaluateEgress(
          ctxOf(policies),
          src,
          nsLabels(src.namespace),
          { kind: 'pod', pod: dst, namespaceLabels: nsLabels(dst.namespace) },
          probe.protocol,
          probe.port,
        );
        return (
          (got.verdict === 'allow') === naiveAllowed(policies, src, dst, 'Egress', probe.protocol, probe.port)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('the decision does not depend on the order policies are listed in', () => {
    fc.assert(
      fc.property(policiesArb(4), podArb, podArb, probeArb, (policies, dst, src, probe) => {
        const peer = { kind: 'pod' as const, pod: src, namespaceLabels: nsLabels(src.namespace) };
        const a = evaluateIngress(
          ctxOf(policies),
          dst,
          nsLabels(dst.namespace),
          peer,
          probe.protocol,
          probe.port,
        );
        const b = evaluateIngress(
          ctxOf([...policies].reverse()),
          dst,
          nsLabels(dst.namespace),
          peer,
          probe.protocol,
          probe.port,
        );
        return a.verdict === b.verdict && a.reason === b.reason;
      }),
    );
  });

  it('once a pod is isolated, adding a policy never takes an allow away (allows are unioned)', () => {
    fc.assert(
      fc.property(policiesArb(3), policyArb, podArb, podArb, probeArb, (policies, extra, dst, src, probe) => {
        const peer = { kind: 'pod' as const, pod: src, namespaceLabels: nsLabels(src.namespace) };
        const before = evaluateIngress(
          ctxOf(policies),
          dst,
          nsLabels(dst.namespace),
          peer,
          probe.protocol,
          probe.port,
        );
        const after = evaluateIngress(
          ctxOf([...policies, extra]),
          dst,
          nsLabels(dst.namespace),
          peer,
          probe.protocol,
          probe.port,
        );
        return !(before.isolated && before.verdict === 'allow' && after.verdict === 'deny');
      }),
    );
  });

  it('a deny always names its isolating policies and a closest rule; an allow of an isolated pod names its rule', () => {
    fc.assert(
      fc.property(policiesArb(4), podArb, podArb, probeArb, (policies, dst, src, probe) => {
        const d = evaluateIngress(
          ctxOf(policies),
          dst,
          nsLabels(dst.namespace),
          { kind: 'pod', pod: src, namespaceLabels: nsLabels(src.namespace) },
          probe.protocol,
          probe.port,
        );
        if (d.verdict === 'deny') return d.isolatingPolicies.length > 0 && d.closest !== undefined;
        return !d.isolated || d.allowedBy !== undefined;
      }),
    );
  });
});
