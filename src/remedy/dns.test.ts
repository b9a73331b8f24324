/**
 * A blocked DNS query: the fixes are those of the query's own path (its nested trace), proven on the original query.
 * Fixture: src/engine/dns/test-fixtures/dns-cluster.ts (kube-dns 192.168.0.10, CoreDNS pods k8s-app=kube-dns).
 */
import { describe, expect, it } from 'vitest';
import { dnsSnapshot } from '../engine/dns/test-fixtures/dns-cluster.js';
import { check } from '../engine/index.js';
import { WEB_A } from '../engine/test-fixtures/cluster.js';
import { query } from '../engine/test-fixtures/query.js';
import type { Trace } from '../model/index.js';
import { attachResultFixes } from './attach.js';
import { DENY_EGRESS } from './test-fixtures/manifests.js';

const ALLOW_GITHUB = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-github, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 140.82.112.5/32}
    ports:
    - {protocol: TCP, port: 443}
`;

function fixed(objects: string[], options: Parameters<typeof dnsSnapshot>[0] = {}): Trace {
  const snapshot = dnsSnapshot({ ...options, objects });
  const q = query(`shop/${WEB_A}`, 'api.example.com');
  const result = attachResultFixes(snapshot, q, check(snapshot, q), check);
  if (!result.ok || !('trace' in result)) throw new Error('expected a trace');
  return result.trace;
}

describe('DNS blocked by a NetworkPolicy', () => {
  it('the DNS egress rule to the CoreDNS pods, UDP and TCP 53, proven: the name resolves and the flow is reachable', () => {
    const t = fixed([DENY_EGRESS, ALLOW_GITHUB]);
    expect(t.verdict).toBe('unresolved');
    expect(t.blockedAt?.kind).toBe('dns');
    const fix = t.blockedAt?.fixes[0];
    expect(fix?.kind).toBe('network-policy-egress');
    expect(fix?.manifests).toEqual([
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: podreach-allow-egress-web-udp-53
  namespace: shop
  labels:
    app.kubernetes.io/managed-by: podreach
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`,
    ]);
    expect(fix?.proof?.verdict).toBe('reachable');
  });
});

describe('DNS blocked by a security group Drop on UDP 53', () => {
  it('an Accept above it towards the CoreDNS endpoint, or revoking the Drop; both proven', () => {
    const drop = {
      id: 'sgr-no-dns',
      direction: 'egress',
      policy: 'Drop',
      priority: 5,
      protocol: 'UDP',
      ports: '53/53',
      cidr: '0.0.0.0/0',
    } as const;
    const t = fixed([], { sgRules: { 'sg-pod': [drop] } });
    expect(t.blockedAt?.kind).toBe('dns');
    const fixes = t.blockedAt?.fixes ?? [];
    expect(fixes.map((f) => f.kind)).toEqual([
      'security-group-egress-accept',
      'security-group-egress-revoke',
    ]);
    expect(fixes[0]?.commands[0]).toMatch(
      /^aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --Permissions\.1\.Policy Accept --Permissions\.1\.Priority 4 --Permissions\.1\.IpProtocol UDP --Permissions\.1\.PortRange 53\/53 --Permissions\.1\.DestCidrIp /,
    );
    for (const fix of fixes) expect(fix.proof?.verdict).toBe('reachable');
  });
});
