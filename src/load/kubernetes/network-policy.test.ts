import { describe, expect, it } from 'vitest';
import { formatProblem, loadSnapshotFromFiles } from '../index.js';

const REFUSED =
  'the API server would refuse this NetworkPolicy; compare with the live object (kubectl get networkpolicy … -o yaml)';
const SELECTOR_REFUSED =
  'the API server would refuse this selector; fix it as in the live object (kubectl get … -o yaml)';

function load(spec: string) {
  const content = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
${spec}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: good, namespace: shop}
spec: {podSelector: {}}
`;
  return loadSnapshotFromFiles([{ path: 'np.yaml', content }]);
}

describe('NetworkPolicy defaults', () => {
  it('defaults policyTypes to [Ingress] without egress rules', () => {
    const np = load('  podSelector: {}\n  ingress: [{}]\n').snapshot.kubernetes.networkPolicies[0];
    expect(np?.policyTypes).toEqual(['Ingress']);
    expect(np?.policyTypesExplicit).toBe(false);
    expect(np?.ingress).toEqual([
      { peers: [], ports: [], origin: { file: 'np.yaml', line: 6, column: 13, path: 'spec.ingress[0]' } },
    ]);
  });

  it('defaults policyTypes to [Ingress, Egress] when egress rules are present', () => {
    const np = load('  podSelector: {}\n  egress: [{ports: [{port: 53, protocol: UDP}]}]\n').snapshot
      .kubernetes.networkPolicies[0];
    expect(np?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np?.egress[0]?.ports).toEqual([{ protocol: 'udp', port: 53 }]);
  });

  it('an empty egress list adds no Egress (SetDefaults_NetworkPolicy tests len(spec.egress))', () => {
    const np = load('  podSelector: {}\n  egress: []\n').snapshot.kubernetes.networkPolicies[0];
    expect(np?.policyTypes).toEqual(['Ingress']);
  });

  it('keeps written policyTypes and marks them explicit', () => {
    const np = load('  podSelector: {}\n  policyTypes: [Egress]\n').snapshot.kubernetes.networkPolicies[0];
    expect(np?.policyTypes).toEqual(['Egress']);
    expect(np?.policyTypesExplicit).toBe(true);
  });

  it('defaults a port protocol to TCP and keeps named ports and ranges', () => {
    const np = load('  podSelector: {}\n  ingress: [{ports: [{port: http}, {port: 8000, endPort: 8080}]}]\n')
      .snapshot.kubernetes.networkPolicies[0];
    expect(np?.ingress[0]?.ports).toEqual([
      { protocol: 'tcp', port: 'http' },
      { protocol: 'tcp', port: 8000, endPort: 8080 },
    ]);
  });
});

describe('NetworkPolicy the API server would refuse', () => {
  const cases: [string, string, string][] = [
    [
      'an invalid ipBlock CIDR',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]\n',
      `error: np.yaml:6:35: spec.egress[0].to[0].ipBlock.cidr: ipBlock.cidr "10.0.0.0/33" is not a valid CIDR (expected an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 2001:db8::/64) — ${REFUSED}`,
    ],
    [
      'a bare IP as ipBlock CIDR',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.1}}]}]\n',
      `error: np.yaml:6:35: spec.egress[0].to[0].ipBlock.cidr: ipBlock.cidr "10.0.0.1" is not a valid CIDR (expected an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 2001:db8::/64) — ${REFUSED}`,
    ],
    [
      'an except outside the cidr',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]\n',
      `error: np.yaml:6:57: spec.egress[0].to[0].ipBlock.except[0]: ipBlock.except "10.1.0.0/24" is not inside ipBlock.cidr "10.0.0.0/16" (expected a strict subset of 10.0.0.0/16) — ${REFUSED}`,
    ],
    [
      'an except equal to the cidr',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}}]}]\n',
      `error: np.yaml:6:57: spec.egress[0].to[0].ipBlock.except[0]: ipBlock.except "10.0.0.0/16" is not inside ipBlock.cidr "10.0.0.0/16" (expected a strict subset of 10.0.0.0/16) — ${REFUSED}`,
    ],
    [
      'endPort without port',
      '  podSelector: {}\n  ingress: [{ports: [{endPort: 90}]}]\n',
      `error: np.yaml:6:32: spec.ingress[0].ports[0].endPort: endPort 90 is set without port (expected port set whenever endPort is) — ${REFUSED}`,
    ],
    [
      'endPort smaller than port',
      '  podSelector: {}\n  ingress: [{ports: [{port: 8080, endPort: 80}]}]\n',
      `error: np.yaml:6:44: spec.ingress[0].ports[0].endPort: endPort 80 is smaller than port 8080 (expected endPort ≥ 8080) — ${REFUSED}`,
    ],
    [
      'endPort with a named port',
      '  podSelector: {}\n  ingress: [{ports: [{port: http, endPort: 90}]}]\n',
      `error: np.yaml:6:44: spec.ingress[0].ports[0].endPort: endPort 90 is set with the named port "http" (expected a numeric port when endPort is set) — ${REFUSED}`,
    ],
    [
      'an unknown selector operator',
      '  podSelector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}\n',
      `error: np.yaml:5:57: spec.podSelector.matchExpressions[0].operator: unknown selector operator "Equals" (expected In, NotIn, Exists, DoesNotExist) — ${SELECTOR_REFUSED}`,
    ],
    [
      'In without values',
      '  podSelector: {}\n  ingress: [{from: [{podSelector: {matchExpressions: [{key: app, operator: In}]}}]}]\n',
      `error: np.yaml:6:55: spec.ingress[0].from[0].podSelector.matchExpressions[0]: selector operator In on key "app" has no values (expected at least one value for In and NotIn) — ${SELECTOR_REFUSED}`,
    ],
    [
      'Exists with values',
      '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: team, operator: Exists, values: [a]}]}}]}]\n',
      `error: np.yaml:6:99: spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values: selector operator Exists on key "team" has values (expected no values for Exists and DoesNotExist) — ${SELECTOR_REFUSED}`,
    ],
    [
      'ipBlock together with a selector',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]\n',
      `error: np.yaml:6:18: spec.egress[0].to[0]: a peer may not have both ipBlock and a pod or namespace selector (expected either ipBlock, or podSelector and/or namespaceSelector) — ${REFUSED}`,
    ],
    [
      'an empty peer',
      '  podSelector: {}\n  egress: [{to: [{}]}]\n',
      `error: np.yaml:6:18: spec.egress[0].to[0]: the peer is empty (expected ipBlock, podSelector or namespaceSelector) — ${REFUSED}`,
    ],
    [
      'a quoted number as port (a string is a port name)',
      '  podSelector: {}\n  ingress: [{ports: [{port: "8080"}]}]\n',
      `error: np.yaml:6:29: spec.ingress[0].ports[0].port: "8080" is neither a port number nor a valid port name (expected a number 1-65535 or a port name (at most 15 lower-case letters, digits and -, with a letter)) — ${REFUSED}`,
    ],
    [
      'a port out of range',
      '  podSelector: {}\n  ingress: [{ports: [{port: 70000}]}]\n',
      'error: np.yaml:6:29: spec.ingress[0].ports[0].port: NetworkPolicy: "port" is out of range (found number 70000) (expected at most 65535) — the object was skipped; fix it and load again (the rest of the file was read)',
    ],
  ];

  for (const [name, spec, message] of cases) {
    it(`refuses ${name} and still loads the next policy`, () => {
      const result = load(spec);
      expect(result.problems.map(formatProblem)).toEqual([message]);
      expect(result.snapshot.kubernetes.networkPolicies.map((n) => n.name)).toEqual(['good']);
    });
  }
});
