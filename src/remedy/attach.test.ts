/**
 * Every blocking reason the engine produces with a network cause gets at least one fix, proven by re-tracing to
 * reachable. Commands and manifests are written out by hand from the fixture cluster's ids
 * (src/engine/test-fixtures/cluster.ts: region cn-hangzhou, vtb-sys, ngw-1/stb-1, sg-pod, sg-legacy, rm-orders,
 * lb-pub/acl-1, nacl-1, ipv6gw-1) and checked against the aliyun/kubectl syntax cited in docs/fixes.md.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import { type FixtureOptions, fixtureSnapshot, WEB_A, WEB_B } from '../engine/test-fixtures/cluster.js';
import { type QueryExtras, query } from '../engine/test-fixtures/query.js';
import type { Blocker, Fix, Snapshot, Trace } from '../model/index.js';
import { applyChange } from './apply.js';
import { attachFixes, attachResultFixes } from './attach.js';
import { DENY_EGRESS, LOCAL_ONLY } from './test-fixtures/manifests.js';

const A = `shop/${WEB_A}`;
const B = `shop/${WEB_B}`;

function fixedOn(snapshot: Snapshot, from: string, to: string, extras: QueryExtras = {}): Trace {
  const q = query(from, to, extras);
  const result = attachResultFixes(snapshot, q, check(snapshot, q), check);
  if (!result.ok || !('trace' in result)) throw new Error('expected a single trace');
  return result.trace;
}

function fixed(options: FixtureOptions, from: string, to: string, extras: QueryExtras = {}): Trace {
  return fixedOn(fixtureSnapshot(options), from, to, extras);
}

function only(t: Trace): Blocker {
  expect(t.blockers).toHaveLength(1);
  return t.blockers[0] as Blocker;
}

function fixOf(b: Blocker, kind: string): Fix {
  const fix = b.fixes.find((f) => f.kind === kind);
  if (fix === undefined) throw new Error(`no ${kind} fix; got ${b.fixes.map((f) => f.kind).join(', ')}`);
  return fix;
}

const NODEPORT_OPEN = {
  id: 'sgr-nodeport',
  direction: 'ingress',
  policy: 'Accept',
  priority: 1,
  protocol: 'TCP',
  ports: '30000/32767',
  cidr: '0.0.0.0/0',
} as const;

describe('egress-security-group: a Drop rule wins', () => {
  const drop = (priority: number) => ({
    sgRules: {
      'sg-pod': [
        {
          id: 'sgr-drop',
          direction: 'egress',
          policy: 'Drop',
          priority,
          protocol: 'TCP',
          ports: '443/443',
          cidr: '0.0.0.0/0',
        } as const,
      ],
    },
  });

  it('an Accept one priority above the Drop, for this address and port only; or revoking the Drop', () => {
    const b = only(fixed(drop(5), A, '140.82.112.5'));
    expect(b.kind).toBe('egress-security-group');
    expect(b.fixes.map((f) => f.kind)).toEqual([
      'security-group-egress-accept',
      'security-group-egress-revoke',
    ]);
    const accept = fixOf(b, 'security-group-egress-accept');
    expect(accept.commands).toEqual([
      "aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --Permissions.1.Policy Accept --Permissions.1.Priority 4 --Permissions.1.IpProtocol TCP --Permissions.1.PortRange 443/443 --Permissions.1.DestCidrIp 140.82.112.5/32 --Permissions.1.Description 'podreach: tcp/443 to 140.82.112.5/32'",
    ]);
    expect(accept.needs).toEqual([]);
    expect(accept.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.10' });
    expect(fixOf(b, 'security-group-egress-revoke').commands).toEqual([
      'aliyun ecs RevokeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --SecurityGroupRuleId.1 sgr-drop',
    ]);
    expect(fixOf(b, 'security-group-egress-revoke').proof?.verdict).toBe('reachable');
  });

  it('a Drop at priority 1 cannot be outranked: only revoking it is offered', () => {
    const b = only(fixed(drop(1), A, '140.82.112.5'));
    expect(b.fixes.map((f) => f.kind)).toEqual(['security-group-egress-revoke']);
  });
});

describe('destination-access: security group ingress of an ECS', () => {
  it('the pod IP first, then the pod vSwitch CIDR (Terway: the pod uses its own IP)', () => {
    const b = only(fixed({}, A, 'i-legacy', { port: 5432 }));
    expect(b.kind).toBe('destination-access');
    expect(b.fixes.map((f) => f.commands[0])).toEqual([
      "aliyun ecs AuthorizeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-legacy --Permissions.1.Policy Accept --Permissions.1.Priority 1 --Permissions.1.IpProtocol TCP --Permissions.1.PortRange 5432/5432 --Permissions.1.SourceCidrIp 10.0.64.11/32 --Permissions.1.Description 'podreach: tcp/5432 from 10.0.64.11/32'",
      "aliyun ecs AuthorizeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-legacy --Permissions.1.Policy Accept --Permissions.1.Priority 1 --Permissions.1.IpProtocol TCP --Permissions.1.PortRange 5432/5432 --Permissions.1.SourceCidrIp 10.0.64.0/19 --Permissions.1.Description 'podreach: tcp/5432 from 10.0.64.0/19'",
    ]);
    for (const fix of b.fixes)
      expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
  });
});

describe('destination-access: a Drop rule in the destination group', () => {
  it('revoking a Drop that hides no Accept is not offered: the enterprise default would still drop', () => {
    const drop = {
      id: 'sgr-in-drop',
      direction: 'ingress',
      policy: 'Drop',
      priority: 10,
      protocol: 'TCP',
      ports: '5432/5432',
      cidr: '10.0.0.0/8',
    } as const;
    const b = only(fixed({ sgRules: { 'sg-legacy': [drop] } }, A, 'i-legacy', { port: 5432 }));
    expect(b.fixes.map((f) => f.kind)).toEqual([
      'security-group-ingress-accept',
      'security-group-ingress-accept',
    ]);
  });

  it('an Accept above it for the pod IP, the pod vSwitch, or revoking it (RevokeSecurityGroup, ingress)', () => {
    const drop = {
      id: 'sgr-in-drop',
      direction: 'ingress',
      policy: 'Drop',
      priority: 10,
      protocol: 'TCP',
      ports: '5432/5432',
      cidr: '10.0.0.0/8',
    } as const;
    const accept = { ...drop, id: 'sgr-in-accept', policy: 'Accept', priority: 50 } as const;
    const b = only(fixed({ sgRules: { 'sg-legacy': [drop, accept] } }, A, 'i-legacy', { port: 5432 }));
    expect(b.fixes.map((f) => f.kind)).toEqual([
      'security-group-ingress-accept',
      'security-group-ingress-accept',
      'security-group-ingress-revoke',
    ]);
    expect(b.fixes[0]?.commands[0]).toContain('--Permissions.1.Priority 9 ');
    expect(fixOf(b, 'security-group-ingress-revoke').commands).toEqual([
      'aliyun ecs RevokeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-legacy --SecurityGroupRuleId.1 sgr-in-drop',
    ]);
    for (const fix of b.fixes) expect(fix.proof?.verdict).toBe('reachable');
  });
});

describe('internet-exit: no SNAT entry covers the source', () => {
  it('Terway: an SNAT entry for the pod vSwitch with the gateway EIP already in use, or for the pod IP only', () => {
    const b = only(fixed({}, B, '140.82.112.5'));
    expect(b.kind).toBe('internet-exit');
    expect(b.fixes.map((f) => f.commands[0])).toEqual([
      'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-pod-b --SnatIp 47.98.1.11',
      'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceCIDR 10.0.128.6/32 --SnatIp 47.98.1.11',
    ]);
    for (const fix of b.fixes)
      expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.11' });
  });

  it('Flannel: the SNAT entry covers the node vSwitch (the pod leaves as its node)', () => {
    const b = only(fixed({ cni: 'flannel' }, B, '140.82.112.5'));
    expect(fixOf(b, 'snat-entry-vswitch').commands).toEqual([
      'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-node-b --SnatIp 47.98.1.11',
    ]);
    expect(fixOf(b, 'snat-entry-vswitch').proof?.verdict).toBe('reachable');
  });
});

describe('internet-exit: a Terway pod EIP from an unused EIP', () => {
  it('offered after the SNAT entries when an EIP is Available; the pod is then seen as that EIP', () => {
    const free = { id: 'eip-free', ip: '47.99.9.9', status: 'Available', instanceId: '', instanceType: '' };
    const b = only(fixed({ eips: [free] }, B, '140.82.112.5'));
    expect(b.fixes.map((f) => f.kind)).toEqual(['snat-entry-vswitch', 'snat-entry-address', 'pod-eip']);
    const fix = fixOf(b, 'pod-eip');
    expect(fix.commands).toEqual([
      `kubectl -n shop patch deployment web --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"network.alibabacloud.com/pod-eip-instanceid":"eip-free"}}}}}'`,
    ]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.99.9.9' });
  });

  it('not offered without an unused EIP', () => {
    expect(only(fixed({}, B, '140.82.112.5')).fixes.map((f) => f.kind)).not.toContain('pod-eip');
  });
});

describe('route: no route to the Internet', () => {
  it('0.0.0.0/0 → the VPC NAT gateway opens both the route and the internet-exit blockers', () => {
    const t = fixed({ noDefaultRoute: true }, A, '140.82.112.5');
    expect(t.blockers.map((b) => b.kind)).toEqual(['route', 'internet-exit']);
    for (const b of t.blockers) {
      expect(fixOf(b, 'route-nat-gateway').commands).toEqual([
        'aliyun vpc CreateRouteEntry --RegionId cn-hangzhou --RouteTableId vtb-sys --DestinationCidrBlock 0.0.0.0/0 --NextHopType NatGateway --NextHopId ngw-1',
      ]);
      expect(fixOf(b, 'route-nat-gateway').proof).toEqual({
        verdict: 'reachable',
        sourceAddressSeen: '47.98.1.10',
      });
    }
  });

  it('::/0 → the IPv6 gateway when the IPv6 default route is missing', () => {
    const base = fixtureSnapshot({ ipStack: 'dual', ipv6Bandwidth: true });
    const removed = applyChange(base, {
      kind: 'remove-route-entry',
      routeTableId: 'vtb-sys',
      destinationCidr: '::/0',
    });
    if (!removed.ok) throw new Error(removed.error);
    const t = fixedOn(removed.snapshot, A, '2606:4700::10');
    const b = t.blockers[0] as Blocker;
    expect(fixOf(b, 'route-ipv6-gateway').commands).toEqual([
      'aliyun vpc CreateRouteEntry --RegionId cn-hangzhou --RouteTableId vtb-sys --DestinationCidrBlock ::/0 --NextHopType IPv6Gateway --NextHopId ipv6gw-1',
    ]);
    expect(fixOf(b, 'route-ipv6-gateway').proof?.verdict).toBe('reachable');
  });
});

describe('internet-exit: IPv6 without Internet bandwidth', () => {
  it('allocates bandwidth to the pod address on its IPv6 gateway', () => {
    const b = only(fixed({ ipStack: 'dual' }, A, '2606:4700::10'));
    expect(fixOf(b, 'ipv6-internet-bandwidth').commands).toEqual([
      'aliyun vpc AllocateIpv6InternetBandwidth --RegionId cn-hangzhou --Ipv6GatewayId ipv6gw-1 --Ipv6AddressId ipv6-web-a --Bandwidth 1',
    ]);
    expect(fixOf(b, 'ipv6-internet-bandwidth').proof).toEqual({
      verdict: 'reachable',
      sourceAddressSeen: '2408:4005:3a0:b810::11',
    });
  });
});

describe('destination-access: RDS whitelist', () => {
  it('the pod IP, the pod vSwitch CIDR, or the webhook-injector annotations on the Deployment', () => {
    const b = only(
      fixed({ rdsWhitelist: [{ name: 'default', ips: '10.0.1.0/24' }] }, A, 'rm-orders', { port: 3306 }),
    );
    expect(b.fixes.map((f) => f.commands)).toEqual([
      [
        'aliyun rds ModifySecurityIps --RegionId cn-hangzhou --DBInstanceId rm-orders --DBInstanceIPArrayName default --SecurityIps 10.0.64.11 --ModifyMode Append',
      ],
      [
        'aliyun rds ModifySecurityIps --RegionId cn-hangzhou --DBInstanceId rm-orders --DBInstanceIPArrayName default --SecurityIps 10.0.64.0/19 --ModifyMode Append',
      ],
      [
        `kubectl -n shop patch deployment web --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"ack.aliyun.com/rds_id":"rm-orders","ack.aliyun.com/white_list_name":"podreach"}}}}}'`,
      ],
    ]);
    for (const fix of b.fixes)
      expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
  });
});

describe('network ACLs', () => {
  it('outbound (a route hop): a first accept entry; the command restates every custom entry after it', () => {
    const networkAcl = {
      vSwitch: 'vsw-pod-a',
      ingress: [],
      egress: ['drop tcp 3306/3306 10.0.8.0/24', 'accept all -1/-1 0.0.0.0/0'],
    };
    const b = only(
      fixed({ networkAcl, rdsWhitelist: [{ name: 'pods', ips: '10.0.64.0/19' }] }, A, 'rm-orders', {
        port: 3306,
      }),
    );
    expect(b.kind).toBe('route');
    expect(fixOf(b, 'network-acl-egress-accept').commands).toEqual([
      'aliyun vpc UpdateNetworkAclEntries --RegionId cn-hangzhou --NetworkAclId nacl-1 --UpdateEgressAclEntries true --EgressAclEntries.1.Policy accept --EgressAclEntries.1.Protocol tcp --EgressAclEntries.1.Port 3306/3306 --EgressAclEntries.1.DestinationCidrIp 10.0.8.20/32 --EgressAclEntries.1.NetworkAclEntryName podreach --EgressAclEntries.2.NetworkAclEntryId nae-out-1 --EgressAclEntries.2.Policy drop --EgressAclEntries.2.Protocol tcp --EgressAclEntries.2.Port 3306/3306 --EgressAclEntries.2.DestinationCidrIp 10.0.8.0/24 --EgressAclEntries.3.NetworkAclEntryId nae-out-2 --EgressAclEntries.3.Policy accept --EgressAclEntries.3.Protocol all --EgressAclEntries.3.Port -1/-1 --EgressAclEntries.3.DestinationCidrIp 0.0.0.0/0',
    ]);
    expect(fixOf(b, 'network-acl-egress-accept').proof?.verdict).toBe('reachable');
  });

  it('inbound (destination-access): default deny opened for the address the destination sees', () => {
    const networkAcl = { vSwitch: 'vsw-db', ingress: ['accept tcp 22/22 10.0.1.0/24'], egress: [] };
    const b = only(fixed({ networkAcl }, A, 'i-legacy', { port: 8080 }));
    expect(fixOf(b, 'network-acl-ingress-accept').commands).toEqual([
      'aliyun vpc UpdateNetworkAclEntries --RegionId cn-hangzhou --NetworkAclId nacl-1 --UpdateIngressAclEntries true --IngressAclEntries.1.Policy accept --IngressAclEntries.1.Protocol tcp --IngressAclEntries.1.Port 8080/8080 --IngressAclEntries.1.SourceCidrIp 10.0.64.11/32 --IngressAclEntries.1.NetworkAclEntryName podreach --IngressAclEntries.2.NetworkAclEntryId nae-in-1 --IngressAclEntries.2.Policy accept --IngressAclEntries.2.Protocol tcp --IngressAclEntries.2.Port 22/22 --IngressAclEntries.2.SourceCidrIp 10.0.1.0/24',
    ]);
    expect(fixOf(b, 'network-acl-ingress-accept').proof?.verdict).toBe('reachable');
  });
});

describe('network ACLs: the entry is as narrow as the API allows', () => {
  // The security group blocks these protocols too; the ACL's own fix is kept because it opens the ACL blocker.
  const aclFix = (t: Trace) => {
    const b = t.blockers.find((x) => x.fixes.some((f) => f.kind === 'network-acl-ingress-accept'));
    if (b === undefined) throw new Error('no network ACL fix');
    return fixOf(b, 'network-acl-ingress-accept');
  };
  it('ICMP gets an icmp entry, not every protocol', () => {
    const networkAcl = { vSwitch: 'vsw-db', ingress: ['accept tcp 22/22 10.0.1.0/24'], egress: [] };
    const fix = aclFix(fixed({ networkAcl }, A, 'i-legacy', { protocol: 'icmp' }));
    expect(fix.commands).toEqual([
      'aliyun vpc UpdateNetworkAclEntries --RegionId cn-hangzhou --NetworkAclId nacl-1 --UpdateIngressAclEntries true --IngressAclEntries.1.Policy accept --IngressAclEntries.1.Protocol icmp --IngressAclEntries.1.Port -1/-1 --IngressAclEntries.1.SourceCidrIp 10.0.64.11/32 --IngressAclEntries.1.NetworkAclEntryName podreach --IngressAclEntries.2.NetworkAclEntryId nae-in-1 --IngressAclEntries.2.Policy accept --IngressAclEntries.2.Protocol tcp --IngressAclEntries.2.Port 22/22 --IngressAclEntries.2.SourceCidrIp 10.0.1.0/24',
    ]);
  });

  it('a protocol the API cannot name alone (SCTP) gets all, and the trade-offs say so', () => {
    const networkAcl = { vSwitch: 'vsw-db', ingress: [], egress: [] };
    const fix = aclFix(fixed({ networkAcl }, A, 'i-legacy', { protocol: 'sctp', port: 3868 }));
    expect(fix.summary).toBe(
      'add a first inbound entry to network ACL nacl-1: accept all -1/-1 from 10.0.64.11/32',
    );
    expect(fix.tradeoffs).toBe(
      'network ACLs are stateless: the reply direction needs a matching entry too (not traced); UpdateNetworkAclEntries rewrites every custom entry of that direction, as listed in the command (their descriptions are not in the snapshot, so they are not restated); the entry accepts every protocol and port from 10.0.64.11/32: the API’s protocols (icmp, gre, tcp, udp, all) cannot name SCTP alone',
    );
  });
});

describe('destination-access: CLB', () => {
  it('a whitelist ACL gets the SNAT address', () => {
    const b = only(
      fixed(
        {
          inClusterLoadBalance: 'false',
          slbBackend: 'i-b',
          slbAcl: { type: 'white', entries: ['1.2.3.4/32'] },
          sgRules: { 'sg-node': [NODEPORT_OPEN] },
        },
        A,
        'lb-pub',
        { port: 80 },
      ),
    );
    expect(fixOf(b, 'slb-acl-entry').commands).toEqual([
      `aliyun slb AddAccessControlListEntry --RegionId cn-hangzhou --AclId acl-1 --AclEntrys '[{"entry":"47.98.1.10/32","comment":"podreach"}]'`,
    ]);
    expect(fixOf(b, 'slb-acl-entry').proof?.verdict).toBe('reachable');
  });

  it('the Layer-4 hairpin: use the Service name, or in_cluster_loadbalance "true" (Terway)', () => {
    const b = only(fixed({ inClusterLoadBalance: 'false' }, A, '47.96.1.20', { port: 80 }));
    expect(b.fixes.map((f) => f.kind)).toEqual(['use-service-name', 'terway-in-cluster-loadbalance']);
    expect(fixOf(b, 'use-service-name').commands).toEqual([]);
    expect(fixOf(b, 'terway-in-cluster-loadbalance').commands).toEqual([
      `kubectl -n kube-system patch configmap eni-config --type merge -p '{"data":{"in_cluster_loadbalance":"true"}}'`,
    ]);
    for (const fix of b.fixes) expect(fix.proof?.verdict).toBe('reachable');
  });
});

describe('destination-access: the CLB has no listener on the port', () => {
  const lbOptions = {
    inClusterLoadBalance: 'false',
    slbBackend: 'i-b',
    sgRules: { 'sg-node': [NODEPORT_OPEN] },
  } as const;

  it('the owning LoadBalancer Service lacks the port: add it (CCM adds the listener to its nodePort)', () => {
    const b = only(fixed(lbOptions, A, '47.96.1.20', { port: 8080 }));
    expect(b.reason).toBe(
      'lb-pub has no tcp listener on port 8080 (listeners: 80/tcp): nothing answers there',
    );
    expect(b.fixes.map((f) => f.kind)).toEqual(['load-balancer-service-port']);
    const fix = fixOf(b, 'load-balancer-service-port');
    expect(fix.commands).toEqual([
      `kubectl -n shop patch service api-lb --type json -p '[{"op":"add","path":"/spec/ports/-","value":{"name":"tcp-8080","port":8080,"protocol":"TCP","targetPort":9000,"nodePort":30000}}]'`,
    ]);
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('the Service has the port but the listener is missing: create and start it towards the nodePort', () => {
    const base = fixtureSnapshot(lbOptions);
    const snapshot: Snapshot = {
      ...base,
      cloud: {
        ...base.cloud,
        loadBalancers: base.cloud.loadBalancers.map((l) => (l.id === 'lb-pub' ? { ...l, listeners: [] } : l)),
      },
    };
    const b = only(fixedOn(snapshot, A, '47.96.1.20', { port: 80 }));
    const fix = fixOf(b, 'slb-listener');
    expect(fix.commands).toEqual([
      'aliyun slb CreateLoadBalancerTCPListener --RegionId cn-hangzhou --LoadBalancerId lb-pub --ListenerPort 80 --BackendServerPort 31080 --Bandwidth -1',
      'aliyun slb StartLoadBalancerListener --RegionId cn-hangzhou --LoadBalancerId lb-pub --ListenerPort 80 --ListenerProtocol tcp',
    ]);
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('pod ENIs as CLB backends (Terway backend-type eni): the listener forwards to the targetPort, not the nodePort', () => {
    // As CCM configures it: the ENI-backed listeners of examples/terway-in-cluster-lb and terway-dualstack forward
    // to the pods' port (BackendServerPort 9000, 8443); a nodePort is a node's port, nothing listens on it in a pod.
    const base = fixtureSnapshot(lbOptions);
    const enis = (listeners: readonly never[] | undefined) =>
      base.cloud.loadBalancers.map((l) =>
        l.id === 'lb-pub'
          ? {
              ...l,
              ...(listeners === undefined ? {} : { listeners }),
              backends: [{ serverId: 'eni-api-b', serverIp: '10.0.128.7', type: 'eni' }],
            }
          : l,
      );
    const missing: Snapshot = { ...base, cloud: { ...base.cloud, loadBalancers: enis([]) } };
    const listener = fixOf(only(fixedOn(missing, A, '47.96.1.20', { port: 80 })), 'slb-listener');
    expect(listener.commands[0]).toBe(
      'aliyun slb CreateLoadBalancerTCPListener --RegionId cn-hangzhou --LoadBalancerId lb-pub --ListenerPort 80 --BackendServerPort 9000 --Bandwidth -1',
    );
    expect(listener.summary).toBe(
      'create and start a TCP listener on port 80 of lb-pub, forwarding to targetPort 9000 of Service shop/api-lb on its pod ENIs',
    );
    const noPort: Snapshot = { ...base, cloud: { ...base.cloud, loadBalancers: enis(undefined) } };
    const added = fixOf(only(fixedOn(noPort, A, '47.96.1.20', { port: 8080 })), 'load-balancer-service-port');
    expect(added.summary).toBe(
      'add port 8080/tcp to LoadBalancer Service shop/api-lb: the cloud controller manager then adds the TCP listener 8080 to lb-pub, forwarding to targetPort 9000 on its pod ENIs',
    );
  });

  it('no fix without an owning Service (the backend port is unknown)', () => {
    const base = fixtureSnapshot(lbOptions);
    const snapshot: Snapshot = {
      ...base,
      kubernetes: {
        ...base.kubernetes,
        services: base.kubernetes.services.filter((s) => s.name !== 'api-lb'),
      },
    };
    const t = fixedOn(snapshot, A, '47.96.1.20', { port: 8080 });
    expect(t.blockers.map((b) => b.kind)).toEqual(['destination-access']);
    expect(t.blockers[0]?.fixes).toEqual([]);
  });
});

describe('service: externalTrafficPolicy Local without a local endpoint', () => {
  it('externalTrafficPolicy Cluster, or the Service name', () => {
    const b = only(
      fixed({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, B, '47.96.1.20', { port: 80 }),
    );
    expect(b.kind).toBe('service');
    expect(fixOf(b, 'service-external-traffic-policy-cluster').commands).toEqual([
      `kubectl -n shop patch service api-lb --type merge -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`,
    ]);
    for (const fix of b.fixes) expect(fix.proof?.verdict).toBe('reachable');
  });

  it('says what else Cluster changes: every node forwards, client addresses are lost, CCM attaches every node', () => {
    const b = only(
      fixed({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, B, '47.96.1.20', { port: 80 }),
    );
    expect(fixOf(b, 'service-external-traffic-policy-cluster').tradeoffs).toBe(
      'for every client, not only this one: every node’s nodePort then forwards to the endpoints, not only nodes with a local endpoint (whoever the node security groups let reach a nodePort reaches the pods); the pods see the node’s address instead of an external client’s (kube-proxy masquerades), so NetworkPolicy ipBlock rules, allow lists and logs keyed on client addresses stop matching; traffic may take an extra node hop; a LoadBalancer Service whose CLB backends are nodes gets every node attached as a backend (ACK: Cluster mounts all nodes, Local only nodes with pods; more backend quota); the ACK FAQ alternative is to use the Service name or ClusterIP',
    );
  });
});

describe('service: the Service has no such port', () => {
  it('adds the port with the container port the selected pods declare as targetPort (JSON patch, append)', () => {
    const b = only(fixed({}, A, 'svc/shop/api', { port: 8080 }));
    expect(b.reason).toBe(
      'Service shop/api has no port 8080/tcp (ports: 80/tcp): the ClusterIP answers nothing else',
    );
    const fix = fixOf(b, 'service-port');
    expect(fix.summary).toBe('add port 8080/tcp → targetPort 9000 to Service shop/api');
    expect(fix.commands).toEqual([
      `kubectl -n shop patch service api --type json -p '[{"op":"add","path":"/spec/ports/-","value":{"name":"tcp-8080","port":8080,"protocol":"TCP","targetPort":9000}}]'`,
    ]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
  });

  it('a LoadBalancer Service gets an explicit free nodePort', () => {
    const fix = fixOf(only(fixed({}, A, '192.168.10.20', { port: 8080 })), 'service-port');
    expect(fix.commands).toEqual([
      `kubectl -n shop patch service api-lb --type json -p '[{"op":"add","path":"/spec/ports/-","value":{"name":"tcp-8080","port":8080,"protocol":"TCP","targetPort":9000,"nodePort":30000}}]'`,
    ]);
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('a sole unnamed port is named too: a Service with several ports must name them all', () => {
    const unnamed = `apiVersion: v1
kind: Service
metadata: {name: plain, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 192.168.10.30
  clusterIPs: [192.168.10.30]
  selector: {app: api}
  ports: [{port: 80, targetPort: 9000, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: plain-x1
  namespace: shop
  labels: {kubernetes.io/service-name: plain}
addressType: IPv4
ports: [{port: 9000, protocol: TCP}]
endpoints:
- addresses: [10.0.64.12]
  conditions: {ready: true}
  nodeName: cn-hangzhou.10.0.1.11
  targetRef: {kind: Pod, namespace: shop, name: api-a}
`;
    const fix = fixOf(
      only(fixed({ objects: [unnamed] }, A, 'svc/shop/plain', { port: 9000 })),
      'service-port',
    );
    expect(fix.commands).toEqual([
      `kubectl -n shop patch service plain --type json -p '[{"op":"add","path":"/spec/ports/0/name","value":"tcp-80"},{"op":"add","path":"/spec/ports/-","value":{"name":"tcp-9000","port":9000,"protocol":"TCP","targetPort":9000}}]'`,
    ]);
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('not offered for ICMP to a Service address (a Service has no ICMP port)', () => {
    const t = fixed({}, A, '192.168.10.10', { protocol: 'icmp' });
    expect(t.verdict).toBe('blocked');
    expect(t.blockers.flatMap((b) => b.fixes)).toEqual([]);
  });
});

describe('destination-access: third-party allow-list', () => {
  it('names the address to add; no command (the list is theirs)', () => {
    const b = only(
      fixed({ snat: [{ id: 'snat-a', vSwitch: 'vsw-pod-a', ips: '47.98.1.99' }] }, A, 'partner.example.com'),
    );
    const fix = fixOf(b, 'third-party-allow-list');
    expect(fix.summary).toBe(
      'ask the operator of partner to allow 47.98.1.99/32; then record it in world.yaml allowLists partner.allowedSources',
    );
    expect(fix.commands).toEqual([]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.99' });
  });
});

const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}`;

describe('NetworkPolicy', () => {
  it('egress to a name: exactly this address and port, plus DNS to kube-dns the pod could not reach', () => {
    const b = only(fixed({ objects: [DENY_EGRESS] }, A, 'api.example.com'));
    const fix = fixOf(b, 'network-policy-egress');
    expect(fix.commands).toEqual([]);
    expect(fix.manifests).toEqual([
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: podreach-allow-egress-web-tcp-443
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
        - ipBlock:
            cidr: 140.82.112.5/32
      ports:
        - protocol: TCP
          port: 443
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
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.10' });
  });

  it('egress to an address: no DNS rule', () => {
    const fix = fixOf(only(fixed({ objects: [DENY_EGRESS] }, A, '140.82.112.5')), 'network-policy-egress');
    expect(fix.manifests[0]).not.toContain('kube-dns');
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('ingress: from the source workload’s pods (namespace and labels) on the port', () => {
    const b = only(fixed({ objects: [DENY_INGRESS] }, A, 'shop/api-b', { port: 9000 }));
    const fix = fixOf(b, 'network-policy-ingress');
    expect(fix.manifests).toEqual([
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: podreach-allow-ingress-api-b-tcp-9000
  namespace: shop
  labels:
    app.kubernetes.io/managed-by: podreach
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: shop
          podSelector:
            matchLabels:
              app: web
      ports:
        - protocol: TCP
          port: 9000
`,
    ]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
  });
});

describe('internet-exit: an IPv4 single-stack pod towards IPv6', () => {
  const world = `apiVersion: podreach/v1
kind: World
dns:
  both.example.com: { a: [140.82.112.5], aaaa: ["2606:4700::20"] }
  v6.example.com: { aaaa: ["2606:4700::10"] }
`;

  it('an IPv6 address published by a name that has A records too: use that IPv4 address (a client change)', () => {
    const b = only(fixed({ world }, A, '2606:4700::20'));
    expect(b.kind).toBe('internet-exit');
    const fix = fixOf(b, 'use-ipv4-address');
    expect(fix.summary).toBe(
      'connect to 140.82.112.5, the IPv4 address of both.example.com (which publishes 2606:4700::20), instead of its IPv6 address',
    );
    expect(fix.commands).toEqual([]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.10' });
  });

  it('a dual-published name forced to IPv6: connect over IPv4', () => {
    const fix = fixOf(only(fixed({ world }, A, 'both.example.com', { family: 6 })), 'use-ipv4-address');
    expect(fix.summary).toBe(
      'connect to both.example.com over IPv4 (140.82.112.5): the name has A records too; do not force IPv6',
    );
    expect(fix.proof?.verdict).toBe('reachable');
  });

  it('an AAAA-only name: no fix', () => {
    const t = fixed({ world }, A, 'v6.example.com');
    expect(t.blockers.map((b) => b.kind)).toEqual(['internet-exit']);
    expect(t.blockers[0]?.fixes).toEqual([]);
  });
});

describe('blockers with no network fix', () => {
  it('NXDOMAIN: the name is wrong, no change to the snapshot opens it', () => {
    const t = fixed({}, A, 'gone.example.com');
    expect(t.blockers.map((b) => b.kind)).toEqual(['dns']);
    expect(t.blockers[0]?.fixes).toEqual([]);
  });

  it('an IPv4 single-stack pod towards IPv6: no fix (the cluster’s IP stack is fixed at creation)', () => {
    const t = fixed({}, A, '2606:4700::10');
    expect(t.verdict).toBe('blocked');
    expect(t.blockers.every((b) => b.fixes.length === 0)).toBe(true);
  });
});

describe('attachFixes contract', () => {
  it('blockedAt stays the same object as blockers[0]; a reachable trace is returned as it is', () => {
    const t = fixed({}, B, '140.82.112.5');
    expect(t.blockedAt).toBe(t.blockers[0]);
    const snapshot = fixtureSnapshot({});
    const q = query(A, '140.82.112.5');
    const result = check(snapshot, q);
    if (!result.ok || !('trace' in result)) throw new Error('expected a trace');
    expect(attachFixes(snapshot, q, result.trace, check)).toBe(result.trace);
  });

  it('does not change the snapshot it is given', () => {
    const snapshot = fixtureSnapshot({});
    const before = JSON.stringify(snapshot);
    fixedOn(snapshot, B, '140.82.112.5');
    expect(JSON.stringify(snapshot)).toBe(before);
  });
});

describe('internet-exit: the SNAT entry covering the pod has no SnatIp', () => {
  it('ModifySnatEntry gives it the EIPs the gateway already uses; no second entry for the same vSwitch', () => {
    const b = only(
      fixed(
        {
          snat: [
            { id: 'snat-pod-a', vSwitch: 'vsw-pod-a', cidr: '10.0.64.0/19', ips: '' },
            { id: 'snat-node-a', vSwitch: 'vsw-node-a', cidr: '10.0.1.0/24', ips: '47.98.1.11' },
          ],
        },
        A,
        '140.82.112.5',
      ),
    );
    expect(b.fixes.map((f) => f.kind)).toEqual(['snat-entry-snat-ip', 'snat-entry-address']);
    const fix = fixOf(b, 'snat-entry-snat-ip');
    expect(fix.summary).toBe('give SNAT entry snat-pod-a of ngw-1 the SnatIp 47.98.1.11 (it has none)');
    expect(fix.commands).toEqual([
      'aliyun vpc ModifySnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SnatEntryId snat-pod-a --SnatIp 47.98.1.11',
    ]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.11' });
  });
});

describe('service: internalTrafficPolicy Local without an endpoint on the client’s node', () => {
  it('internalTrafficPolicy Cluster, merge patch', () => {
    const b = only(fixed({ objects: [LOCAL_ONLY] }, A, 'svc/shop/api-local', { port: 80 }));
    const fix = fixOf(b, 'service-internal-traffic-policy-cluster');
    expect(fix.commands).toEqual([
      `kubectl -n shop patch service api-local --type merge -p '{"spec":{"internalTrafficPolicy":"Cluster"}}'`,
    ]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.11' });
    expect(fix.tradeoffs).toBe(
      'for every in-cluster client: each is then sent to endpoints on any node, not only its own (the node-local path the policy kept is given up, with its latency); if the Service fronts a per-node agent (a DaemonSet whose pod on the client’s node must answer), clients then reach other nodes’ agents — running an endpoint on the client’s node keeps Local working instead',
    );
  });
});

describe('service: a NodePort with externalTrafficPolicy Local on a node without a local endpoint', () => {
  it('externalTrafficPolicy Cluster (the node then masquerades the client), or the Service name', () => {
    const b = only(
      fixed({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['b'] }, A, '10.0.1.11', { port: 31080 }),
    );
    expect(b.fixes.map((f) => f.kind)).toEqual([
      'service-external-traffic-policy-cluster',
      'use-service-name',
    ]);
    expect(fixOf(b, 'service-external-traffic-policy-cluster').proof).toEqual({
      verdict: 'reachable',
      sourceAddressSeen: '10.0.1.11',
    });
  });
});

describe('the destination in the pod’s other address family (a client change)', () => {
  it('an IPv4-only pod asked for a dual-stack pod’s IPv6 address: that pod’s IPv4 address', () => {
    const b = only(fixed({ ipStack: 'dual' }, 'shop/api-a', '2408:4005:3a0:b820::6', { port: 8080 }));
    const fix = fixOf(b, 'use-ipv4-address');
    expect(fix.summary).toBe(
      `connect to 10.0.128.6, the IPv4 address of pod shop/${WEB_B}, instead of 2408:4005:3a0:b820::6`,
    );
    expect(fix.commands).toEqual([]);
    expect(fix.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '10.0.64.12' });
  });

  it('a dual-stack pod forced to one family the name lacks: the other family', () => {
    const v4 = fixOf(
      only(fixed({ ipStack: 'dual', ipv6Bandwidth: true }, A, 'api.example.com', { family: 6 })),
      'use-ipv4-address',
    );
    expect(v4.summary).toBe('connect to api.example.com over IPv4, not IPv6');
    expect(v4.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '47.98.1.10' });
    const v6 = fixOf(
      only(fixed({ ipStack: 'dual', ipv6Bandwidth: true }, A, 'v6.example.com', { family: 4 })),
      'use-ipv6-address',
    );
    expect(v6.proof).toEqual({ verdict: 'reachable', sourceAddressSeen: '2408:4005:3a0:b810::11' });
  });
});
