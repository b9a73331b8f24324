/**
 * Hand-worked expectations on a small shop: every answer below was derived by hand from the rules in
 * netpol-semantics.md (isolation per direction, union of rules, both sides needed, named ports on the
 * destination, endPort inclusive, host-network pods as node addresses) and the ACK enforcement facts.
 */
import { describe, expect, it } from 'vitest';
import { type ClusterFacts, unknownClusterFacts } from '../../model/cluster-facts.js';
import { known } from '../../model/fact.js';
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  NetworkPolicy,
  NetworkPolicyRule,
  Node,
  Pod,
  Workload,
} from '../../model/kubernetes.js';
import type { PolicySnapshot } from './enforcement.js';
import { buildPolicyPairs } from './policy-pairs.js';

const origin = { file: 'shop.yaml', path: '' };
const sel = (matchLabels: Labels = {}): LabelSelector => ({ matchLabels, matchExpressions: [] });

function pod(ref: string, labels: Labels, ip: string, port: ContainerPort, extra: Partial<Pod> = {}): Pod {
  const [namespace = '', name = ''] = ref.split('/');
  return {
    namespace,
    name,
    labels,
    annotations: {},
    hostNetwork: false,
    ips: [ip],
    phase: 'Running',
    dnsPolicy: 'ClusterFirst',
    containerPorts: [port],
    nodeName: 'n1',
    origin,
    ...extra,
  };
}

function policy(
  ref: string,
  podSelector: LabelSelector,
  types: ('Ingress' | 'Egress')[],
  rules: { ingress?: NetworkPolicyRule[]; egress?: NetworkPolicyRule[] } = {},
): NetworkPolicy {
  const [namespace = '', name = ''] = ref.split('/');
  return {
    namespace,
    name,
    podSelector,
    policyTypes: types,
    policyTypesExplicit: true,
    ingress: rules.ingress ?? [],
    egress: rules.egress ?? [],
    origin,
  };
}

const rule = (peers: NetworkPolicyRule['peers'], ports: NetworkPolicyRule['ports']): NetworkPolicyRule => ({
  peers,
  ports,
  origin,
});

const web = pod('shop/web', { app: 'web' }, '10.1.0.1', {
  name: 'http',
  containerPort: 8080,
  protocol: 'tcp',
});
const db = pod('shop/db', { app: 'db' }, '10.1.0.2', { name: 'pg', containerPort: 5432, protocol: 'tcp' });
const mon = pod('ops/mon', { app: 'mon' }, '10.2.0.1', { containerPort: 9090, protocol: 'tcp' });
const agent = pod(
  'ops/agent',
  { app: 'agent' },
  '10.0.0.9',
  { containerPort: 9100, protocol: 'tcp' },
  {
    hostNetwork: true,
    hostIP: '10.0.0.9',
  },
);
const pending = pod(
  'shop/pending',
  { app: 'web' },
  '10.1.0.3',
  { containerPort: 8080, protocol: 'tcp' },
  {
    phase: 'Pending',
  },
);

const shopPolicies: NetworkPolicy[] = [
  policy('shop/deny-all', sel(), ['Ingress', 'Egress']),
  policy('shop/db-from-web', sel({ app: 'db' }), ['Ingress'], {
    ingress: [rule([{ podSelector: sel({ app: 'web' }) }], [{ protocol: 'tcp', port: 'pg' }])],
  }),
  policy('shop/web-egress', sel({ app: 'web' }), ['Egress'], {
    egress: [rule([{ podSelector: sel({ app: 'db' }) }], [{ protocol: 'tcp', port: 5000, endPort: 6000 }])],
  }),
  policy('shop/web-from-ops', sel({ app: 'web' }), ['Ingress'], {
    ingress: [rule([{ namespaceSelector: sel({ team: 'blue' }) }], [{ protocol: 'tcp', port: 8080 }])],
  }),
];

const nodes: Node[] = [
  { name: 'n1', labels: {}, annotations: {}, internalIPs: [], externalIPs: [], podCIDRs: [], origin },
  {
    name: 'n-excl',
    labels: { 'k8s.aliyun.com/exclusive-mode-eni-type': 'eniOnly' },
    annotations: {},
    internalIPs: [],
    externalIPs: [],
    podCIDRs: [],
    origin,
  },
];

function snapshot(
  pods: Pod[],
  networkPolicies: NetworkPolicy[],
  facts: ClusterFacts = unknownClusterFacts('add: it'),
  workloads: Workload[] = [],
): PolicySnapshot {
  return {
    facts,
    kubernetes: {
      namespaces: [
        { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'red' }, origin },
        { name: 'ops', labels: { 'kubernetes.io/metadata.name': 'ops', team: 'blue' }, origin },
      ],
      pods,
      nodes,
      services: [],
      endpointSlices: [],
      networkPolicies,
      configMaps: [],
      workloads,
      podNetworkings: [],
      podEips: [],
    },
  };
}

const REFS = ['shop/web', 'shop/db', 'ops/mon', 'ops/agent'];

/** The allowed (source → destination) pairs on the destination's declared port. */
function allowedPairs(s: PolicySnapshot): string[] {
  const pairs = buildPolicyPairs(s);
  const out: string[] = [];
  for (const from of REFS) {
    for (const to of REFS) {
      const [fns = '', fname = ''] = from.split('/');
      const [tns = '', tname = ''] = to.split('/');
      const i = pairs.indexOf(fns, fname) as number;
      const j = pairs.indexOf(tns, tname) as number;
      if (pairs.allowed(i, j)) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('buildPolicyPairs', () => {
  const shop = snapshot([web, db, mon, agent, pending], shopPolicies);

  it('takes Running pods with an IP, host-network pods included', () => {
    const pairs = buildPolicyPairs(shop);
    expect(pairs.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(REFS);
    expect(pairs.indexOf('shop', 'pending')).toBeUndefined();
    expect(pairs.portsOf(0)).toEqual([{ protocol: 'tcp', port: 8080 }]);
  });

  it('answers the shop matrix on declared ports (CNI unknown: enforced, upstream semantics)', () => {
    expect(allowedPairs(shop)).toEqual([
      // web's egress reaches db on 5000-6000 and db admits web on its named port pg = 5432.
      'shop/web -> shop/db',
      // ops is not isolated; web admits namespaces labelled team=blue on 8080.
      'ops/mon -> shop/web',
      'ops/mon -> ops/mon',
      // the agent uses the host network: never restricted itself, and reached by ops/mon (ops has no policies).
      'ops/mon -> ops/agent',
      'ops/agent -> ops/mon',
      'ops/agent -> ops/agent',
    ]);
  });

  it('counts the same pairs over classes', () => {
    expect(buildPolicyPairs(shop).count()).toEqual({
      pods: 4,
      podPairs: 16,
      portPairs: 16,
      allowedPortPairs: 6,
      unknownPortPairs: 0,
      allowedPairs: 6,
      unknownPairs: 0,
      podsWithoutPorts: 0,
    });
  });

  it('counts allowed pairs per namespace pair', () => {
    expect(buildPolicyPairs(shop).namespaceMatrix()).toEqual({
      namespaces: ['ops', 'shop'],
      pods: [2, 2],
      // ops → ops: mon → mon, mon → agent, agent → mon, agent → agent; ops → shop: mon → web;
      // shop → shop: web → db; shop → ops: none (web's egress reaches only db, db's egress nothing).
      allowedPairs: [
        [4, 1],
        [0, 1],
      ],
      unknownPairs: [
        [0, 0],
        [0, 0],
      ],
    });
  });

  it('answers ports the destination does not declare, named ports on the destination, endPort inclusive', () => {
    const pairs = buildPolicyPairs(shop);
    const [w, d, m] = [0, 1, 2];
    expect(pairs.verdict(w, d, { protocol: 'tcp', port: 5432 })).toBe('allow');
    // 6000 is inside web's egress range but db admits only its named port pg (5432).
    expect(pairs.verdict(w, d, { protocol: 'tcp', port: 6000 })).toBe('deny');
    expect(pairs.verdict(m, w, { protocol: 'udp', port: 8080 })).toBe('deny');
    expect(pairs.verdict(m, w, { protocol: 'tcp', port: 8080 })).toBe('allow');
    // The host-network agent is a node address to web's ingress: a namespaceSelector never matches it.
    expect(pairs.verdict(3, w, { protocol: 'tcp', port: 8080 })).toBe('deny');
    expect(pairs.allowed(m, w, { protocol: 'icmp', port: null })).toBe(false);
    expect(() => pairs.verdict(0, 9, { protocol: 'tcp', port: 80 })).toThrow(RangeError);
  });

  it('reports a deny as unknown where enforcement is unknown (Flannel, no kube-system DaemonSets)', () => {
    const facts: ClusterFacts = { ...unknownClusterFacts('add: it'), cni: known('flannel', 'test') };
    const pairs = buildPolicyPairs(snapshot([web, db, mon, agent], shopPolicies, facts));
    const [w, d, m] = [0, 1, 2];
    expect(pairs.verdict(d, w, { protocol: 'tcp', port: 8080 })).toBe('unknown');
    expect(pairs.verdict(m, d, { protocol: 'tcp', port: 5432 })).toBe('unknown');
    expect(pairs.verdict(w, d, { protocol: 'tcp', port: 5432 })).toBe('allow');
    expect(pairs.count()).toMatchObject({ allowedPairs: 6, unknownPairs: 10 });
  });

  it('does not restrict a pod on an exclusive-ENI node (ACK), nor anything when Flannel has no policy engine', () => {
    const terway: ClusterFacts = {
      ...unknownClusterFacts('add: it'),
      cni: known('terway', 'test'),
      terwayMode: known('shared-eni-veth', 'test'),
    };
    const dbExclusive = { ...db, nodeName: 'n-excl' };
    const pairs = buildPolicyPairs(snapshot([web, dbExclusive, mon, agent], shopPolicies, terway));
    expect(pairs.verdict(2, 1, { protocol: 'tcp', port: 5432 })).toBe('allow');
    // db's egress is open now, but web still admits only team=blue namespaces.
    expect(pairs.verdict(1, 0, { protocol: 'tcp', port: 8080 })).toBe('deny');

    const flannel: ClusterFacts = { ...unknownClusterFacts('add: it'), cni: known('flannel', 'test') };
    const flannelDs: Workload = {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'kube-flannel-ds',
      labels: {},
      containers: [],
      origin,
    };
    const open = buildPolicyPairs(snapshot([web, db, mon, agent], shopPolicies, flannel, [flannelDs]));
    expect(open.count()).toMatchObject({ allowedPairs: 16 });
  });

  it('matches ipBlocks against pod IPs (any IP, except excluded) unless the datapath is Cilium-based', () => {
    const monEgress = policy('ops/mon-egress', sel({ app: 'mon' }), ['Egress'], {
      egress: [rule([{ ipBlock: { cidr: '10.1.0.0/24', except: ['10.1.0.2/32'] } }], [])],
    });
    const s = snapshot([web, db, mon], [monEgress]);
    const upstream = buildPolicyPairs(s, {
      enforcementOf: () => ({ enforced: true, ipBlockMatchesPods: true }),
    });
    expect(upstream.verdict(2, 0, { protocol: 'tcp', port: 8080 })).toBe('allow');
    expect(upstream.verdict(2, 1, { protocol: 'tcp', port: 5432 })).toBe('deny');
    expect(upstream.verdict(2, 2, { protocol: 'tcp', port: 9090 })).toBe('deny');
    const cilium = buildPolicyPairs(s, {
      enforcementOf: () => ({ enforced: true, ipBlockMatchesPods: false }),
    });
    expect(cilium.verdict(2, 0, { protocol: 'tcp', port: 8080 })).toBe('deny');
  });

  it('tells a label that is absent from one with another value (Exists), and folds other values', () => {
    const a = pod('shop/a', { role: 'x' }, '10.1.0.5', { containerPort: 80, protocol: 'tcp' });
    const b = pod('shop/b', {}, '10.1.0.6', { containerPort: 80, protocol: 'tcp' });
    const c = pod('shop/c', { role: 'y' }, '10.1.0.7', { containerPort: 80, protocol: 'tcp' });
    const target = pod('shop/t', { app: 't' }, '10.1.0.8', { containerPort: 80, protocol: 'tcp' });
    const exists = policy('shop/t-from-role', sel({ app: 't' }), ['Ingress'], {
      ingress: [
        rule(
          [
            {
              podSelector: {
                matchLabels: {},
                matchExpressions: [{ key: 'role', operator: 'Exists', values: [] }],
              },
            },
          ],
          [],
        ),
      ],
    });
    const pairs = buildPolicyPairs(snapshot([a, b, c, target], [exists]));
    expect([0, 1, 2].map((i) => pairs.verdict(i, 3, { protocol: 'tcp', port: 80 }))).toEqual([
      'allow',
      'deny',
      'allow',
    ]);
    // a and c differ only in a value no selector names: one peer class.
    expect(pairs.peerClassOf[0]).toBe(pairs.peerClassOf[2]);
    expect(pairs.peerClassOf[0]).not.toBe(pairs.peerClassOf[1]);
  });

  it('asks the fallback ports of a destination that declares none, and none by default', () => {
    const bare = { ...mon, containerPorts: [] };
    expect(buildPolicyPairs(snapshot([web, bare], shopPolicies)).count()).toMatchObject({
      podsWithoutPorts: 1,
      portPairs: 2,
    });
    const withFallback = buildPolicyPairs(snapshot([web, bare], shopPolicies), {
      portsWhenNoneDeclared: [{ protocol: 'tcp', port: 80 }],
    });
    expect(withFallback.portsOf(1)).toEqual([{ protocol: 'tcp', port: 80 }]);
    // mon → web on 8080 (team=blue) and mon → mon on 80 (ops not isolated); web's egress reaches only db.
    expect(withFallback.count()).toMatchObject({ podsWithoutPorts: 0, portPairs: 4, allowedPairs: 2 });
  });
});
