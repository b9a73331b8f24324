/**
 * What `podreach inspect` shows, as plain data: the derived cluster facts with their evidence, counts of every
 * object kind, the NAT gateways with the vSwitches their SNAT entries cover, EIPs, IPv6 egress, security groups,
 * RDS and SLB instances, the seed-page checks the snapshot cannot support (gaps), load problems and ignored files.
 * Built from a load result; rendered by inspect-text.ts and inspect-json.ts.
 */

import type { LoadProblem } from '../load/problem.js';
import type { ClusterFacts } from '../model/cluster-facts.js';
import type { Fact } from '../model/fact.js';
import { formatOrigin } from '../model/origin.js';
import type { Snapshot } from '../model/snapshot.js';
import { cidrContainsCidr, parseCidr } from '../net/ip.js';

/** The parts of the loader's LoadResult (src/load/index.ts) that inspect reads. */
export interface InspectInput {
  readonly snapshot: Snapshot;
  readonly problems: readonly LoadProblem[];
  readonly recognised: readonly { readonly file: string; readonly as: readonly string[] }[];
  readonly ignored: readonly { readonly file: string; readonly reason: string }[];
  readonly gaps: readonly { readonly check: string; readonly missing: string }[];
}

export type FactLine =
  | {
      readonly name: keyof ClusterFacts;
      readonly label: string;
      readonly known: true;
      readonly value: string;
      readonly evidence: string;
      readonly origin?: string;
    }
  | {
      readonly name: keyof ClusterFacts;
      readonly label: string;
      readonly known: false;
      readonly missing: string;
    };

export interface SnatCoverage {
  readonly vSwitchId: string;
  readonly cidr: string;
  readonly zoneId: string;
  /** `pod` (a Terway pod vSwitch), `node` (a cluster node vSwitch): a vSwitch can be both, or neither. */
  readonly roles: readonly ('pod' | 'node')[];
  /** SNAT entries whose source covers the whole vSwitch. */
  readonly coveredBy: readonly string[];
  /** SNAT entries whose source CIDR covers only part of it. */
  readonly partlyCoveredBy: readonly string[];
}

export interface NatGatewayReport {
  readonly id: string;
  readonly name?: string;
  readonly networkType: string;
  readonly status?: string;
  readonly ips: readonly string[];
  readonly snatEntries: readonly {
    readonly id: string;
    readonly source: string;
    readonly snatIps: readonly string[];
    readonly status?: string;
  }[];
  readonly coverage: readonly SnatCoverage[];
}

export interface InspectReport {
  readonly schemaVersion: 1;
  readonly snapshot: string;
  readonly cluster: {
    readonly id: string;
    readonly name?: string;
    readonly type?: string;
    readonly version?: string;
  } | null;
  readonly facts: readonly FactLine[];
  readonly counts: {
    readonly kubernetes: Readonly<Record<string, number>>;
    readonly cloud: Readonly<Record<string, number>>;
    readonly world: Readonly<Record<string, number>>;
  };
  readonly natGateways: readonly NatGatewayReport[];
  readonly eips: readonly {
    readonly ip: string;
    readonly allocationId: string;
    readonly status: string;
    readonly boundTo?: string;
  }[];
  readonly ipv6: {
    readonly gateways: readonly { readonly id: string; readonly status?: string }[];
    readonly addresses: number;
    readonly withInternetBandwidth: number;
  };
  readonly securityGroups: readonly {
    readonly id: string;
    readonly name?: string;
    /** `basic` (normal) or `enterprise`; `unknown` when DescribeSecurityGroups is not in the snapshot. */
    readonly type: 'basic' | 'enterprise' | 'unknown';
    /** Rule counts by direction and policy; null when DescribeSecurityGroupAttribute is missing. */
    readonly rules: {
      readonly ingress: { readonly accept: number; readonly drop: number };
      readonly egress: { readonly accept: number; readonly drop: number };
    } | null;
  }[];
  readonly rdsInstances: readonly {
    readonly id: string;
    readonly engine?: string;
    readonly endpoints: readonly string[];
    /** Whitelist size; null when DescribeDBInstanceIPArrayList is missing. */
    readonly whitelist: { readonly groups: number; readonly entries: number } | null;
  }[];
  readonly loadBalancers: readonly {
    readonly id: string;
    readonly name?: string;
    readonly address: string;
    readonly addressType?: string;
    /** Listener count and how many have an access control list on; null when no listener data is present. */
    readonly listeners: { readonly count: number; readonly withAcl: number } | null;
  }[];
  readonly gaps: readonly { readonly check: string; readonly missing: string }[];
  readonly problems: readonly LoadProblem[];
  readonly ignored: readonly { readonly file: string; readonly reason: string }[];
  readonly recognisedFiles: number;
}

const FACT_LABELS: readonly (readonly [keyof ClusterFacts, string])[] = [
  ['cni', 'CNI'],
  ['terwayMode', 'Terway mode'],
  ['terwayVersion', 'Terway version'],
  ['inClusterLoadBalance', 'in-cluster LB'],
  ['ipStack', 'IP stack'],
  ['kubeProxyMode', 'kube-proxy mode'],
  ['podCidrs', 'pod CIDRs'],
  ['serviceCidrs', 'service CIDRs'],
  ['clusterDomain', 'cluster domain'],
  ['networkPolicyDisabled', 'NetworkPolicy off'],
  ['terwayPodVSwitches', 'pod vSwitches'],
  ['terwaySecurityGroups', 'pod ENI groups'],
  ['nodeLocalDns', 'NodeLocal DNSCache'],
  ['regionId', 'region'],
  ['vpcId', 'VPC'],
];

/** Facts that only mean something on Terway; left out when the CNI is known to be Flannel. */
const TERWAY_ONLY = new Set<keyof ClusterFacts>([
  'terwayMode',
  'terwayVersion',
  'inClusterLoadBalance',
  'networkPolicyDisabled',
  'terwayPodVSwitches',
  'terwaySecurityGroups',
]);

export function formatFactValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(String).join(', ');
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return entries.length === 0
      ? '(none)'
      : entries.map(([key, member]) => `${key}: ${formatFactValue(member)}`).join('; ');
  }
  return String(value);
}

function factLine(name: keyof ClusterFacts, label: string, fact: Fact<unknown>): FactLine {
  if (!fact.known) return { name, label, known: false, missing: fact.missing };
  const base = {
    name,
    label,
    known: true as const,
    value: formatFactValue(fact.value),
    evidence: fact.evidence,
  };
  return fact.origin === undefined ? base : { ...base, origin: formatOrigin(fact.origin) };
}

function counts(record: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) if (Array.isArray(value)) out[key] = value.length;
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function natGateways(snapshot: Snapshot): NatGatewayReport[] {
  const { cloud, facts, kubernetes } = snapshot;
  const podVSwitches = new Set(
    facts.terwayPodVSwitches.known ? Object.values(facts.terwayPodVSwitches.value).flat() : [],
  );
  const nodeInstanceIds = new Set(
    kubernetes.nodes.flatMap((node) => (node.instanceId === undefined ? [] : [node.instanceId])),
  );
  const nodeVSwitches = new Set([
    ...cloud.clusters.flatMap((cluster) => cluster.vSwitchIds),
    ...cloud.ecsInstances.flatMap((instance) =>
      nodeInstanceIds.has(instance.id) && instance.vSwitchId !== undefined ? [instance.vSwitchId] : [],
    ),
  ]);
  return cloud.natGateways.map((gateway) => {
    const entries = cloud.snatEntries.filter(
      (entry) => entry.natGatewayId === gateway.id || gateway.snatTableIds.includes(entry.snatTableId),
    );
    const coverage = cloud.vSwitches
      .filter((vSwitch) => vSwitch.vpcId === gateway.vpcId && parseCidr(vSwitch.cidrBlock) !== undefined)
      .map((vSwitch): SnatCoverage => {
        const coveredBy: string[] = [];
        const partlyCoveredBy: string[] = [];
        for (const entry of entries) {
          if (entry.sourceVSwitchId === vSwitch.id) coveredBy.push(entry.id);
          else if (entry.sourceCidr !== undefined && cidrContainsCidr(entry.sourceCidr, vSwitch.cidrBlock)) {
            coveredBy.push(entry.id);
          } else if (
            entry.sourceCidr !== undefined &&
            cidrContainsCidr(vSwitch.cidrBlock, entry.sourceCidr)
          ) {
            partlyCoveredBy.push(entry.id);
          }
        }
        const roles: ('pod' | 'node')[] = [];
        if (podVSwitches.has(vSwitch.id)) roles.push('pod');
        if (nodeVSwitches.has(vSwitch.id)) roles.push('node');
        return {
          vSwitchId: vSwitch.id,
          cidr: vSwitch.cidrBlock,
          zoneId: vSwitch.zoneId,
          roles,
          coveredBy,
          partlyCoveredBy,
        };
      });
    return {
      id: gateway.id,
      ...optional('name', gateway.name),
      networkType: gateway.networkType,
      ...optional('status', gateway.status),
      ips: gateway.ipList.map((ip) => ip.ipAddress),
      snatEntries: entries.map((entry) => ({
        id: entry.id,
        source: entry.sourceVSwitchId ?? entry.sourceCidr ?? '?',
        snatIps: entry.snatIps,
        ...optional('status', entry.status),
      })),
      coverage,
    };
  });
}

function ruleCounts(rules: readonly { direction: 'ingress' | 'egress'; policy: 'accept' | 'drop' }[]) {
  const count = (direction: 'ingress' | 'egress', policy: 'accept' | 'drop') =>
    rules.filter((rule) => rule.direction === direction && rule.policy === policy).length;
  return {
    ingress: { accept: count('ingress', 'accept'), drop: count('ingress', 'drop') },
    egress: { accept: count('egress', 'accept'), drop: count('egress', 'drop') },
  };
}

export function buildInspectReport(snapshotPath: string, input: InspectInput): InspectReport {
  const { snapshot } = input;
  const { cloud, facts } = snapshot;
  const flannel = facts.cni.known && facts.cni.value === 'flannel';
  const cluster = cloud.clusters[0];
  return {
    schemaVersion: 1,
    snapshot: snapshotPath,
    cluster:
      cluster === undefined
        ? null
        : {
            id: cluster.clusterId,
            ...optional('name', cluster.name),
            ...optional('type', cluster.clusterType),
            ...optional('version', cluster.currentVersion),
          },
    facts: FACT_LABELS.filter(([name]) => !(flannel && TERWAY_ONLY.has(name))).map(([name, label]) =>
      factLine(name, label, facts[name] as Fact<unknown>),
    ),
    counts: {
      kubernetes: counts(snapshot.kubernetes),
      cloud: counts(cloud),
      world: { dnsNames: snapshot.world.dns.length, allowLists: snapshot.world.allowLists.length },
    },
    natGateways: natGateways(snapshot),
    eips: cloud.eips.map((eip) => ({
      ip: eip.ipAddress,
      allocationId: eip.allocationId,
      status: eip.status,
      ...optional(
        'boundTo',
        eip.instanceId === undefined
          ? undefined
          : `${eip.instanceType ?? 'instance'} ${eip.instanceId}${eip.privateIpAddress === undefined ? '' : ` (${eip.privateIpAddress})`}`,
      ),
    })),
    ipv6: {
      gateways: cloud.ipv6Gateways.map((gateway) => ({
        id: gateway.id,
        ...optional('status', gateway.status),
      })),
      addresses: cloud.ipv6Addresses.length,
      withInternetBandwidth: cloud.ipv6Addresses.filter((address) => address.internetBandwidth !== undefined)
        .length,
    },
    securityGroups: cloud.securityGroups.map((group) => ({
      id: group.id,
      ...optional('name', group.name),
      type: group.type === 'normal' ? 'basic' : group.type === 'enterprise' ? 'enterprise' : 'unknown',
      rules: group.rules === undefined ? null : ruleCounts(group.rules),
    })),
    rdsInstances: cloud.rdsInstances.map((instance) => ({
      id: instance.id,
      ...optional('engine', instance.engine),
      endpoints: instance.connections.map(
        (connection) =>
          `${connection.connectionString ?? connection.ipAddress ?? '?'}${connection.port === undefined ? '' : `:${connection.port}`}`,
      ),
      whitelist:
        instance.whitelist === undefined
          ? null
          : {
              groups: instance.whitelist.length,
              entries: instance.whitelist.reduce((sum, group) => sum + group.entries.length, 0),
            },
    })),
    loadBalancers: cloud.loadBalancers.map((balancer) => ({
      id: balancer.id,
      ...optional('name', balancer.name),
      address: balancer.address,
      ...optional('addressType', balancer.addressType),
      listeners:
        balancer.listeners === undefined
          ? null
          : {
              count: balancer.listeners.length,
              withAcl: balancer.listeners.filter((listener) => listener.aclStatus === 'on').length,
            },
    })),
    gaps: input.gaps.map((gap) => ({ check: gap.check, missing: gap.missing })),
    problems: input.problems,
    ignored: input.ignored.map((entry) => ({ file: entry.file, reason: entry.reason })),
    recognisedFiles: input.recognised.length,
  };
}
