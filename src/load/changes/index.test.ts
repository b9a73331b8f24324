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

  it('Service ports, CLB listeners, SNAT entry IPs and internalTrafficPolicy, with their defaults', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - addServicePort: { namespace: shop, service: api-lb, port: 8080, targetPort: 9000, nodePort: 31090 }
  - addServicePort: { namespace: shop, service: plain, port: 53, protocol: UDP, name: dns, existingPortName: http }
  - addSlbListener: { loadBalancerId: lb-pub, port: 8080, backendPort: 31090 }
  - addSlbListener: { loadBalancerId: lb-pub, protocol: UDP, port: 53, backendPort: 31053 }
  - modifySnatEntry: { id: snat-pod-a, snatIps: [47.98.1.10, 47.98.1.11] }
  - setInternalTrafficPolicy: { namespace: shop, service: api, policy: Cluster }
`;
    const result = parseChangeFile('c.yaml', text);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.changes).toEqual([
      {
        kind: 'add-service-port',
        namespace: 'shop',
        service: 'api-lb',
        port: { name: 'tcp-8080', protocol: 'tcp', port: 8080, targetPort: 9000, nodePort: 31090 },
      },
      {
        kind: 'add-service-port',
        namespace: 'shop',
        service: 'plain',
        port: { name: 'dns', protocol: 'udp', port: 53, targetPort: 53 },
        existingPortName: 'http',
      },
      { kind: 'add-slb-listener', loadBalancerId: 'lb-pub', protocol: 'tcp', port: 8080, backendPort: 31090 },
      { kind: 'add-slb-listener', loadBalancerId: 'lb-pub', protocol: 'udp', port: 53, backendPort: 31053 },
      { kind: 'modify-snat-entry', snatEntryId: 'snat-pod-a', snatIps: ['47.98.1.10', '47.98.1.11'] },
      { kind: 'set-internal-traffic-policy', namespace: 'shop', service: 'api', policy: 'Cluster' },
    ]);
  });

  it('a bad Service port or listener names the line of the field at fault', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - addServicePort:
      namespace: shop
      service: api
      port: 70000
      protocol: icmp
      name: Not_A_Label
  - addSlbListener:
      loadBalancerId: lb-pub
      port: 8080
  - addSlbListener: { loadBalancerId: lb-pub, port: 80, backendPort: "31080", extra: 1 }
`;
    expect(parseChangeFile('svc.yaml', text)).toEqual({
      ok: false,
      errors: [
        'svc.yaml:7: changes[0]: addServicePort.port: Too big: expected number to be <=65535',
        'svc.yaml:8: changes[0]: addServicePort.protocol: Invalid option: expected one of "tcp"|"udp"|"sctp"|"TCP"|"UDP"|"SCTP"',
        'svc.yaml:9: changes[0]: addServicePort.name: a lower-case DNS label (RFC 1123) of at most 63 characters',
        'svc.yaml:11: changes[1]: addSlbListener.backendPort: missing (expected number)',
        'svc.yaml:13: changes[2]: addSlbListener.backendPort: Invalid input: expected number, received string',
        'svc.yaml:13: changes[2]: addSlbListener.extra: unknown field (addSlbListener takes loadBalancerId, protocol, port, backendPort)',
      ],
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

  it('reports every bad item with its file, line, index and field, and what was expected', () => {
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
        'bad.yaml:4: changes[0]: addSnatEntry: give exactly one of sourceVSwitchId and sourceCidr',
        'bad.yaml:5: changes[1]: expected one key of addSnatEntry, removeSnatEntry, addRoute, removeRoute, addSecurityGroupRule, removeSecurityGroupRule, modifySecurityGroupRule, addNetworkAclEntry, addRdsWhitelistEntry, addSlbAclEntry, addAllowListSource, bindEip, enableIpv6Bandwidth, setPodAnnotations, setExternalTrafficPolicy, setConfigMapData, modifySnatEntry, setInternalTrafficPolicy, addServicePort, addSlbListener; found frobnicate',
        'bad.yaml:6: changes[2]: addRoute.destinationCidr: missing (expected string)',
        'bad.yaml:6: changes[2]: addRoute.nextHopType: missing (expected one of "Instance"|"HaVip"|"RouterInterface"|"NetworkInterface"|"VpnGateway"|"IPv6Gateway"|"NatGateway"|"Attachment"|"VpcPeer"|"Ipv4Gateway"|"GatewayEndpoint"|"Ecr"|"GatewayLoadBalancerEndpoint")',
        'bad.yaml:6: changes[2]: addRoute.nextHopId: missing (expected string)',
      ],
    });
  });

  it('an unknown field is named on its own line; a Service port name may be any DNS label up to 63 characters', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - modifySnatEntry:
      id: snat-a
      snatIps: [47.98.1.10]
      snatIp: 47.98.1.11
  - addServicePort: { namespace: shop, service: api-lb, port: 9100, nodePort: 31100, name: prometheus-metrics-endpoint }
`;
    expect(parseChangeFile('u.yaml', text)).toEqual({
      ok: false,
      errors: [
        'u.yaml:7: changes[0]: modifySnatEntry.snatIp: unknown field (modifySnatEntry takes id, snatIps)',
      ],
    });
  });

  it('a podreach document of another kind or version is an error at its line, not a Kubernetes manifest', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: podreach/v1
kind: Change
changes:
  - removeSnatEntry: { id: snat-a }
---
apiVersion: podreach/v2
kind: Changes
changes: []
`;
    expect(parseChangeFile('k.yaml', text)).toEqual({
      ok: false,
      errors: [
        'k.yaml:7: document 2: a podreach document is apiVersion: podreach/v1, kind: Changes; found podreach/v1, Change',
        'k.yaml:11: document 3: a podreach document is apiVersion: podreach/v1, kind: Changes; found podreach/v2, Changes',
      ],
    });
  });

  it('a route next hop must be a NextHopType the VPC API knows, spelled as it spells it', () => {
    const text = `apiVersion: podreach/v1
kind: Changes
changes:
  - addRoute: { routeTableId: vtb-sys, destinationCidr: "::/0", nextHopType: Ipv6Gateway, nextHopId: ipv6gw-1 }
  - addRoute: { routeTableId: vtb-sys, destinationCidr: 0.0.0.0/0, nextHopType: NatGateway, nextHopId: ngw-1 }
`;
    expect(parseChangeFile('r.yaml', text)).toEqual({
      ok: false,
      errors: [
        'r.yaml:4: changes[0]: addRoute.nextHopType: Invalid option: expected one of "Instance"|"HaVip"|"RouterInterface"|"NetworkInterface"|"VpnGateway"|"IPv6Gateway"|"NatGateway"|"Attachment"|"VpcPeer"|"Ipv4Gateway"|"GatewayEndpoint"|"Ecr"|"GatewayLoadBalancerEndpoint"',
      ],
    });
  });

  it('a YAML syntax error names its line', () => {
    const result = parseChangeFile('broken.yaml', 'apiVersion: podreach/v1\nkind: Changes\nchanges: [\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^broken\.yaml:\d+: document 1: /);
  });

  it('an empty file is an error, not a no-op', () => {
    expect(parseChangeFile('empty.yaml', '')).toEqual({
      ok: false,
      errors: ['empty.yaml: no change and no Kubernetes object in the file'],
    });
  });
});
