import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

const DENY_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
`;
const ALLOW_GITHUB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-github, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 140.82.112.5/32}}]
    ports: [{protocol: TCP, port: 443}]
`;
const ALLOW_API_PODS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: api}}}]
`;

describe('egress-policy hop', () => {
  it('an enforced default-deny egress policy drops Internet traffic', () => {
    const t = trace({ objects: [DENY_EGRESS] }, FROM, '140.82.112.5');
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.kind).toBe('egress-policy');
    expect(t.blockedAt?.rule?.id).toBe('networkpolicy/shop/default-deny-egress');
  });

  it('an egress rule for the ipBlock and port allows it', () => {
    const t = trace({ objects: [DENY_EGRESS, ALLOW_GITHUB] }, FROM, '140.82.112.5');
    expect(hop(t, 'egress-policy').result).toBe('pass');
    expect(hop(t, 'egress-policy').rule?.id).toBe('networkpolicy/shop/allow-github');
    expect(t.verdict).toBe('reachable');
  });

  it('a policy on Flannel without a policy engine is reported, never enforced', () => {
    const t = trace({ cni: 'flannel', objects: [DENY_EGRESS] }, FROM, '140.82.112.5');
    const policy = hop(t, 'egress-policy');
    expect(policy.result).toBe('pass');
    expect(policy.reason).toMatch(
      /^NetworkPolicy shop\/default-deny-egress would deny this but is not enforced/,
    );
    expect(t.verdict).toBe('reachable');
  });

  it('disable_network_policy "true" turns enforcement off', () => {
    const t = trace({ disableNetworkPolicy: true, objects: [DENY_EGRESS] }, FROM, '140.82.112.5');
    expect(hop(t, 'egress-policy').result).toBe('pass');
    expect(hop(t, 'egress-policy').reason).toContain('not enforced');
  });

  it('the peer of a Service is the endpoint pod, matched by podSelector', () => {
    const allowed = trace({ objects: [DENY_EGRESS, ALLOW_API_PODS] }, FROM, 'svc/shop/api', { port: 80 });
    expect(hop(allowed, 'egress-policy').result).toBe('pass');
    expect(allowed.verdict).toBe('reachable');
    const denied = trace({ objects: [DENY_EGRESS, ALLOW_API_PODS] }, FROM, '140.82.112.5');
    expect(denied.blockedAt?.kind).toBe('egress-policy');
  });
});
