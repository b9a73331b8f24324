import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;
const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: shop}
spec:
  podSelector: {}
`;
const ALLOW_FROM_WEB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 9000}]
`;

describe('ingress-policy hop', () => {
  it('default-deny ingress on the endpoint pod blocks the Service', () => {
    const t = trace({ objects: [DENY_INGRESS] }, FROM, 'svc/shop/api', { port: 80 });
    expect(t.blockedAt?.kind).toBe('ingress-policy');
    expect(t.blockedAt?.rule?.id).toBe('networkpolicy/shop/default-deny-ingress');
  });

  it('an ingress rule for the source pod and target port admits it', () => {
    const t = trace({ objects: [DENY_INGRESS, ALLOW_FROM_WEB] }, FROM, 'svc/shop/api', { port: 80 });
    expect(hop(t, 'ingress-policy').rule?.id).toBe('networkpolicy/shop/api-from-web');
    expect(t.verdict).toBe('reachable');
  });

  it('Flannel without a policy engine: reported, not enforced', () => {
    const t = trace({ cni: 'flannel', objects: [DENY_INGRESS] }, FROM, 'shop/api-b', { port: 9000 });
    expect(hop(t, 'ingress-policy').result).toBe('pass');
    expect(hop(t, 'ingress-policy').reason).toContain('not enforced');
  });

  it('destinations outside the cluster skip it', () => {
    expect(hop(trace({}, FROM, '140.82.112.5'), 'ingress-policy').result).toBe('skip');
  });
});
