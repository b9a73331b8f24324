/**
 * The command line that makes a change real. Syntax checked against the API references (docs/fixes.md cites them):
 * `aliyun <product> <Action> --Param value` is the aliyun CLI's RPC form; ECS security group rules use the
 * `Permissions.N.*` parameters, which the ECS reference recommends over the deprecated flat ones.
 * A value the snapshot cannot give is written as an upper-case placeholder and named in `needs`.
 */
import type { SecurityGroupRule, Snapshot } from '../model/index.js';
import { ipFamily } from '../net/ip.js';
import type { NewNetworkAclEntry, NewSecurityGroupRule, SnapshotChange } from './change.js';

export interface Rendered {
  readonly commands: readonly string[];
  readonly manifests: readonly string[];
  readonly needs: readonly string[];
}

/** Quotes a shell word only when it needs it (POSIX single quotes). */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:,@=+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function line(words: readonly (string | readonly [string, string | number | undefined])[]): string {
  return words
    .flatMap((w) =>
      typeof w === 'string' ? [w] : w[1] === undefined ? [] : [`--${w[0]}`, shellWord(String(w[1]))],
    )
    .join(' ');
}

const NEEDS_REGION = 'REGION_ID';

function regionOf(snapshot: Snapshot): { value: string; needs: string[] } {
  const region = snapshot.facts.regionId;
  return region.known ? { value: region.value, needs: [] } : { value: NEEDS_REGION, needs: [NEEDS_REGION] };
}

const SG_PROTOCOLS: Readonly<Record<string, string>> = {
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
  gre: 'GRE',
  all: 'ALL',
};

function portRangeText(range: readonly [number, number] | null): string {
  return range === null ? '-1/-1' : `${range[0]}/${range[1]}`;
}

function securityGroupRuleCommand(region: string, r: NewSecurityGroupRule): string {
  const peer = r.direction === 'egress' ? 'Dest' : 'Source';
  const p = (name: string) => `Permissions.1.${name}`;
  return line([
    'aliyun',
    'ecs',
    r.direction === 'egress' ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroup',
    ['RegionId', region],
    ['SecurityGroupId', r.securityGroupId],
    [p('Policy'), r.policy === 'accept' ? 'Accept' : 'Drop'],
    [p('Priority'), r.priority],
    [p('IpProtocol'), SG_PROTOCOLS[r.protocol] ?? r.protocol.toUpperCase()],
    [p('PortRange'), portRangeText(r.portRange)],
    [p(`${peer}CidrIp`), r.cidr],
    [p(`Ipv6${peer}CidrIp`), r.ipv6Cidr],
    [p('Description'), r.description],
  ]);
}

/** An entry as UpdateNetworkAclEntries takes it: an existing one keeps its id; IpVersion defaults to IPv4. */
type AclEntryWords = NewNetworkAclEntry & { readonly id?: string };

function aclEntryWords(
  direction: 'ingress' | 'egress',
  n: number,
  e: AclEntryWords,
): (readonly [string, string])[] {
  const prefix = direction === 'ingress' ? `IngressAclEntries.${n}` : `EgressAclEntries.${n}`;
  const ipv6 = ipFamily(e.cidr.split('/')[0] ?? '') === 6;
  return [
    ...(e.id === undefined ? [] : [[`${prefix}.NetworkAclEntryId`, e.id] as const]),
    [`${prefix}.Policy`, e.policy],
    [`${prefix}.Protocol`, e.protocol],
    [`${prefix}.Port`, e.portRange],
    [`${prefix}.${direction === 'ingress' ? 'SourceCidrIp' : 'DestinationCidrIp'}`, e.cidr],
    ...(e.name === undefined ? [] : [[`${prefix}.NetworkAclEntryName`, e.name] as const]),
    ...(ipv6 ? [[`${prefix}.IpVersion`, 'IPv6'] as const] : []),
  ];
}

/** kubectl patch of the pod template of the pod's workload (annotations are read when a pod is created). */
function podTemplatePatch(
  snapshot: Snapshot,
  namespace: string,
  podName: string,
  annotations: Record<string, string>,
) {
  const pod = snapshot.kubernetes.pods.find((p) => p.namespace === namespace && p.name === podName);
  const owner = pod?.workload ?? pod?.owner;
  const body = JSON.stringify({ spec: { template: { metadata: { annotations } } } });
  if (owner !== undefined && ['Deployment', 'StatefulSet', 'DaemonSet'].includes(owner.kind)) {
    return `kubectl -n ${shellWord(namespace)} patch ${owner.kind.toLowerCase()} ${shellWord(owner.name)} --type merge -p ${shellWord(body)}`;
  }
  const pairs = Object.entries(annotations).map(([k, v]) => shellWord(`${k}=${v}`));
  return `kubectl -n ${shellWord(namespace)} annotate pod ${shellWord(podName)} ${pairs.join(' ')} --overwrite`;
}

export function renderChange(snapshot: Snapshot, change: SnapshotChange): Rendered {
  const region = regionOf(snapshot);
  const R = region.value;
  const done = (commands: string[], needs: string[] = [], manifests: string[] = []): Rendered => ({
    commands,
    manifests,
    needs: [...new Set([...(commands.some((c) => c.includes(NEEDS_REGION)) ? region.needs : []), ...needs])],
  });
  switch (change.kind) {
    case 'add-snat-entry':
      return done([
        line([
          'aliyun',
          'vpc',
          'CreateSnatEntry',
          ['RegionId', R],
          ['SnatTableId', change.snatTableId],
          ['SourceVSwitchId', change.sourceVSwitchId],
          ['SourceCIDR', change.sourceCidr],
          ['SnatIp', change.snatIps.join(',')],
        ]),
      ]);
    case 'remove-snat-entry': {
      const entry = snapshot.cloud.snatEntries.find((e) => e.id === change.snatEntryId);
      return done(
        [
          line([
            'aliyun',
            'vpc',
            'DeleteSnatEntry',
            ['RegionId', R],
            ['SnatTableId', entry?.snatTableId ?? 'SNAT_TABLE_ID'],
            ['SnatEntryId', change.snatEntryId],
          ]),
        ],
        entry === undefined ? ['SNAT_TABLE_ID'] : [],
      );
    }
    case 'modify-snat-entry': {
      const entry = snapshot.cloud.snatEntries.find((e) => e.id === change.snatEntryId);
      return done(
        [
          line([
            'aliyun',
            'vpc',
            'ModifySnatEntry',
            ['RegionId', R],
            ['SnatTableId', entry?.snatTableId ?? 'SNAT_TABLE_ID'],
            ['SnatEntryId', change.snatEntryId],
            ['SnatIp', change.snatIps.join(',')],
          ]),
        ],
        entry === undefined ? ['SNAT_TABLE_ID'] : [],
      );
    }
    case 'add-route-entry':
      return done([
        line([
          'aliyun',
          'vpc',
          'CreateRouteEntry',
          ['RegionId', R],
          ['RouteTableId', change.routeTableId],
          ['DestinationCidrBlock', change.destinationCidr],
          ['NextHopType', change.nextHopType],
          ['NextHopId', change.nextHopId],
        ]),
      ]);
    case 'remove-route-entry': {
      const entry = snapshot.cloud.routeEntries.find(
        (e) => e.routeTableId === change.routeTableId && e.destinationCidr === change.destinationCidr,
      );
      return done([
        line([
          'aliyun',
          'vpc',
          'DeleteRouteEntry',
          ['RegionId', R],
          ['RouteTableId', change.routeTableId],
          ['DestinationCidrBlock', change.destinationCidr],
          ['NextHopId', entry?.nextHops[0]?.id],
        ]),
      ]);
    }
    case 'add-security-group-rule':
      return done([securityGroupRuleCommand(R, change.rule)]);
    case 'remove-security-group-rule': {
      const rule = findRule(snapshot, change.securityGroupId, change.ruleId);
      return done([
        line([
          'aliyun',
          'ecs',
          rule?.direction === 'ingress' ? 'RevokeSecurityGroup' : 'RevokeSecurityGroupEgress',
          ['RegionId', R],
          ['SecurityGroupId', change.securityGroupId],
          ['SecurityGroupRuleId.1', change.ruleId],
        ]),
      ]);
    }
    case 'modify-security-group-rule': {
      const rule = findRule(snapshot, change.securityGroupId, change.ruleId);
      return done([
        line([
          'aliyun',
          'ecs',
          rule?.direction === 'ingress' ? 'ModifySecurityGroupRule' : 'ModifySecurityGroupEgressRule',
          ['RegionId', R],
          ['SecurityGroupId', change.securityGroupId],
          ['SecurityGroupRuleId', change.ruleId],
          ['Priority', change.priority],
          [
            'Policy',
            change.policy === undefined ? undefined : change.policy === 'accept' ? 'Accept' : 'Drop',
          ],
        ]),
      ]);
    }
    case 'add-network-acl-entry': {
      // UpdateNetworkAclEntries replaces the whole direction: the new entry first, then every custom entry as it is,
      // with its NetworkAclEntryId and, for IPv6, its IpVersion (the API's default is IPv4).
      const acl = snapshot.cloud.networkAcls.find((a) => a.id === change.networkAclId);
      const existing = (change.direction === 'ingress' ? acl?.ingress : acl?.egress) ?? [];
      const custom = existing.filter(
        (e) => e.entryType === undefined || e.entryType.toLowerCase() === 'custom',
      );
      const entries: AclEntryWords[] = [
        change.entry,
        ...custom.map((e) => ({
          ...(e.id === undefined ? {} : { id: e.id }),
          policy: e.policy,
          protocol: e.protocol,
          portRange: e.portRange,
          cidr: e.cidr,
          ...(e.name === undefined ? {} : { name: e.name }),
        })),
      ];
      return done([
        line([
          'aliyun',
          'vpc',
          'UpdateNetworkAclEntries',
          ['RegionId', R],
          ['NetworkAclId', change.networkAclId],
          [change.direction === 'ingress' ? 'UpdateIngressAclEntries' : 'UpdateEgressAclEntries', 'true'],
          ...entries.flatMap((e, i) => aclEntryWords(change.direction, i + 1, e)),
        ]),
      ]);
    }
    case 'add-rds-whitelist-entry':
      return done([
        line([
          'aliyun',
          'rds',
          'ModifySecurityIps',
          ['RegionId', R],
          ['DBInstanceId', change.dbInstanceId],
          ['DBInstanceIPArrayName', change.group],
          ['SecurityIps', change.entries.join(',')],
          ['ModifyMode', 'Append'],
        ]),
      ]);
    case 'add-slb-listener':
      // CLB API: a new listener is created stopped; StartLoadBalancerListener makes it forward. Bandwidth -1 = no
      // peak limit (pay-by-traffic instances; a fixed-bandwidth instance needs a value within its own bandwidth).
      return done([
        line([
          'aliyun',
          'slb',
          change.protocol === 'udp' ? 'CreateLoadBalancerUDPListener' : 'CreateLoadBalancerTCPListener',
          ['RegionId', R],
          ['LoadBalancerId', change.loadBalancerId],
          ['ListenerPort', change.port],
          ['BackendServerPort', change.backendPort],
          ['Bandwidth', -1],
        ]),
        line([
          'aliyun',
          'slb',
          'StartLoadBalancerListener',
          ['RegionId', R],
          ['LoadBalancerId', change.loadBalancerId],
          ['ListenerPort', change.port],
          ['ListenerProtocol', change.protocol],
        ]),
      ]);
    case 'add-slb-acl-entry':
      return done([
        line([
          'aliyun',
          'slb',
          'AddAccessControlListEntry',
          ['RegionId', R],
          ['AclId', change.aclId],
          ['AclEntrys', JSON.stringify(change.entries.map((entry) => ({ entry, comment: 'podreach' })))],
        ]),
      ]);
    case 'add-allow-list-source':
      // A third party's list is theirs to change: no command; world.yaml records the request once granted.
      return done([]);
    case 'bind-eip':
      return done([
        line([
          'aliyun',
          'vpc',
          'AssociateEipAddress',
          ['RegionId', R],
          ['AllocationId', change.allocationId],
          ['InstanceId', change.instanceId],
          ['InstanceType', change.instanceType],
          ['PrivateIpAddress', change.privateIpAddress],
        ]),
      ]);
    case 'enable-ipv6-bandwidth': {
      const address = snapshot.cloud.ipv6Addresses.find((a) => a.id === change.ipv6AddressId);
      const gateway = address?.ipv6GatewayId;
      return done(
        [
          line([
            'aliyun',
            'vpc',
            'AllocateIpv6InternetBandwidth',
            ['RegionId', R],
            ['Ipv6GatewayId', gateway ?? 'IPV6_GATEWAY_ID'],
            ['Ipv6AddressId', change.ipv6AddressId],
            ['Bandwidth', change.bandwidth],
          ]),
        ],
        gateway === undefined ? ['IPV6_GATEWAY_ID'] : [],
      );
    }
    case 'set-pod-annotations':
      return done([podTemplatePatch(snapshot, change.namespace, change.pod, { ...change.annotations })]);
    case 'set-external-traffic-policy':
      return done([
        `kubectl -n ${shellWord(change.namespace)} patch service ${shellWord(change.service)} --type merge -p ${shellWord(
          JSON.stringify({ spec: { externalTrafficPolicy: change.policy } }),
        )}`,
      ]);
    case 'set-internal-traffic-policy':
      return done([
        `kubectl -n ${shellWord(change.namespace)} patch service ${shellWord(change.service)} --type merge -p ${shellWord(
          JSON.stringify({ spec: { internalTrafficPolicy: change.policy } }),
        )}`,
      ]);
    case 'add-service-port': {
      // JSON patch: `add` at /spec/ports/- appends without restating the existing ports (a merge patch would
      // replace the whole list); `add` on an existing member sets it (RFC 6902 §4.1).
      const p = change.port;
      const ops = [
        ...(change.existingPortName === undefined
          ? []
          : [{ op: 'add', path: '/spec/ports/0/name', value: change.existingPortName }]),
        {
          op: 'add',
          path: '/spec/ports/-',
          value: {
            name: p.name,
            port: p.port,
            protocol: p.protocol.toUpperCase(),
            targetPort: p.targetPort,
            ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
          },
        },
      ];
      return done([
        `kubectl -n ${shellWord(change.namespace)} patch service ${shellWord(change.service)} --type json -p ${shellWord(
          JSON.stringify(ops),
        )}`,
      ]);
    }
    case 'set-config-map-data':
      return done([
        `kubectl -n ${shellWord(change.namespace)} patch configmap ${shellWord(change.name)} --type merge -p ${shellWord(
          JSON.stringify({ data: { [change.key]: change.value } }),
        )}`,
      ]);
    case 'kubernetes-manifests':
      return done([], [], [change.yaml]);
  }
}

/** The IP family's host prefix: /32 or /128. */
export function hostCidr(address: string): string {
  return `${address}/${ipFamily(address) === 6 ? 128 : 32}`;
}

function findRule(
  snapshot: Snapshot,
  securityGroupId: string,
  ruleId: string,
): SecurityGroupRule | undefined {
  return snapshot.cloud.securityGroups
    .find((g) => g.id === securityGroupId)
    ?.rules?.find((r) => r.id === ruleId);
}
