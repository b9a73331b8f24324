import { describe, expect, it } from 'vitest';
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Pod,
} from '../model/kubernetes.js';
import {
  evaluateEgress,
  evaluateIngress,
  isolatingPoliciesFor,
  type PolicyContext,
  type PolicyPeer,
} from './network-policy.js';

const origin = { file: 'test.yaml', path: '' };
const sel = (matchLabels: Record<string, string> = {}): LabelSelector => ({
  matchLabels,
  matchExpressions: [],
});
const nsLabels = (name: string, extra: Record<string, string> = {}): Labels => ({
  'kubernetes.io/metadata.name': name,
  ...extra,
});

function pod(namespace: string, name: string, opts: Partial<Pod> = {}): Pod {
  const ports: ContainerPort[] = [
    { name: 'serve-80-tcp', containerPort: 80, protocol: 'tcp' },
    { name: 'serve-80-udp', containerPort: 80, protocol: 'udp' },
    { name: 'serve-81-tcp', containerPort: 81, protocol: 'tcp' },
    { name: 'serve-81-udp', containerPort: 81, protocol: 'udp' },
  ];
  return {
    namespace,
    name,
    labels: { pod: name },
    annotations: {},
    hostNetwork: false,
    ips: ['10.0.0.1'],
    dnsPolicy: 'ClusterFirst',
    containerPorts: ports,
    origin,
    ...opts,
  };
}

const rule = (peers: NetworkPolicyPeer[] = [], ports: NetworkPolicyPort[] = []): NetworkPolicyRule => ({
  peers,
  ports,
  origin,
});

function policy(
  namespace: string,
  name: string,
  spec: {
    podSelector?: LabelSelector;
    ingress?: NetworkPolicyRule[];
    egress?: NetworkPolicyRule[];
    types?: ('Ingress' | 'Egress')[];
  },
): NetworkPolicy {
  const types = spec.types ?? (spec.egress === undefined ? ['Ingress'] : ['Ingress', 'Egress']);
  return {
    namespace,
    name,
    podSelector: spec.podSelector ?? sel(),
    policyTypes: types,
    policyTypesExplicit: spec.types !== undefined,
    ingress: spec.ingress ?? [],
    egress: spec.egress ?? [],
    origin,
  };
}

const ctx = (policies: NetworkPolicy[], ipBlockMatchesPods = true): PolicyContext => ({
  policies,
  ipBlockMatchesPods,
});
const xa = pod('x', 'a', { ips: ['10.0.0.11'] });
const xb = pod('x', 'b', { ips: ['10.0.0.12'] });
const ya = pod('y', 'a', { ips: ['10.0.0.21'] });
const peerOf = (p: Pod, extra: Record<string, string> = {}): PolicyPeer => ({
  kind: 'pod',
  pod: p,
  namespaceLabels: nsLabels(p.namespace, extra),
});

describe('isolation (rules 1-2)', () => {
  it('a policy in the pod namespace that selects it and lists the direction isolates it', () => {
    const p = policy('x', 'deny', { podSelector: sel({ pod: 'a' }) });
    expect(isolatingPoliciesFor([p], xa, 'ingress')).toEqual([p]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('deny');
  });

  it('a policy that does not select the pod, or lives in another namespace, leaves it open', () => {
    const other = policy('x', 'deny-b', { podSelector: sel({ pod: 'b' }) });
    const elsewhere = policy('y', 'deny-all', {});
    const d = evaluateIngress(ctx([other, elsewhere]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d).toMatchObject({ verdict: 'allow', isolated: false });
    expect(d.reason).toBe(
      'no NetworkPolicy in namespace x selects x/a for ingress, so its ingress is not restricted',
    );
  });

  it('an Ingress-only policy does not isolate egress; an Egress-only one does not isolate ingress', () => {
    const ingressOnly = policy('x', 'in', {});
    const egressOnly = policy('x', 'out', { egress: [], types: ['Egress'] });
    expect(evaluateEgress(ctx([ingressOnly]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).isolated).toBe(false);
    expect(evaluateIngress(ctx([egressOnly]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).isolated).toBe(false);
    expect(evaluateEgress(ctx([egressOnly]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('deny');
  });
});

describe('rule lists (rules 3-4)', () => {
  it('an empty rule list denies everything and is named as such', () => {
    const d = evaluateIngress(ctx([policy('x', 'deny-all', {})]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.closest?.failed).toBe('no-rules');
    expect(d.reason).toBe(
      'denied: x/a is isolated for ingress by x/deny-all and no rule allows TCP 80 from pod y/a; x/deny-all has no ingress rules: it denies all ingress',
    );
  });

  it('one empty rule allows everything, including ICMP', () => {
    const p = policy('x', 'allow-all', { ingress: [rule()] });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'icmp', null).verdict).toBe('allow');
  });

  it('allows are unioned: a default deny plus a targeted allow gives the allow, named by the first policy', () => {
    const deny = policy('x', 'a-deny', {});
    const allow = policy('x', 'b-allow', {
      podSelector: sel({ pod: 'a' }),
      ingress: [rule([], [{ protocol: 'tcp', port: 80 }])],
    });
    const d = evaluateIngress(ctx([allow, deny]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('allow');
    expect(d.allowedBy?.policy.name).toBe('b-allow');
    expect(d.isolatingPolicies.map((p) => p.name)).toEqual(['a-deny', 'b-allow']);
    expect(d.reason).toBe('allowed by NetworkPolicy x/b-allow ingress rule 0 (from any peer; TCP 80)');
  });

  it('allowedBy is the first allowing rule by policy name then rule index', () => {
    const p1 = policy('x', 'zz', { ingress: [rule()] });
    const p2 = policy('x', 'aa', { ingress: [rule([], [{ protocol: 'udp' }]), rule()] });
    const d = evaluateIngress(ctx([p1, p2]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect([d.allowedBy?.policy.name, d.allowedBy?.ruleIndex]).toEqual(['aa', 1]);
  });
});

describe('peers (rules 5-9)', () => {
  const nsY = { matchLabels: { 'kubernetes.io/metadata.name': 'y' }, matchExpressions: [] };

  it('namespaceSelector and podSelector in one peer are ANDed', () => {
    const p = policy('x', 'and', {
      ingress: [rule([{ namespaceSelector: nsY, podSelector: sel({ pod: 'b' }) }])],
    });
    const yb = pod('y', 'b');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(yb), 'tcp', 80).verdict).toBe('allow');
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.closest).toMatchObject({
      failed: 'peer',
      detail: 'podSelector needs pod=b, but is pod=a (pod y/a)',
    });
  });

  it('separate peers are ORed', () => {
    const p = policy('x', 'or', {
      ingress: [rule([{ namespaceSelector: nsY }, { podSelector: sel({ pod: 'b' }) }])],
    });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(xb), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(pod('z', 'a')), 'tcp', 80).verdict).toBe(
      'deny',
    );
  });

  it('a podSelector-only peer (even {}) selects the policy namespace only', () => {
    const p = policy('x', 'same-ns', { ingress: [rule([{ podSelector: sel() }])] });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(xb), 'tcp', 80).verdict).toBe('allow');
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.closest?.detail).toBe(
      'a podSelector without namespaceSelector selects namespace x only, and the pod is in y',
    );
  });

  it('namespaceSelector {} selects every namespace', () => {
    const p = policy('x', 'all-ns', { ingress: [rule([{ namespaceSelector: sel() }])] });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(pod('z', 'c')), 'tcp', 80).verdict).toBe(
      'allow',
    );
  });

  it('NotIn / DoesNotExist on namespaces match namespaces without the key', () => {
    const p = policy('x', 'no-env', {
      ingress: [
        rule([
          {
            namespaceSelector: {
              matchLabels: {},
              matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }],
            },
          },
        ]),
      ],
    });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya, { env: 'prod' }), 'tcp', 80).verdict).toBe(
      'deny',
    );
  });

  it('selectors never match an address peer', () => {
    const p = policy('x', 'all', { ingress: [rule([{ namespaceSelector: sel() }])] });
    const d = evaluateIngress(
      ctx([p]),
      xa,
      nsLabels('x'),
      { kind: 'address', address: '203.0.113.7' },
      'tcp',
      80,
    );
    expect(d.verdict).toBe('deny');
    expect(d.closest?.detail).toBe(
      'all pods in namespaces {} selects pods only, and 203.0.113.7 is not a pod',
    );
  });
});

describe('ipBlock (rules 13-14)', () => {
  const block = (cidr: string, except: string[] = []): NetworkPolicyPeer => ({ ipBlock: { cidr, except } });

  it('matches addresses inside the cidr and outside every except', () => {
    const p = policy('x', 'cidr', { ingress: [rule([block('203.0.113.0/24', ['203.0.113.128/25'])])] });
    const from = (address: string): PolicyPeer => ({ kind: 'address', address });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), from('203.0.113.7'), 'tcp', 80).verdict).toBe(
      'allow',
    );
    const excepted = evaluateIngress(ctx([p]), xa, nsLabels('x'), from('203.0.113.200'), 'tcp', 80);
    expect(excepted.closest).toMatchObject({
      failed: 'except',
      detail: '203.0.113.200 is in 203.0.113.0/24 but excepted by 203.0.113.128/25',
    });
    expect(
      evaluateIngress(ctx([p]), xa, nsLabels('x'), from('198.51.100.1'), 'tcp', 80).closest?.failed,
    ).toBe('peer');
  });

  it('reads a non-canonical cidr as its network and handles IPv6', () => {
    const p = policy('x', 'cidr', { ingress: [rule([block('10.0.0.77/24'), block('2001:db8::/64')])] });
    expect(
      evaluateIngress(ctx([p]), xa, nsLabels('x'), { kind: 'address', address: '10.0.0.5' }, 'tcp', 80)
        .verdict,
    ).toBe('allow');
    expect(
      evaluateIngress(ctx([p]), xa, nsLabels('x'), { kind: 'address', address: '2001:db8::9' }, 'tcp', 80)
        .verdict,
    ).toBe('allow');
    expect(
      evaluateIngress(ctx([p]), xa, nsLabels('x'), { kind: 'address', address: '2001:db9::9' }, 'tcp', 80)
        .verdict,
    ).toBe('deny');
  });

  it('matches pod IPs when ipBlockMatchesPods (upstream e2e), and says it is implementation-defined', () => {
    const p = policy('x', 'to-yb', {
      podSelector: sel({ pod: 'a' }),
      egress: [rule([block('10.0.0.21/32')])],
      types: ['Egress'],
    });
    const d = evaluateEgress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('allow');
    expect(d.ipBlockPodMatch?.policy.name).toBe('to-yb');
  });

  it('does not match pod IPs on Cilium datapaths, and flags the rule', () => {
    const p = policy('x', 'to-ya', {
      podSelector: sel({ pod: 'a' }),
      egress: [rule([block('10.0.0.21/32')])],
      types: ['Egress'],
    });
    const d = evaluateEgress(ctx([p], false), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.ipBlockIgnoredForPod).toMatchObject({ ruleIndex: 0, ip: '10.0.0.21' });
    expect(d.ipBlockPodMatch).toBeUndefined();
  });

  it('does not match node IPs on Cilium datapaths, but does match outside addresses', () => {
    const p = policy('x', 'cidr', { ingress: [rule([block('10.0.0.0/8')])] });
    const node: PolicyPeer = { kind: 'address', address: '10.1.0.5', nodeIp: true };
    expect(evaluateIngress(ctx([p], false), xa, nsLabels('x'), node, 'tcp', 80).verdict).toBe('deny');
    expect(
      evaluateIngress(ctx([p], false), xa, nsLabels('x'), { kind: 'address', address: '10.1.0.5' }, 'tcp', 80)
        .verdict,
    ).toBe('allow');
  });

  it('a pod with several IPs matches when any one does', () => {
    const dual = pod('y', 'd', { ips: ['10.0.0.40', 'fd00::40'] });
    const p = policy('x', 'v6', { ingress: [rule([block('fd00::/64')])] });
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(dual), 'tcp', 80).verdict).toBe('allow');
  });

  it('a pod peer with a known packet address is matched on that address alone', () => {
    const dual = pod('y', 'd', { ips: ['10.0.0.40', 'fd00::40'] });
    const p = policy('x', 'v6', { ingress: [rule([block('fd00::/64')])] });
    const viaV4: PolicyPeer = {
      kind: 'pod',
      pod: dual,
      namespaceLabels: nsLabels('y'),
      address: '10.0.0.40',
    };
    const viaV6: PolicyPeer = { kind: 'pod', pod: dual, namespaceLabels: nsLabels('y'), address: 'fd00::40' };
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), viaV4, 'tcp', 80).verdict).toBe('deny');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), viaV6, 'tcp', 80).verdict).toBe('allow');
  });

  it('except only narrows its own peer; another policy can allow the excepted IP again', () => {
    const wide = policy('x', 'wide', {
      egress: [rule([block('10.0.0.0/16', ['10.0.0.12/32'])])],
      types: ['Egress'],
    });
    expect(evaluateEgress(ctx([wide]), xa, nsLabels('x'), peerOf(xb), 'tcp', 80).verdict).toBe('deny');
    const narrow = policy('x', 'narrow', { egress: [rule([block('10.0.0.12/32')])], types: ['Egress'] });
    expect(evaluateEgress(ctx([wide, narrow]), xa, nsLabels('x'), peerOf(xb), 'tcp', 80).verdict).toBe(
      'allow',
    );
  });
});

describe('ports (rules 10-12)', () => {
  const allowPorts = (ports: NetworkPolicyPort[]) => policy('x', 'ports', { ingress: [rule([], ports)] });

  it('numeric ports match exactly and report the closest port rule', () => {
    const p = allowPorts([{ protocol: 'tcp', port: 81 }]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 81).verdict).toBe('allow');
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.closest).toMatchObject({ failed: 'port', detail: 'allows TCP 81, not TCP 80' });
  });

  it('protocol is part of the match: UDP or SCTP never allows TCP', () => {
    const p = allowPorts([
      { protocol: 'udp', port: 81 },
      { protocol: 'sctp', port: 81 },
    ]);
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 81);
    expect(d.verdict).toBe('deny');
    expect(d.closest).toMatchObject({
      failed: 'protocol',
      detail: 'allows only UDP 81, SCTP 81, not TCP 81',
    });
  });

  it('a protocol without a port allows every port of that protocol', () => {
    const p = allowPorts([{ protocol: 'tcp' }]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 65000).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'udp', 80).verdict).toBe('deny');
  });

  it('endPort makes an inclusive range', () => {
    const p = allowPorts([{ protocol: 'tcp', port: 80, endPort: 81 }]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 81).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 82).verdict).toBe('deny');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 79).verdict).toBe('deny');
  });

  it('an ICMP connection (no port) only matches rules without ports', () => {
    const p = allowPorts([{ protocol: 'tcp' }]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'icmp', null).closest?.failed).toBe(
      'protocol',
    );
  });

  it('ingress named ports resolve on the destination (the isolated pod) by name and protocol', () => {
    const p = allowPorts([{ protocol: 'tcp', port: 'serve-81-tcp' }]);
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 81).verdict).toBe('allow');
    expect(evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80).verdict).toBe('deny');
    const wrongProtocol = allowPorts([{ protocol: 'udp', port: 'serve-81-tcp' }]);
    expect(evaluateIngress(ctx([wrongProtocol]), xa, nsLabels('x'), peerOf(ya), 'udp', 81).verdict).toBe(
      'deny',
    );
  });

  it('a name the destination does not declare matches nothing and the pod stays isolated', () => {
    const p = allowPorts([{ protocol: 'tcp', port: 'http' }]);
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.closest?.detail).toBe(
      'allows TCP http, not TCP 80 (named port http: x/a declares no TCP container port of that name)',
    );
  });

  it('egress named ports resolve on the destination pod, not the source', () => {
    const source = pod('x', 'a', { containerPorts: [{ name: 'web', containerPort: 9999, protocol: 'tcp' }] });
    const dest = pod('y', 'a', { containerPorts: [{ name: 'web', containerPort: 80, protocol: 'tcp' }] });
    const p = policy('x', 'egress-named', {
      egress: [rule([], [{ protocol: 'tcp', port: 'web' }])],
      types: ['Egress'],
    });
    expect(evaluateEgress(ctx([p]), source, nsLabels('x'), peerOf(dest), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateEgress(ctx([p]), source, nsLabels('x'), peerOf(dest), 'tcp', 9999).verdict).toBe('deny');
  });

  it('egress to an address: a named port matches nothing', () => {
    const p = policy('x', 'egress-named', {
      egress: [rule([], [{ protocol: 'tcp', port: 'serve-80-tcp' }])],
      types: ['Egress'],
    });
    const d = evaluateEgress(
      ctx([p]),
      xa,
      nsLabels('x'),
      { kind: 'address', address: '203.0.113.7' },
      'tcp',
      80,
    );
    expect(d.verdict).toBe('deny');
    expect(d.closest?.failed).toBe('port');
  });
});

describe('closest rule on a deny', () => {
  it('prefers a rule whose peer matched over one whose port matched', () => {
    const p = policy('x', 'two', {
      ingress: [
        rule([{ podSelector: sel({ pod: 'z' }) }], [{ protocol: 'tcp', port: 80 }]),
        rule([], [{ protocol: 'tcp', port: 81 }]),
      ],
    });
    const d = evaluateIngress(ctx([p]), xa, nsLabels('x'), peerOf(xb), 'tcp', 80);
    expect([d.closest?.ruleIndex, d.closest?.failed]).toEqual([1, 'port']);
    expect(d.reason).toBe(
      'denied: x/a is isolated for ingress by x/two and no rule allows TCP 80 from pod x/b; closest: x/two ingress rule 1 (port: allows TCP 81, not TCP 80)',
    );
  });
});

describe('host-network pods', () => {
  it('a host-network subject is not restricted, and the reason says it is implementation-defined', () => {
    const host = pod('x', 'h', { hostNetwork: true, hostIP: '192.168.0.10' });
    const d = evaluateIngress(ctx([policy('x', 'deny', {})]), host, nsLabels('x'), peerOf(ya), 'tcp', 80);
    expect(d).toMatchObject({ verdict: 'allow', isolated: false });
    expect(d.reason).toBe(
      'ingress of x/h not restricted: x/h uses the host network (selected by x/deny): NetworkPolicy enforcement for host-network pods is implementation-defined; the common implementation does not apply policies to them',
    );
  });

  it('a host-network peer is evaluated as its node IP: pod selectors do not match it, ipBlocks may', () => {
    const host = pod('y', 'h', { hostNetwork: true, hostIP: '192.168.0.10', ips: ['192.168.0.10'] });
    const bySelector = policy('x', 'sel', { ingress: [rule([{ namespaceSelector: sel() }])] });
    const d = evaluateIngress(ctx([bySelector]), xa, nsLabels('x'), peerOf(host), 'tcp', 80);
    expect(d.verdict).toBe('deny');
    expect(d.notes[0]).toContain('evaluated as its node IP 192.168.0.10');
    const byCidr = policy('x', 'cidr', {
      ingress: [rule([{ ipBlock: { cidr: '192.168.0.0/24', except: [] } }])],
    });
    expect(evaluateIngress(ctx([byCidr]), xa, nsLabels('x'), peerOf(host), 'tcp', 80).verdict).toBe('allow');
    expect(evaluateIngress(ctx([byCidr], false), xa, nsLabels('x'), peerOf(host), 'tcp', 80).verdict).toBe(
      'deny',
    );
  });
});
