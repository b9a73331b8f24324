/**
 * On every example cluster, every blocked expectation (examples/* /expectations.yaml, hand-written) gets its fixes
 * attached. A blocker with a network cause must have at least one fix; a fix must open its blocker; when the trace
 * has one blocker, some fix must make it reachable. The blockers without a network fix are listed by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../engine/index.js';
import { parseFrom, parseTo } from '../engine/test-fixtures/query.js';
import { loadSnapshot } from '../load/index.js';
import type { Protocol, Query, Trace } from '../model/index.js';
import { attachResultFixes } from './attach.js';

interface Expectation {
  name: string;
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  family?: 4 | 6;
  expect: string;
}

/** Blockers whose cause is not a network setting (docs/fixes.md "No fix"). */
const NO_FIX = new Set([
  'flannel-ipv4: IPv4-only cluster cannot reach an AAAA-only name',
  'flannel-ipv4: NXDOMAIN stops at DNS',
  'terway-dualstack: NXDOMAIN stops at DNS',
]);

/** The first fix kind expected for each blocked example, written from the seed page. */
const FIRST_FIX: Readonly<Record<string, string>> = {
  'terway-dualstack: pod on the newly added pod vSwitch has no SNAT entry: Internet broken':
    'snat-entry-vswitch',
  'terway-dualstack: third-party allow-list rejects the pod EIP': 'third-party-allow-list',
  'terway-dualstack: default-deny egress namespace: Internet destination not in the policy':
    'network-policy-egress',
  'terway-dualstack: security group: higher-priority Drop beats Accept-all': 'security-group-egress-accept',
  'terway-dualstack: IPv6 without public bandwidth cannot reach the IPv6 Internet': 'ipv6-internet-bandwidth',
  'terway-dualstack: ECS security group does not admit the zone-k pod vSwitch':
    'security-group-ingress-accept',
  'terway-dualstack: RDS whitelist holds node IPs, not the pod IP (Terway)': 'rds-whitelist-address',
  'flannel-ipv4: RDS whitelist misses the newer node: blocked there, and the pod-CIDR group does not help':
    'rds-whitelist-address',
  'flannel-ipv4: ECS security group admits the pod CIDR, but Flannel pods arrive as the node IP':
    'security-group-ingress-accept',
  'flannel-ipv4: node security group egress Drop at priority 10': 'security-group-egress-accept',
  'flannel-ipv4: third-party allow-list rejects the node EIP': 'third-party-allow-list',
  // The address is both.example.com's AAAA, and that name has an A record: use it (a client change).
  'flannel-ipv4: IPv4-only cluster cannot reach an IPv6 address': 'use-ipv4-address',
  // CoreDNS answers NXDOMAIN for web in media; the Service web exists in shop.
  'terway-dualstack: a Service name in the wrong namespace does not resolve (NXDOMAIN)': 'use-name',
  'terway-dualstack: a dual-stack pod forced to IPv4 towards an AAAA-only name': 'use-ipv6-address',
  // shop/api-lb owns lb-bp1svcapi0l7m8n9p0q: the port goes on the Service, CCM adds the listener.
  'terway-ipvlan-legacy: the CLB has no listener on 8080: nothing answers there':
    'load-balancer-service-port',
  'terway-ipvlan-legacy: the Service has no port 8080: its ClusterIP answers nothing there': 'service-port',
  'terway-ipvlan-legacy: ACL block: the CLB whitelist lists the zone-j pod vSwitch only': 'slb-acl-entry',
  "terway-ipvlan-legacy: hairpin: a pod on the CLB's only backend node calls the CLB IP and times out":
    'use-service-name',
  "terway-no-in-cluster-lb: hairpin: a pod on the CLB's only backend node calls the CLB IP and times out":
    'use-service-name',
  'terway-in-cluster-lb: short-circuited, externalTrafficPolicy Local, client on a node without a local endpoint: fails':
    'service-external-traffic-policy-cluster',
};

/** Fix kinds that change the client, not the infrastructure or a list: no command to run. */
const CLIENT_CHANGES = new Set([
  'third-party-allow-list',
  'use-service-name',
  'use-ipv4-address',
  'use-ipv6-address',
  'use-name',
]);

const EXAMPLES = [
  'terway-dualstack',
  'flannel-ipv4',
  'terway-ipvlan-legacy',
  'terway-no-in-cluster-lb',
  'terway-in-cluster-lb',
];

for (const example of EXAMPLES) {
  const expectations = (
    parse(readFileSync(`examples/${example}/expectations.yaml`, 'utf8')) as Expectation[]
  ).filter((e) => e.expect !== 'reachable');
  describe(`fixes on examples/${example}`, async () => {
    const { snapshot } = await loadSnapshot(`examples/${example}`);
    for (const e of expectations) {
      const name = `${example}: ${e.name}`;
      it(e.name, () => {
        const q: Query = {
          from: parseFrom(e.from),
          to: parseTo(e.to),
          protocol: e.protocol ?? 'tcp',
          port: e.port ?? null,
          ...(e.family === undefined ? {} : { family: e.family }),
        };
        const result = attachResultFixes(snapshot, q, check(snapshot, q), check);
        if (!result.ok) throw new Error(result.error.message);
        const traces: Trace[] =
          'trace' in result ? [result.trace] : result.workload.groups.map((g) => g.trace);
        for (const t of traces) {
          for (const b of t.blockers) {
            if (NO_FIX.has(name)) {
              expect(b.fixes).toEqual([]);
              continue;
            }
            expect(b.fixes.length).toBeGreaterThan(0);
            for (const f of b.fixes) {
              expect(f.proof).toBeDefined();
              expect(
                f.commands.length + f.manifests.length + (CLIENT_CHANGES.has(f.kind) ? 1 : 0),
              ).toBeGreaterThan(0);
            }
          }
          if (t.blockers.length === 1 && !NO_FIX.has(name)) {
            expect(t.blockers[0]?.fixes.some((f) => f.proof?.verdict === 'reachable')).toBe(true);
          }
        }
        const first = FIRST_FIX[name];
        if (first !== undefined) expect(traces[0]?.blockers[0]?.fixes[0]?.kind).toBe(first);
      });
    }
  });
}
