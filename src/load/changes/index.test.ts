import { describe, expect, it } from 'vitest';
import { parseChangeFile } from './index.js';

describe('parseChangeFile', () => {
  it('reads every kind of Alibaba Cloud change, one key per item', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - addSnatEntry: { snatTableId: stb-1, sourceVSwitchId: vsw-pod-b, snatIps: [47.98.1.10] }
  - removeSnatEntry: { id: snat-a }
  - addRoute: { routeTableId: vtb-sys, destinationCidr: 0.0.0.0/0, nextHopType: NatGateway, nextHopId: ngw-1 }
  - removeRoute: { routeTableId: vtb-sys, destinationCidr: "::/0" }
  - addSecurityGroupRule: { securityGroupId: sg-pod, direction: egress, policy: Accept, priority: 4, protocol: tcp, ports: 443/443, cidr: 140.82.112.5/32 }
  - removeSecurityGroupRule: { securityGroupId: sg-pod, ruleId: sgr-drop }
  - modifySecurityGroupRule: { securityGroupId: sg-pod, ruleId: sgr-drop, priority: 100 }
  - addNetworkAclEntry: { networkAclId: nacl-1, direction: ingress, protocol: tcp, ports: 8080/8080, cidr: 10.0.64.11/32 }
  - addRdsWhitelistEntry: { dbInstanceId: rm-orders, entries: [10.0.64.11] }
  - addSlbAclEntry: { aclId: acl-1, entries: [47.98.1.10/32] }
  - addAllowListSource: { allowList: partner, sources: [47.98.1.11/32] }
  - bindEip: { allocationId: eip-1, instanceId: eni-a1, instanceType: NetworkInterface, privateIpAddress: 10.0.64.11 }
  - enableIpv6Bandwidth: { ipv6AddressId: ipv6-web-a }
  - setExternalTrafficPolicy: { namespace: shop, service: api-lb, policy: Cluster }
  - setConfigMapData: { namespace: kube-system, name: eni-config, key: in_cluster_loadbalance, value: "true" }
  - setPodAnnotations: { namespace: shop, pod: web-a, annotations: { a: b } }
`;
    const result = parseChangeFile('c.yaml', text);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.changes.map((c) => c.kind)).toEqual([
      'add-snat-entry',
      'remove-snat-entry',
      'add-route-entry',
      'remove-route-entry',
      'add-security-group-rule',
      'remove-security-group-rule',
      'modify-security-group-rule',
      'add-network-acl-entry',
      'add-rds-whitelist-entry',
      'add-slb-acl-entry',
      'add-allow-list-source',
      'bind-eip',
      'enable-ipv6-bandwidth',
      'set-external-traffic-policy',
      'set-config-map-data',
      'set-pod-annotations',
    ]);
    expect(result.changes[4]).toEqual({
      kind: 'add-security-group-rule',
      rule: {
        securityGroupId: 'sg-pod',
        direction: 'egress',
        policy: 'accept',
        priority: 4,
        protocol: 'tcp',
        portRange: [443, 443],
        cidr: '140.82.112.5/32',
      },
    });
    expect(result.changes[8]).toEqual({
      kind: 'add-rds-whitelist-entry',
      dbInstanceId: 'rm-orders',
      group: 'default',
      entries: ['10.0.64.11'],
    });
    expect(result.changes[12]).toEqual({
      kind: 'enable-ipv6-bandwidth',
      ipv6AddressId: 'ipv6-web-a',
      bandwidth: 1,
    });
  });

  it('other documents are Kubernetes manifests, applied after the Alibaba changes', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress], egress: [{}]}
---
apiVersion: podreach/v1
kind: Changes
changes:
  - removeSnatEntry: { id: snat-a }
`;
    const result = parseChangeFile('mixed.yaml', text);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.changes.map((c) => c.kind)).toEqual(['remove-snat-entry', 'kubernetes-manifests']);
    expect(result.changes[1]).toMatchObject({ kind: 'kubernetes-manifests', file: 'mixed.yaml' });
  });

  it('reports every bad item with its index and what was expected', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - addSnatEntry: { snatTableId: stb-1, snatIps: [47.98.1.10] }
  - frobnicate: {}
  - addRoute: { routeTableId: vtb-sys }
`;
    expect(parseChangeFile('bad.yaml', text)).toEqual({
      ok: false,
      errors: [
        'bad.yaml: changes[0]: addSnatEntry: give exactly one of sourceVSwitchId and sourceCidr',
        'bad.yaml: changes[1]: expected one key of addSnatEntry, removeSnatEntry, addRoute, removeRoute, addSecurityGroupRule, removeSecurityGroupRule, modifySecurityGroupRule, addNetworkAclEntry, addRdsWhitelistEntry, addSlbAclEntry, addAllowListSource, bindEip, enableIpv6Bandwidth, setPodAnnotations, setExternalTrafficPolicy, setConfigMapData; found frobnicate',
        'bad.yaml: changes[2]: addRoute.destinationCidr: Invalid input: expected string, received undefined; addRoute.nextHopType: Invalid input: expected string, received undefined; addRoute.nextHopId: Invalid input: expected string, received undefined',
      ],
    });
  });

  it('an empty file is an error, not a no-op', () => {
    expect(parseChangeFile('empty.yaml', '')).toEqual({
      ok: false,
      errors: ['empty.yaml: no change and no Kubernetes object in the file'],
    });
  });
});
