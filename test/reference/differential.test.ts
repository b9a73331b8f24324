/**
 * The engine against the naive reference (reference.ts): random raw bodies replace one part of the Flannel example,
 * the real loader reads them, check() traces, and the deciding hop must agree with the reference. Above all, no
 * `reachable` where the reference blocks. CI runs a few hundred cases per rule; PODREACH_FUZZ_RUNS=20000 runs more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/engine/index.js';
import { loadSnapshotFromFiles } from '../../src/load/index.js';
import type { Query } from '../../src/model/query.js';
import type { Trace } from '../../src/model/trace.js';
import { exampleFiles, fuzzTimeout, type MemoryFile, runs, withJson } from './example-files.js';
import {
  longestPrefixRoute,
  type RawRouteEntry,
  type RawSecurityGroupRule,
  type RawSnatEntry,
  type RawWhitelistGroup,
  rdsWhitelistAllows,
  securityGroupVerdict,
  snatChoice,
} from './reference.js';

const BASE = exampleFiles('flannel-ipv4');
const NODE_SG_FILE = 'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp11nh9y5kmtxh18mpqc.json';
const ECS_SG_FILE = 'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp19rks3b58ub2i8vv0k.json';
const RDS_FILE = 'alibaba/rds-DescribeDBInstanceIPArrayList.rm-bp14sqc6vulowiur9.json';
const SNAT_FILE = 'alibaba/vpc-DescribeSnatTableEntries.json';
const ROUTE_FILE = 'alibaba/vpc-DescribeRouteEntryList.json';

/** Facts of the example, read from its README and raw files by hand. */
const POD_ON_NODE_21 = { kind: 'pod', namespace: 'batch', name: 'reporter-7c5f8b6d9-z7x3c' } as const;
const POD_ON_NODE_23 = { kind: 'pod', namespace: 'batch', name: 'reporter-7c5f8b6d9-p9l6k' } as const;
const NODE_21_IP = '192.168.10.21';
const NODE_23_IP = '192.168.10.23';
const REPORTING_ECS = 'i-bp1qnbtkltj2zmf1rn7r';
const REPORTING_ECS_IP = '192.168.30.40';
const RDS = 'rm-bp14sqc6vulowiur9';
const VSWITCH_CIDRS = {
  'vsw-bp1q76ubg830z1y34hbm': '192.168.10.0/24',
  'vsw-bp1oeilxq590yfjz7rau': '192.168.30.0/24',
};

function load(files: MemoryFile[]) {
  const result = loadSnapshotFromFiles(files);
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(errors).toEqual([]);
  return result.snapshot;
}

function trace(files: MemoryFile[], query: Query): Trace {
  const result = check(load(files), query);
  if (!result.ok || !('trace' in result)) throw new Error(`no trace: ${JSON.stringify(result)}`);
  return result.trace;
}

function hop(t: Trace, kind: string) {
  const found = t.hops.find((h) => h.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} hop in ${t.hops.map((h) => h.kind).join(',')}`);
  return found;
}

const cidrs = (pool: readonly string[]) => fc.constantFrom(...pool);
const caseOf = (word: string) => fc.constantFrom(word, word.toLowerCase(), word.toUpperCase());

const SG_CIDRS = [
  '0.0.0.0/0',
  '192.168.0.0/16',
  '192.168.10.0/24',
  '192.168.10.21/32',
  '192.168.10.16/28',
  '192.168.30.0/24',
  '192.168.30.0/25',
  '192.168.30.40/32',
  '192.168.30.41/32',
  '192.168.30.128/25',
  '172.20.0.0/16',
  '10.0.0.0/8',
];
const PORTS = [1, 22, 80, 443, 3306, 8080, 9200, 65535];

const portRange = fc
  .tuple(fc.constantFrom(...PORTS), fc.constantFrom(...PORTS))
  .map(([a, b]) => `${Math.min(a, b)}/${Math.max(a, b)}`);

function sgRule(direction: 'ingress' | 'egress', index: number) {
  return fc
    .record({
      policy: fc.oneof(caseOf('Accept'), caseOf('Drop')),
      priority: fc.constantFrom('1', '2', '5', '50', '100'),
      protocol: fc.constantFrom('TCP', 'UDP', 'ALL', 'ICMP', 'tcp', 'udp', 'all'),
      ports: portRange,
      cidr: cidrs(SG_CIDRS),
    })
    .map((r): RawSecurityGroupRule & Record<string, string> => ({
      SecurityGroupRuleId: `sgr-fuzz${direction}${index}`,
      Direction: direction,
      Policy: r.policy,
      Priority: r.priority,
      IpProtocol: r.protocol,
      PortRange: r.protocol.toUpperCase() === 'ALL' || r.protocol === 'ICMP' ? '-1/-1' : r.ports,
      SourceCidrIp: direction === 'ingress' ? r.cidr : '',
      DestCidrIp: direction === 'egress' ? r.cidr : '',
      NicType: 'intranet',
      Description: '',
    }));
}

function sgRules(direction: 'ingress' | 'egress') {
  return fc
    .integer({ min: 0, max: 6 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sgRule(direction, i))));
}

const flow = fc.record({
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  port: fc.constantFrom(...PORTS),
});

describe('security groups: engine hops agree with the reference', () => {
  it(
    'node group egress (normal) and reporting ECS group ingress (enterprise)',
    () => {
      fc.assert(
        fc.property(sgRules('egress'), sgRules('ingress'), flow, (egress, ingress, { protocol, port }) => {
          let files = withJson(BASE, NODE_SG_FILE, (body) => {
            body.Permissions.Permission = egress;
          });
          files = withJson(files, ECS_SG_FILE, (body) => {
            body.Permissions.Permission = ingress;
          });
          const t = trace(files, {
            from: POD_ON_NODE_21,
            to: { kind: 'cloud-resource', id: REPORTING_ECS },
            protocol,
            port,
          });
          const out = securityGroupVerdict(egress, 'normal', 'egress', REPORTING_ECS_IP, protocol, port);
          const into = securityGroupVerdict(ingress, 'enterprise', 'ingress', NODE_21_IP, protocol, port);
          expect(hop(t, 'egress-security-group').result).toBe(out.verdict === 'accept' ? 'pass' : 'drop');
          expect(hop(t, 'destination-access').result).toBe(into.verdict === 'accept' ? 'pass' : 'drop');
          const referenceReachable = out.verdict === 'accept' && into.verdict === 'accept';
          expect(t.verdict).toBe(referenceReachable ? 'reachable' : 'blocked');
        }),
        { numRuns: runs(100) },
      );
    },
    fuzzTimeout(),
  );
});

const WHITELIST_ENTRIES = [
  '192.168.10.21',
  '192.168.10.23',
  '192.168.10.0/24',
  '192.168.10.0/28',
  '192.168.10.16/28',
  '192.168.10.20/31',
  '192.168.0.0/16',
  '172.20.0.0/16',
  '0.0.0.0/0',
  '127.0.0.1',
  '10.0.0.0/8',
];

const whitelistGroups = fc.array(
  fc.array(fc.constantFrom(...WHITELIST_ENTRIES), { minLength: 1, maxLength: 4 }),
  { minLength: 1, maxLength: 3 },
);

describe('RDS whitelist: engine agrees with the reference', () => {
  it(
    'the node address (Flannel) is admitted iff some group holds it',
    () => {
      fc.assert(
        fc.property(whitelistGroups, fc.boolean(), (lists, fromNode21) => {
          const groups: (RawWhitelistGroup & Record<string, string>)[] = lists.map((entries, i) => ({
            DBInstanceIPArrayName: i === 0 ? 'default' : `group${i}`,
            DBInstanceIPArrayAttribute: '',
            SecurityIPList: [...new Set(entries)].join(','),
            SecurityIPType: 'IPv4',
          }));
          const files = withJson(BASE, RDS_FILE, (body) => {
            body.Items.DBInstanceIPArray = groups;
          });
          const from = fromNode21 ? POD_ON_NODE_21 : POD_ON_NODE_23;
          const t = trace(files, {
            from,
            to: { kind: 'cloud-resource', id: RDS },
            protocol: 'tcp',
            port: 3306,
          });
          const allowed = rdsWhitelistAllows(groups, fromNode21 ? NODE_21_IP : NODE_23_IP);
          expect(hop(t, 'destination-access').result).toBe(allowed ? 'pass' : 'drop');
          expect(t.verdict).toBe(allowed ? 'reachable' : 'blocked');
        }),
        { numRuns: runs(100) },
      );
    },
    fuzzTimeout(),
  );
});

const SNAT_SOURCES = [
  { cidr: '192.168.10.0/24', vSwitch: 'vsw-bp1q76ubg830z1y34hbm' },
  { cidr: '', vSwitch: 'vsw-bp1q76ubg830z1y34hbm' },
  { cidr: '192.168.30.0/24', vSwitch: 'vsw-bp1oeilxq590yfjz7rau' },
  { cidr: '192.168.10.21/32', vSwitch: '' },
  { cidr: '192.168.10.23/32', vSwitch: '' },
  { cidr: '192.168.10.16/28', vSwitch: '' },
  { cidr: '192.168.10.0/25', vSwitch: '' },
  { cidr: '192.168.0.0/16', vSwitch: '' },
  { cidr: '10.0.0.0/8', vSwitch: '' },
];
const NAT_EIP = '47.97.33.120';

describe('SNAT entry choice: engine agrees with the reference', () => {
  it(
    'the longest source prefix holding the node address decides what the Internet sees',
    () => {
      const entries = fc.uniqueArray(fc.constantFrom(...SNAT_SOURCES), {
        maxLength: 4,
        // Two entries of the same effective CIDR are refused by the API (the tie is UNCONFIRMED): keep them distinct.
        selector: (s) => (s.cidr !== '' ? s.cidr : VSWITCH_CIDRS[s.vSwitch as keyof typeof VSWITCH_CIDRS]),
      });
      const snatIps = fc.subarray([NAT_EIP, '47.97.33.121', '47.97.33.122'], { minLength: 1 });
      fc.assert(
        fc.property(
          entries,
          fc.array(snatIps, { minLength: 4, maxLength: 4 }),
          fc.boolean(),
          (sources, ips, node21) => {
            const raw: (RawSnatEntry & Record<string, string>)[] = sources.map((source, i) => ({
              SnatEntryId: `snat-fuzz${i}`,
              SnatEntryName: '',
              SnatTableId: 'stb-bp1s5xxt59lindmf8xmr',
              NatGatewayId: 'ngw-bp1mddm12l47ii2fy104',
              SourceVSwitchId: source.vSwitch,
              SourceCIDR: source.cidr,
              SnatIp: (ips[i] ?? [NAT_EIP]).join(','),
              NetworkInterfaceId: '',
              EipAffinity: '0',
              Status: 'Available',
            }));
            const files = withJson(BASE, SNAT_FILE, (body) => {
              body.SnatTableEntries.SnatTableEntry = raw;
              body.TotalCount = raw.length;
            });
            const from = node21 ? POD_ON_NODE_21 : POD_ON_NODE_23;
            const t = trace(files, {
              from,
              to: { kind: 'address', address: '8.8.8.8' },
              protocol: 'tcp',
              port: 443,
            });
            const expected = snatChoice(raw, VSWITCH_CIDRS, node21 ? NODE_21_IP : NODE_23_IP);
            if (expected === undefined) {
              expect(t.verdict).not.toBe('reachable');
              expect(t.sourceAddressCandidates).toEqual([]);
            } else {
              expect(t.verdict).toBe('reachable');
              expect(hop(t, 'internet-exit').rule?.id).toBe(expected.entryId);
              expect([...t.sourceAddressCandidates]).toEqual(expected.addresses);
              expect(expected.addresses).toContain(t.sourceAddressSeen);
            }
          },
        ),
        { numRuns: runs(100) },
      );
    },
    fuzzTimeout(),
  );
});

const ROUTE_DESTINATIONS = [
  '8.8.8.0/24',
  '8.8.8.8/32',
  '8.0.0.0/8',
  '0.0.0.0/1',
  '128.0.0.0/1',
  '1.1.1.0/24',
  '8.8.0.0/16',
];
const TARGETS = ['8.8.8.8', '8.8.4.4', '1.1.1.1', '200.1.2.3', REPORTING_ECS_IP];

describe('route choice: engine agrees with the reference', () => {
  it(
    'the longest destination prefix of the vSwitch route table decides',
    () => {
      const custom = fc.uniqueArray(fc.constantFrom(...ROUTE_DESTINATIONS), { maxLength: 4 });
      fc.assert(
        fc.property(custom, fc.constantFrom(...TARGETS), (destinations, target) => {
          let all: RawRouteEntry[] = [];
          const files = withJson(BASE, ROUTE_FILE, (body) => {
            const entries = body.RouteEntrys.RouteEntry as Record<string, unknown>[];
            for (const [i, cidr] of destinations.entries()) {
              entries.push({
                RouteEntryId: `rte-fuzz${i}`,
                RouteEntryName: '',
                RouteTableId: 'vtb-bp1sqsfmdwd5jr36x56q',
                DestinationCidrBlock: cidr,
                IpVersion: 'ipv4',
                Type: 'Custom',
                Status: 'Available',
                Description: '',
                NextHops: {
                  NextHop: [
                    {
                      NextHopType: 'NatGateway',
                      NextHopId: 'ngw-bp1mddm12l47ii2fy104',
                      Enabled: 1,
                      Weight: 0,
                    },
                  ],
                },
              });
            }
            body.TotalCount = entries.length;
            all = entries as unknown as RawRouteEntry[];
          });
          const t = trace(files, {
            from: POD_ON_NODE_21,
            to: { kind: 'address', address: target },
            protocol: 'tcp',
            port: 443,
          });
          expect(hop(t, 'route').rule?.id).toBe(longestPrefixRoute(all, target));
        }),
        { numRuns: runs(100) },
      );
    },
    fuzzTimeout(),
  );
});
