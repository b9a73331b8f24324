/**
 * Issue 7's "done when", executable: every place the engine makes a hop drop (a blocker) is listed here with the
 * reasons it can give, and each reason either has a fix kind — proven by a scenario whose fix re-traces to
 * `reachable` — or is on the "No fix" list of docs/fixes.md, with a scenario showing the blocker carries no fix.
 *
 * The drop sites are found in the engine's source (a `result: 'drop'`, a `result: verdict.result` that forwards a
 * security group's drop, or a `result: … ? 'drop'`), each recognised by a phrase of its code nearby. A new or changed
 * drop site fails the first test until it is classified here. Scenarios use the fixture clusters in their raw
 * formats (src/engine/test-fixtures/cluster.ts, src/engine/dns/test-fixtures/dns-cluster.ts); the expected fix kinds
 * and blocker reasons are written by hand from docs/fixes.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnsSnapshot } from '../engine/dns/test-fixtures/dns-cluster.js';
import { check } from '../engine/index.js';
import { type FixtureOptions, fixtureSnapshot, WEB_A, WEB_B } from '../engine/test-fixtures/cluster.js';
import { type QueryExtras, query } from '../engine/test-fixtures/query.js';
import type { Blocker, Snapshot, Trace } from '../model/index.js';
import { applyChanges } from './apply.js';
import { attachResultFixes } from './attach.js';
import type { SnapshotChange } from './change.js';
import { DENY_EGRESS, LOCAL_ONLY, ONLY_NODE_LOCAL } from './test-fixtures/manifests.js';

const A = `shop/${WEB_A}`;
const B = `shop/${WEB_B}`;

function traced(snapshot: Snapshot, from: string, to: string, extras: QueryExtras = {}): Trace {
  const q = query(from, to, extras);
  const result = attachResultFixes(snapshot, q, check(snapshot, q), check);
  if (!result.ok || !('trace' in result)) throw new Error('expected a single trace');
  return result.trace;
}

function on(options: FixtureOptions, from: string, to: string, extras: QueryExtras = {}): () => Trace {
  return () => traced(fixtureSnapshot(options), from, to, extras);
}

function changed(options: FixtureOptions, changes: readonly SnapshotChange[]): Snapshot {
  const result = applyChanges(fixtureSnapshot(options), changes);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
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
const CLB = {
  inClusterLoadBalance: 'false',
  slbBackend: 'i-b',
  sgRules: { 'sg-node': [NODEPORT_OPEN] },
} as const;

const DENY_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
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

/** Egress to NodeLocal DNSCache and api.example.com only: the kube-dns path is closed. */

const PENDING = `apiVersion: v1
kind: Pod
metadata: {name: batch-1, namespace: shop, labels: {app: batch}}
spec:
  nodeName: cn-hangzhou.10.0.1.11
  containers: [{name: app, image: registry.example/app:1, ports: [{containerPort: 80, protocol: TCP}]}]
status: {phase: Pending, hostIP: 10.0.1.11, podIP: 10.0.64.10, podIPs: [{ip: 10.0.64.10}]}
`;

const NO_SELECTOR = `apiVersion: v1
kind: Service
metadata: {name: external-db, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 192.168.10.50
  clusterIPs: [192.168.10.50]
  ports: [{name: sql, port: 5432, protocol: TCP}]
`;

const NODE_LOCAL = {
  shopLabels: { 'node-local-dns-injection': 'enabled' },
  nodeLocalDaemonSet: true,
} as const;
const DATAPATHV2_CONF =
  '{"cniVersion":"0.4.0","name":"terway","type":"terway","eniip_virtual_type":"datapathv2"}';

type Outcome =
  | { readonly fix: string }
  /** A phrase of the docs/fixes.md "No fix" line that says why. */
  | { readonly noFix: string };

interface Reason {
  readonly name: string;
  /** The blocker the scenario must stop at: its hop kind and a phrase of its reason. */
  readonly blocker: readonly [Blocker['kind'], string];
  readonly outcome: Outcome;
  readonly scenario: () => Trace;
}

interface Site {
  /** Under src/engine. */
  readonly file: string;
  /** A phrase of the code within a few lines of the drop. */
  readonly anchor: string;
  readonly reasons: readonly Reason[];
}

/** The fixture with its NAT gateway ngw-1 of another NetworkType (a VPC NAT gateway: `intranet`). */
function withNatNetworkType(networkType: string): Snapshot {
  const snapshot = fixtureSnapshot();
  const natGateways = snapshot.cloud.natGateways.map((g) => (g.id === 'ngw-1' ? { ...g, networkType } : g));
  return { ...snapshot, cloud: { ...snapshot.cloud, natGateways } };
}

const SITES: readonly Site[] = [
  {
    file: 'hops/gateway-scope.ts',
    anchor: 'resource(exit.kind, exit.id)',
    reasons: [
      {
        name: 'a private address outside the VPC sent to an IPv4 gateway',
        blocker: ['internet-exit', 'IPv4 gateway ipv4gw-1, which leads only to the Internet'],
        outcome: { noFix: 'a private address outside the VPC handed to a gateway' },
        scenario: on(
          { routes: [{ id: 'rte-v4gw', cidr: '172.16.0.0/12', type: 'IPv4Gateway', hop: 'ipv4gw-1' }] },
          A,
          '172.16.5.5',
          { port: 443 },
        ),
      },
    ],
  },
  {
    file: 'hops/gateway-scope.ts',
    anchor: 'to Internet NAT gateway',
    reasons: [
      {
        name: 'a private address outside the VPC sent to the Internet NAT gateway by the default route',
        blocker: ['internet-exit', 'is a private address outside the VPC'],
        outcome: { noFix: 'a private address outside the VPC handed to a gateway' },
        scenario: on({}, A, '172.16.5.5', { port: 443 }),
      },
    ],
  },
  {
    file: 'hops/gateway-scope.ts',
    anchor: 'a VPC NAT gateway (NetworkType intranet)',
    reasons: [
      {
        name: 'an Internet address sent to a VPC NAT gateway',
        blocker: ['internet-exit', 'does not reach the Internet'],
        outcome: { noFix: 'an Internet address handed to a VPC NAT gateway' },
        scenario: () => traced(withNatNetworkType('intranet'), A, '140.82.112.5', { port: 443 }),
      },
    ],
  },
  {
    file: 'check.ts',
    anchor: 'address to send to',
    reasons: [
      {
        name: 'an IPv4-only pod asked for a pod’s IPv6 address: that pod’s IPv4 address',
        blocker: ['source', 'has no IPv6 address to send to'],
        outcome: { fix: 'use-ipv4-address' },
        scenario: on({ ipStack: 'dual' }, 'shop/api-a', '2408:4005:3a0:b820::6', { port: 8080 }),
      },
      {
        name: 'an IPv6 address no pod or Service of the snapshot has',
        blocker: ['source', 'has no IPv6 address to send to'],
        outcome: { noFix: 'the pod has no address of the family' },
        scenario: on({ ipStack: 'dual' }, 'shop/api-a', '2408:4005:3a0:b801::99', { port: 8080 }),
      },
    ],
  },
  {
    file: 'hops/route.ts',
    anchor: 'no route in',
    reasons: [
      {
        name: 'no route covers an Internet address',
        blocker: ['route', 'no route in vtb-sys'],
        outcome: { fix: 'route-nat-gateway' },
        scenario: on({ noDefaultRoute: true }, A, '140.82.112.5'),
      },
      {
        name: 'no route covers the IPv6 Internet',
        blocker: ['route', 'no route in vtb-sys'],
        outcome: { fix: 'route-ipv6-gateway' },
        scenario: () =>
          traced(
            changed({ ipStack: 'dual', ipv6Bandwidth: true }, [
              { kind: 'remove-route-entry', routeTableId: 'vtb-sys', destinationCidr: '::/0' },
            ]),
            A,
            '2606:4700::10',
          ),
      },
      {
        name: 'no route covers a private address outside the VPC',
        blocker: ['route', 'no route in vtb-sys'],
        outcome: { noFix: 'private address outside the VPC' },
        scenario: on({ noDefaultRoute: true }, A, '172.16.5.5'),
      },
    ],
  },
  {
    file: 'hops/network-acl.ts',
    anchor: 'network ACLs deny by default',
    reasons: [
      {
        name: 'the source vSwitch’s outbound ACL',
        blocker: ['route', 'nacl-1'],
        outcome: { fix: 'network-acl-egress-accept' },
        scenario: on(
          {
            networkAcl: {
              vSwitch: 'vsw-pod-a',
              ingress: [],
              egress: ['drop tcp 3306/3306 10.0.8.0/24', 'accept all -1/-1 0.0.0.0/0'],
            },
            rdsWhitelist: [{ name: 'pods', ips: '10.0.64.0/19' }],
          },
          A,
          'rm-orders',
          { port: 3306 },
        ),
      },
      {
        name: 'the destination vSwitch’s inbound ACL',
        blocker: ['destination-access', 'nacl-1'],
        outcome: { fix: 'network-acl-ingress-accept' },
        scenario: on(
          { networkAcl: { vSwitch: 'vsw-db', ingress: ['accept tcp 22/22 10.0.1.0/24'], egress: [] } },
          A,
          'i-legacy',
          { port: 8080 },
        ),
      },
    ],
  },
  {
    file: 'hops/destination.ts',
    anchor: 'not Running: nothing answers',
    reasons: [
      {
        name: 'the destination pod is not Running',
        blocker: ['destination', 'is Pending, not Running'],
        outcome: { noFix: 'the pod is not Running' },
        scenario: on({ objects: [PENDING] }, A, 'shop/batch-1', { port: 80 }),
      },
    ],
  },
  {
    file: 'hops/load-balancer.ts',
    anchor: "'listeners'",
    reasons: [
      {
        name: 'no listener on the port; the owning LoadBalancer Service lacks the port',
        blocker: ['destination-access', 'has no tcp listener on port 8080'],
        outcome: { fix: 'load-balancer-service-port' },
        scenario: on(CLB, A, '47.96.1.20', { port: 8080 }),
      },
      {
        name: 'no listener on the port; the owning Service has it',
        blocker: ['destination-access', 'has no tcp listener on port 80'],
        outcome: { fix: 'slb-listener' },
        scenario: () => {
          const base = fixtureSnapshot(CLB);
          const snapshot: Snapshot = {
            ...base,
            cloud: {
              ...base.cloud,
              loadBalancers: base.cloud.loadBalancers.map((l) => ({ ...l, listeners: [] })),
            },
          };
          return traced(snapshot, A, '47.96.1.20', { port: 80 });
        },
      },
      {
        name: 'no listener on the port and no Service owns the CLB',
        blocker: ['destination-access', 'has no tcp listener on port 8080'],
        outcome: { noFix: 'no LoadBalancer Service owns it' },
        scenario: () => {
          const base = fixtureSnapshot(CLB);
          const snapshot: Snapshot = {
            ...base,
            kubernetes: {
              ...base.kubernetes,
              services: base.kubernetes.services.filter((s) => s.name !== 'api-lb'),
            },
          };
          return traced(snapshot, A, '47.96.1.20', { port: 8080 });
        },
      },
    ],
  },
  {
    file: 'hops/load-balancer.ts',
    anchor: 'reason: problems.join',
    reasons: [
      {
        name: 'the listener’s whitelist ACL',
        blocker: ['destination-access', 'of listener 80'],
        outcome: { fix: 'slb-acl-entry' },
        scenario: on({ ...CLB, slbAcl: { type: 'white', entries: ['1.2.3.4/32'] } }, A, 'lb-pub', {
          port: 80,
        }),
      },
      {
        name: 'a Layer-4 hairpin',
        blocker: ['destination-access', 'Layer-4 hairpin'],
        outcome: { fix: 'use-service-name' },
        scenario: on({ inClusterLoadBalance: 'false' }, A, '47.96.1.20', { port: 80 }),
      },
    ],
  },
  {
    file: 'hops/load-balancer.ts',
    anchor: 'has no backend server',
    reasons: [
      {
        name: 'the CLB has no backend server',
        blocker: ['destination-access', 'has no backend server'],
        outcome: { noFix: 'the CLB has no backend server' },
        scenario: () => {
          const base = fixtureSnapshot(CLB);
          const snapshot: Snapshot = {
            ...base,
            cloud: {
              ...base.cloud,
              loadBalancers: base.cloud.loadBalancers.map((l) => ({ ...l, backends: [] })),
            },
          };
          return traced(snapshot, A, '47.96.1.20', { port: 80 });
        },
      },
    ],
  },
  {
    file: 'hops/load-balancer.ts',
    anchor: 'a Layer-4 CLB keeps it',
    reasons: [
      {
        name: 'the backend ECS’s security group does not admit the client address',
        blocker: ['destination-access', 'a Layer-4 CLB keeps it'],
        outcome: { fix: 'security-group-ingress-accept' },
        scenario: on({ inClusterLoadBalance: 'false', slbBackend: 'i-b' }, A, '47.96.1.20', { port: 80 }),
      },
    ],
  },
  {
    file: 'hops/destination-access.ts',
    anchor: 'whitelist groups',
    reasons: [
      {
        name: 'the RDS whitelist',
        blocker: ['destination-access', 'to a whitelist group of rm-orders'],
        outcome: { fix: 'rds-whitelist-address' },
        scenario: on({ rdsWhitelist: [{ name: 'default', ips: '10.0.1.0/24' }] }, A, 'rm-orders', {
          port: 3306,
        }),
      },
    ],
  },
  {
    file: 'hops/destination-access.ts',
    anchor: 'in its security group ingress`',
    reasons: [
      {
        name: 'the destination ECS’s security group ingress',
        blocker: ['destination-access', 'in its security group ingress'],
        outcome: { fix: 'security-group-ingress-accept' },
        scenario: on({}, A, 'i-legacy', { port: 5432 }),
      },
    ],
  },
  {
    file: 'hops/destination-access.ts',
    anchor: "resource('allow-list'",
    reasons: [
      {
        name: 'a third party’s allow-list (world.yaml)',
        blocker: ['destination-access', 'partner must allow'],
        outcome: { fix: 'third-party-allow-list' },
        scenario: on(
          { snat: [{ id: 'snat-a', vSwitch: 'vsw-pod-a', ips: '47.98.1.99' }] },
          A,
          'partner.example.com',
        ),
      },
    ],
  },
  {
    file: 'hops/egress-security-group.ts',
    anchor: 'groups from',
    reasons: [
      {
        name: 'a Drop rule wins',
        blocker: ['egress-security-group', 'sgr-drop'],
        outcome: { fix: 'security-group-egress-accept' },
        scenario: on(
          {
            sgRules: {
              'sg-pod': [
                {
                  id: 'sgr-drop',
                  direction: 'egress',
                  policy: 'Drop',
                  priority: 5,
                  protocol: 'TCP',
                  ports: '443/443',
                  cidr: '0.0.0.0/0',
                },
              ],
            },
          },
          A,
          '140.82.112.5',
        ),
      },
    ],
  },
  {
    file: 'hops/source.ts',
    anchor: 'not Running: it sends nothing',
    reasons: [
      {
        name: 'the source pod is not Running',
        blocker: ['source', 'is Pending, not Running'],
        outcome: { noFix: 'the pod is not Running' },
        scenario: on({ objects: [PENDING] }, 'shop/batch-1', '140.82.112.5'),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'has no IPv6 address',
    reasons: [
      {
        name: 'an IPv4-only pod towards an IPv6 address whose name has an A record',
        blocker: ['internet-exit', 'has no IPv6 address'],
        outcome: { fix: 'use-ipv4-address' },
        scenario: on(
          {
            world: `apiVersion: podreach/v1
kind: World
dns:
  both.example.com: { a: [140.82.112.5], aaaa: ["2606:4700::20"] }
`,
          },
          A,
          '2606:4700::20',
        ),
      },
      {
        name: 'an IPv4-only pod towards IPv6 with nothing IPv4 to use',
        blocker: ['internet-exit', 'has no IPv6 address'],
        outcome: { noFix: 'when the name has no A record' },
        scenario: on({}, A, '2606:4700::10'),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'does not lead to an IPv6 gateway',
    reasons: [
      {
        name: 'the IPv6 default route leads elsewhere',
        blocker: ['internet-exit', 'does not lead to an IPv6 gateway'],
        outcome: { fix: 'route-ipv6-gateway' },
        scenario: () =>
          traced(
            changed({ ipStack: 'dual', ipv6Bandwidth: true }, [
              {
                kind: 'add-route-entry',
                routeTableId: 'vtb-sys',
                destinationCidr: '::/0',
                nextHopType: 'Instance',
                nextHopId: 'i-legacy',
              },
            ]),
            A,
            '2606:4700::10',
          ),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'has no IPv6 Internet bandwidth',
    reasons: [
      {
        name: 'an IPv6 address without Internet bandwidth',
        blocker: ['internet-exit', 'has no IPv6 Internet bandwidth'],
        outcome: { fix: 'ipv6-internet-bandwidth' },
        scenario: on({ ipStack: 'dual' }, A, '2606:4700::10'),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'does not lead to a NAT gateway',
    reasons: [
      {
        name: 'the default route leads to an ECS, not a NAT gateway, and the pod has no public IP',
        blocker: ['internet-exit', 'does not lead to a NAT gateway'],
        outcome: { fix: 'route-nat-gateway' },
        scenario: on(
          {
            noDefaultRoute: true,
            routes: [{ id: 'rte-ecs', cidr: '0.0.0.0/0', type: 'Instance', hop: 'i-legacy' }],
          },
          A,
          '140.82.112.5',
        ),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'SNAT entry without SnatIp',
    reasons: [
      {
        name: 'the SNAT entry covering the pod has no SnatIp',
        blocker: ['internet-exit', 'has no SnatIp'],
        outcome: { fix: 'snat-entry-snat-ip' },
        scenario: on(
          {
            snat: [
              { id: 'snat-pod-a', vSwitch: 'vsw-pod-a', cidr: '10.0.64.0/19', ips: '' },
              { id: 'snat-node-a', vSwitch: 'vsw-node-a', cidr: '10.0.1.0/24', ips: '47.98.1.11' },
            ],
          },
          A,
          '140.82.112.5',
        ),
      },
    ],
  },
  {
    file: 'hops/internet-exit.ts',
    anchor: 'considered: entries',
    reasons: [
      {
        name: 'no SNAT entry covers the pod',
        blocker: ['internet-exit', 'but not the pod'],
        outcome: { fix: 'snat-entry-vswitch' },
        scenario: on({}, B, '140.82.112.5'),
      },
    ],
  },
  {
    file: 'hops/service.ts',
    anchor: 'answers nothing else',
    reasons: [
      {
        name: 'the Service has no such port',
        blocker: ['service', 'has no port 8080/tcp'],
        outcome: { fix: 'service-port' },
        scenario: on({}, A, 'svc/shop/api', { port: 8080 }),
      },
    ],
  },
  {
    file: 'hops/service.ts',
    anchor: 'selection.reason}: nothing answers',
    reasons: [
      {
        name: 'externalTrafficPolicy Local, the LoadBalancer IP short-circuited, no endpoint on the client’s node',
        blocker: ['service', 'externalTrafficPolicy Local'],
        outcome: { fix: 'service-external-traffic-policy-cluster' },
        scenario: on({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['a'] }, B, '47.96.1.20', { port: 80 }),
      },
      {
        name: 'internalTrafficPolicy Local, no endpoint on the client’s node',
        blocker: ['service', 'internalTrafficPolicy Local'],
        outcome: { fix: 'service-internal-traffic-policy-cluster' },
        scenario: on({ objects: [LOCAL_ONLY] }, A, 'svc/shop/api-local', { port: 80 }),
      },
      {
        name: 'no endpoint is ready',
        blocker: ['service', 'has no ready'],
        outcome: { noFix: 'no ready endpoint' },
        scenario: on({ apiEndpointsReady: false }, A, 'svc/shop/api', { port: 80 }),
      },
      {
        name: 'a Service without a selector and without EndpointSlices',
        blocker: ['service', 'has no selector and no EndpointSlice'],
        outcome: { noFix: 'no selector and no EndpointSlice' },
        scenario: on({ objects: [NO_SELECTOR] }, A, 'svc/shop/external-db', { port: 5432 }),
      },
    ],
  },
  {
    file: 'hops/service.ts',
    anchor: 'ICMP never reaches an endpoint',
    reasons: [
      {
        name: 'ICMP to a Service address',
        blocker: ['service', 'ICMP never reaches an endpoint'],
        outcome: { noFix: 'ICMP to a Service address' },
        scenario: on({}, A, '192.168.10.10', { protocol: 'icmp', port: null }),
      },
    ],
  },
  {
    file: 'hops/policy-common.ts',
    anchor: "state.add({ kind, result: 'drop'",
    reasons: [
      {
        name: 'an egress NetworkPolicy',
        blocker: ['egress-policy', 'default-deny-egress'],
        outcome: { fix: 'network-policy-egress' },
        scenario: on({ objects: [DENY_EGRESS] }, A, '140.82.112.5'),
      },
      {
        name: 'an ingress NetworkPolicy',
        blocker: ['ingress-policy', 'default-deny-ingress'],
        outcome: { fix: 'network-policy-ingress' },
        scenario: on({ objects: [DENY_INGRESS] }, A, 'shop/api-b', { port: 9000 }),
      },
    ],
  },
  {
    file: 'hops/dns.ts',
    anchor: 'has no nameserver',
    reasons: [
      {
        name: 'dnsPolicy None without nameservers',
        blocker: ['dns', 'has no nameserver'],
        outcome: { noFix: 'resolv.conf has no nameserver' },
        scenario: () => traced(dnsSnapshot({ webASpec: '  dnsPolicy: None' }), A, 'api.example.com'),
      },
    ],
  },
  {
    file: 'hops/dns.ts',
    anchor: 'never reaches a nameserver',
    reasons: [
      {
        name: 'the DNS query is dropped by an egress NetworkPolicy',
        blocker: ['dns', 'dropped at egress-policy'],
        outcome: { fix: 'network-policy-egress' },
        scenario: () => traced(dnsSnapshot({ objects: [DENY_EGRESS, ALLOW_GITHUB] }), A, 'api.example.com'),
      },
    ],
  },
  {
    file: 'hops/dns.ts',
    anchor: '(NXDOMAIN)',
    reasons: [
      {
        name: 'NXDOMAIN: the same Service name exists in another namespace',
        blocker: ['dns', 'does not resolve (NXDOMAIN)'],
        outcome: { fix: 'use-name' },
        scenario: () => traced(dnsSnapshot({}), A, 'api.default.svc.cluster.local', { port: 80 }),
      },
      {
        name: 'NXDOMAIN: nothing close to the name exists',
        blocker: ['dns', 'does not resolve (NXDOMAIN)'],
        outcome: { noFix: 'NXDOMAIN and no close name' },
        scenario: on({}, A, 'gone.example.com'),
      },
    ],
  },
  {
    file: 'hops/dns.ts',
    anchor: 'answer the pod can use',
    reasons: [
      {
        name: 'a dual-stack pod forced to IPv6 towards an A-only name',
        blocker: ['dns', 'has no IPv6 answer the pod can use'],
        outcome: { fix: 'use-ipv4-address' },
        scenario: on({ ipStack: 'dual', ipv6Bandwidth: true }, A, 'api.example.com', { family: 6 }),
      },
      {
        name: 'an IPv4-only pod and an AAAA-only name',
        blocker: ['dns', 'has only IPv6 (AAAA) answers'],
        outcome: { noFix: 'an IPv4 single-stack pod and an AAAA-only name' },
        scenario: on({}, A, 'v6.example.com', { family: 4 }),
      },
    ],
  },
  {
    file: 'dns/query-path.ts',
    anchor: 'host_stack_cidrs of 10-terway.conf',
    // The DNS query's own trace: its blocker is told by the dns hop ("never reaches a nameserver").
    reasons: [
      {
        name: 'NodeLocal DNSCache not reached: host_stack_cidrs lacks 169.254.20.10/32 (Terway DataPathV2)',
        blocker: ['dns', 'is not in host_stack_cidrs'],
        outcome: { fix: 'terway-host-stack-cidrs' },
        scenario: () =>
          traced(
            dnsSnapshot({ ...NODE_LOCAL, terwayConf: DATAPATHV2_CONF, objects: [ONLY_NODE_LOCAL] }),
            A,
            'api.example.com',
          ),
      },
    ],
  },
  {
    file: 'dns/query-path.ts',
    anchor: 'nothing listens on',
    reasons: [
      {
        name: 'the only nameserver is NodeLocal DNSCache, which is not installed',
        blocker: ['dns', 'NodeLocal DNSCache is not installed'],
        outcome: { noFix: 'NodeLocal DNSCache is not installed' },
        scenario: () =>
          traced(
            dnsSnapshot({
              datapath: null,
              webASpec: '  dnsPolicy: None\n  dnsConfig: {nameservers: [169.254.20.10]}',
            }),
            A,
            'api.example.com',
          ),
      },
    ],
  },
  {
    file: 'dns/query-path.ts',
    anchor: 'address to send the DNS query',
    reasons: [
      {
        name: 'the only nameserver is of a family the pod has no address of',
        blocker: ['dns', 'to send the DNS query to'],
        outcome: { noFix: 'a nameserver of a family the pod has no address of' },
        scenario: () =>
          traced(
            dnsSnapshot({ webASpec: "  dnsPolicy: None\n  dnsConfig: {nameservers: ['fd00::53']}" }),
            A,
            'api.example.com',
          ),
      },
    ],
  },
  {
    file: 'service/node-port.ts',
    anchor: 'finds no endpoint',
    reasons: [
      {
        name: 'a NodePort with externalTrafficPolicy Local on a node without a local endpoint',
        blocker: ['service', 'finds no endpoint'],
        outcome: { fix: 'service-external-traffic-policy-cluster' },
        scenario: on({ apiLbTrafficPolicy: 'Local', apiEndpoints: ['b'] }, A, '10.0.1.11', { port: 31080 }),
      },
    ],
  },
  {
    file: 'service/node-port.ts',
    anchor: "target.pod.nodeName ?? '?'",
    reasons: [
      {
        name: 'the NodePort’s endpoint on another node: its ENI’s security group does not admit the node',
        blocker: ['destination-access', 'forwards to shop/api-a on node'],
        outcome: { fix: 'security-group-ingress-accept' },
        scenario: on(
          {
            apiEndpoints: ['a'],
            sgRules: {
              'sg-pod': [
                {
                  id: 'sgr-no-nodes',
                  direction: 'ingress',
                  policy: 'Drop',
                  priority: 5,
                  protocol: 'TCP',
                  ports: '9000/9000',
                  cidr: '10.0.2.0/24',
                },
              ],
            },
          },
          A,
          '10.0.2.21',
          { port: 31080 },
        ),
      },
    ],
  },
];

const ENGINE = join('src', 'engine');
const DROP = /\bresult: (?:'drop'|verdict\.result|.*'drop')/;

interface DropSite {
  readonly file: string;
  readonly line: number;
  readonly window: string;
}

function engineSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-fixtures' ? [] : engineSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function dropSites(): DropSite[] {
  return engineSources(ENGINE)
    .sort()
    .flatMap((path) => {
      const lines = readFileSync(path, 'utf8').split('\n');
      const file = path.slice(ENGINE.length + 1);
      return lines.flatMap((text, i) =>
        DROP.test(text)
          ? [{ file, line: i + 1, window: lines.slice(Math.max(0, i - 2), i + 9).join('\n') }]
          : [],
      );
    });
}

function noFixSection(): string {
  const docs = readFileSync('docs/fixes.md', 'utf8');
  const start = docs.indexOf('### No fix');
  const end = docs.indexOf('\n## ', start);
  return docs.slice(start, end);
}

describe('every drop site of the engine is classified', () => {
  const sites = dropSites();

  it('finds the drop sites (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThan(30);
  });

  for (const site of sites) {
    it(`${site.file}:${site.line} is listed here, by one anchor`, () => {
      const matches = SITES.filter((s) => s.file === site.file && site.window.includes(s.anchor));
      expect(matches.map((s) => s.anchor)).toHaveLength(1);
    });
  }

  it('every listed site is still in the engine, with at least one reason', () => {
    for (const s of SITES) {
      expect(s.reasons.length, `${s.file} "${s.anchor}"`).toBeGreaterThan(0);
      expect(
        sites
          .filter((d) => d.file === s.file && d.window.includes(s.anchor))
          .map((d) => `${d.file}:${d.line}`),
        `${s.file} "${s.anchor}"`,
      ).toHaveLength(1);
    }
  });
});

describe('every blocking reason has a proven fix or a documented reason why not', () => {
  const noFix = noFixSection();
  for (const site of SITES) {
    for (const reason of site.reasons) {
      const outcome = reason.outcome;
      const title =
        'fix' in outcome
          ? `${reason.name} → ${outcome.fix}, re-traced to reachable`
          : `${reason.name} → no fix`;
      it(title, () => {
        const t = reason.scenario();
        const [kind, phrase] = reason.blocker;
        const blocker = t.blockers.find((b) => b.kind === kind && b.reason.includes(phrase));
        expect(
          blocker,
          `blockers: ${t.blockers.map((b) => `${b.kind}: ${b.reason}`).join(' | ') || 'none'} (${t.verdict})`,
        ).toBeDefined();
        if (blocker === undefined) return;
        if ('fix' in outcome) {
          const fix = blocker.fixes.find((f) => f.kind === outcome.fix);
          expect(fix, `fixes: ${blocker.fixes.map((f) => f.kind).join(', ') || 'none'}`).toBeDefined();
          expect(fix?.proof?.verdict).toBe('reachable');
        } else {
          expect(blocker.fixes).toEqual([]);
          expect(noFix).toContain(outcome.noFix);
        }
      });
    }
  }

  it('every fix kind proven here is documented in docs/fixes.md', () => {
    const docs = readFileSync('docs/fixes.md', 'utf8');
    const kinds = SITES.flatMap((s) => s.reasons).flatMap((r) => ('fix' in r.outcome ? [r.outcome.fix] : []));
    for (const kind of new Set(kinds)) expect(docs, kind).toContain(`\`${kind}\``);
  });

  it('every "No fix" line of docs/fixes.md is one of these reasons', () => {
    const phrases = SITES.flatMap((s) => s.reasons).flatMap((r) =>
      'noFix' in r.outcome ? [r.outcome.noFix] : [],
    );
    const bullets = noFix.split('\n- ').slice(1);
    expect(bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets) {
      expect(
        phrases.some((p) => bullet.includes(p)),
        bullet,
      ).toBe(true);
    }
  });
});
