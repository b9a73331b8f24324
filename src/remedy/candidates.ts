/**
 * For one blocker, the candidate fixes, smallest first: each a list of typed changes (or a different query, when
 * the fix is to ask differently, e.g. the Service name instead of its LoadBalancer IP) with its trade-offs. Whether
 * a candidate really opens the blocker is decided by re-tracing (attach.ts), not here. Semantics per fix:
 * shared/reference/alibaba-semantics.md §3-§10 and the seed page; docs/fixes.md lists them.
 */
import { isInternet } from '../engine/addresses.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import { evaluateEgress } from '../eval/network-policy.js';
import type {
  Blocker,
  Hop,
  LoadBalancer,
  Pod,
  Query,
  SecurityGroupRule,
  SecurityGroupRuleProtocol,
  Service,
  Snapshot,
  Trace,
} from '../model/index.js';
import { cidrContains, ipFamily } from '../net/ip.js';
import type { NewSecurityGroupRule, SnapshotChange } from './change.js';
import { otherFamilyCandidates, useNameCandidates } from './client-changes.js';
import { hostCidr } from './commands.js';
import { networkPolicyYaml, type PolicyPeerSpec, policyName, workloadLabels } from './network-policy.js';
import { hostStackCandidates } from './node-local-dns.js';

export interface Candidate {
  readonly kind: string;
  readonly summary: string;
  readonly tradeoffs: string;
  readonly changes: readonly SnapshotChange[];
  /** Re-trace this query instead of the original (the fix is to ask differently). */
  readonly query?: Query;
  /** The changes whose commands a user runs, when they differ from the modelled effect (`changes`). */
  readonly render?: readonly SnapshotChange[];
  /** Extra needs beyond what the commands name. */
  readonly needs?: readonly string[];
}

export interface BlockerContext {
  readonly snapshot: Snapshot;
  readonly query: Query;
  readonly trace: Trace;
  readonly blocker: Blocker;
  readonly hop: Hop;
}

export interface SourceDetails {
  readonly vSwitch: string | null;
  readonly cni: string | null;
  readonly ipv4: string | null;
  readonly ipv6: string | null;
}

export function sourceDetails(trace: Trace): SourceDetails {
  const d = (trace.hops.find((h) => h.kind === 'source')?.details ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return { vSwitch: str(d.vSwitch), cni: str(d.cni), ipv4: str(d.ipv4), ipv6: str(d.ipv6) };
}

export function sourcePod(ctx: BlockerContext): Pod | undefined {
  const from = ctx.query.from;
  if (from.kind !== 'pod') return undefined;
  return ctx.snapshot.kubernetes.pods.find((p) => p.namespace === from.namespace && p.name === from.name);
}

function sgProtocol(protocol: string): SecurityGroupRuleProtocol {
  return protocol === 'tcp' || protocol === 'udp' ? protocol : protocol === 'icmp' ? 'icmp' : 'all';
}

function flowText(hop: Hop): string {
  return `${hop.packet.protocol}${hop.packet.port === null ? '' : `/${hop.packet.port}`}`;
}

/** The security group rule a hop cites, found by id (or the engine's `sg:direction:priority` stand-in id). */
function citedRule(snapshot: Snapshot, hop: Hop): SecurityGroupRule | undefined {
  const id = hop.rule?.id;
  if (id === undefined) return undefined;
  for (const group of snapshot.cloud.securityGroups) {
    for (const r of group.rules ?? []) {
      if (r.id === id || `${r.securityGroupId}:${r.direction}:${r.priority}` === id) return r;
    }
  }
  return undefined;
}

function securityGroupCandidates(ctx: BlockerContext, direction: 'ingress' | 'egress'): Candidate[] {
  const hop = ctx.hop;
  const details = (hop.details ?? {}) as Record<string, unknown>;
  const groups = Array.isArray(details.securityGroups) ? (details.securityGroups as string[]) : [];
  const peer = direction === 'egress' ? hop.packet.dst : hop.packet.src;
  const family = ipFamily(peer);
  if (family === undefined || groups.length === 0) return [];
  const drop = citedRule(ctx.snapshot, hop);
  const target = drop?.securityGroupId ?? groups[0] ?? '';
  const port = hop.packet.port;
  const protocol = sgProtocol(hop.packet.protocol);
  const portRange: readonly [number, number] | null =
    protocol === 'tcp' || protocol === 'udp' ? (port === null ? null : [port, port]) : null;
  const priority = drop === undefined || drop.policy !== 'drop' ? 1 : drop.priority - 1;
  const out: Candidate[] = [];
  const verb = direction === 'egress' ? 'to' : 'from';
  const accept = (cidr: string, scope: string, tradeoff: string): Candidate => {
    const rule: NewSecurityGroupRule = {
      securityGroupId: target,
      direction,
      policy: 'accept',
      priority,
      protocol,
      portRange,
      ...(family === 6 ? { ipv6Cidr: cidr } : { cidr }),
      description: `podreach: ${flowText(hop)} ${verb} ${cidr}`,
    };
    return {
      kind: `security-group-${direction}-accept`,
      summary: `allow ${flowText(hop)} ${verb} ${scope} in security group ${target} (${direction}, Accept, priority ${priority})`,
      tradeoffs: tradeoff,
      changes: [{ kind: 'add-security-group-rule', rule }],
    };
  };
  if (priority >= 1) {
    out.push(
      accept(
        hostCidr(peer),
        hostCidr(peer),
        drop?.policy === 'drop'
          ? `narrowest: one address and port; priority ${priority} sits just above Drop rule ${drop.id ?? ''} (priority ${drop.priority}), which keeps blocking everything else it matches`
          : 'narrowest: one address and port; the group denies everything else as before',
      ),
    );
    if (direction === 'ingress') {
      const vsw = sourceDetails(ctx.trace).vSwitch;
      const vSwitch = vsw === null ? undefined : ctx.snapshot.cloud.vSwitches.find((v) => v.id === vsw);
      if (vSwitch !== undefined && family === 4 && cidrContains(vSwitch.cidrBlock, peer)) {
        out.push(
          accept(
            vSwitch.cidrBlock,
            `vSwitch ${vSwitch.id} (${vSwitch.cidrBlock})`,
            'survives pod restarts and rescheduling inside the vSwitch (pod IPs change); admits every address of the vSwitch',
          ),
        );
      }
    }
  }
  if (drop?.policy === 'drop' && drop.id !== undefined && !drop.id.includes(':')) {
    out.push({
      kind: `security-group-${direction}-revoke`,
      summary: `remove Drop rule ${drop.id} (priority ${drop.priority}) from security group ${drop.securityGroupId}`,
      tradeoffs: `opens everything that rule blocked, not only this flow; other instances in ${drop.securityGroupId} are affected too`,
      changes: [
        { kind: 'remove-security-group-rule', securityGroupId: drop.securityGroupId, ruleId: drop.id },
      ],
    });
  }
  return out;
}

function networkAclCandidates(ctx: BlockerContext, direction: 'ingress' | 'egress'): Candidate[] {
  const hop = ctx.hop;
  const aclId = hop.resource?.id;
  if (aclId === undefined) return [];
  const peer = direction === 'egress' ? hop.packet.dst : hop.packet.src;
  if (ipFamily(peer) === undefined) return [];
  const port = hop.packet.port;
  // The narrowest protocol the API can name (UpdateNetworkAclEntries Protocol: icmp | gre | tcp | udp | all): ICMP
  // over IPv4 is `icmp`; SCTP and ICMPv6 have no value of their own, so only `all` opens them — and says so.
  const packetProtocol = hop.packet.protocol;
  const protocol =
    packetProtocol === 'tcp' || packetProtocol === 'udp'
      ? packetProtocol
      : packetProtocol === 'icmp' && hop.packet.family === 4
        ? 'icmp'
        : 'all';
  const portRange =
    protocol === 'tcp' || protocol === 'udp' ? (port === null ? '-1/-1' : `${port}/${port}`) : '-1/-1';
  const cidr = hostCidr(peer);
  const unnamed = packetProtocol === 'icmp' ? 'ICMPv6' : packetProtocol.toUpperCase();
  const wider =
    protocol === 'all'
      ? `; the entry accepts every protocol and port ${direction === 'egress' ? 'to' : 'from'} ${cidr}: the API’s protocols (icmp, gre, tcp, udp, all) cannot name ${unnamed} alone`
      : '';
  return [
    {
      kind: `network-acl-${direction}-accept`,
      summary: `add a first ${direction === 'egress' ? 'outbound' : 'inbound'} entry to network ACL ${aclId}: accept ${protocol} ${portRange} ${direction === 'egress' ? 'to' : 'from'} ${cidr}`,
      tradeoffs: `network ACLs are stateless: the reply direction needs a matching entry too (not traced); UpdateNetworkAclEntries rewrites every custom entry of that direction, as listed in the command (their descriptions are not in the snapshot, so they are not restated)${wider}`,
      changes: [
        {
          kind: 'add-network-acl-entry',
          networkAclId: aclId,
          direction,
          entry: { policy: 'accept', protocol, portRange, cidr, name: 'podreach' },
        },
      ],
    },
  ];
}

function rdsCandidates(ctx: BlockerContext): Candidate[] {
  const id = ctx.hop.resource?.id;
  const rds = ctx.snapshot.cloud.rdsInstances.find((r) => r.id === id);
  if (rds === undefined) return [];
  const seen = ctx.hop.packet.src;
  const groups = rds.whitelist ?? [];
  const group = groups.find((g) => g.name === 'default') ??
    groups.find((g) => g.attribute !== 'hidden') ?? { name: 'default' };
  const out: Candidate[] = [
    {
      kind: 'rds-whitelist-address',
      summary: `append ${seen} to whitelist group ${group.name} of ${rds.id}`,
      tradeoffs:
        'narrowest; the address must follow the workload: a new pod IP (Terway) or a new node (Flannel) needs another entry',
      changes: [
        { kind: 'add-rds-whitelist-entry', dbInstanceId: rds.id, group: group.name, entries: [seen] },
      ],
    },
  ];
  const src = sourceDetails(ctx.trace);
  const vSwitch = ctx.snapshot.cloud.vSwitches.find((v) => v.id === src.vSwitch);
  if (vSwitch !== undefined && ipFamily(seen) === 4 && cidrContains(vSwitch.cidrBlock, seen)) {
    out.push({
      kind: 'rds-whitelist-vswitch',
      summary: `append the ${src.cni === 'terway' ? 'pod' : 'node'} vSwitch CIDR ${vSwitch.cidrBlock} (${vSwitch.id}) to whitelist group ${group.name} of ${rds.id}`,
      tradeoffs: `keeps working when pods move inside ${vSwitch.id}; admits every address of the vSwitch, other workloads included`,
      changes: [
        {
          kind: 'add-rds-whitelist-entry',
          dbInstanceId: rds.id,
          group: group.name,
          entries: [vSwitch.cidrBlock],
        },
      ],
    });
  }
  const pod = sourcePod(ctx);
  if (src.cni === 'terway' && pod !== undefined && pod.ips.includes(seen)) {
    out.push({
      kind: 'rds-webhook-injector',
      summary: `annotate the pods of ${pod.namespace}/${pod.workload?.name ?? pod.name} for ack-kubernetes-webhook-injector: it whitelists each new pod IP in ${rds.id}`,
      tradeoffs:
        'follows pod IPs automatically; needs the ack-kubernetes-webhook-injector add-on installed, and takes effect for pods created after the change',
      changes: [
        {
          kind: 'set-pod-annotations',
          namespace: pod.namespace,
          pod: pod.name,
          annotations: { 'ack.aliyun.com/rds_id': rds.id, 'ack.aliyun.com/white_list_name': 'podreach' },
        },
      ],
    });
  }
  return out;
}

const LB_ID_ANNOTATION = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id';

/** Which port a CCM listener of this CLB forwards to: nodes' nodePort, pod ENIs' targetPort, or unknown (mixed). */
function backendPortKind(lb: LoadBalancer): 'nodePort' | 'targetPort' | undefined {
  // As the load-balancer hop reads a backend: type eni, or an ENI id.
  const isEni = (b: { readonly serverId: string; readonly type?: string }) =>
    b.type?.toLowerCase() === 'eni' || b.serverId.startsWith('eni-');
  const types = new Set((lb.backends ?? []).map((b) => (isEni(b) ? 'eni' : 'ecs')));
  if (types.size > 1) return undefined;
  return types.has('eni') ? 'targetPort' : 'nodePort';
}

/**
 * The CLB has no listener for the flow. When a LoadBalancer Service owns it, the cloud controller manager keeps its
 * listeners in step with the Service ports (ACK: CCM creates a listener per Service port, forwarding to its
 * nodePort), so the Kubernetes fix is the Service port — modelled as the port plus the listener CCM would add.
 * When the Service already has the port (the listener is missing all the same), the listener itself, forwarding to
 * that port's nodePort. Without an owning Service the backend port is unknown: no fix.
 */
function slbListenerCandidates(ctx: BlockerContext, lb: LoadBalancer): Candidate[] {
  const hop = ctx.hop;
  const port = hop.packet.port;
  const protocol = hop.packet.protocol;
  if (port === null || (protocol !== 'tcp' && protocol !== 'udp')) return [];
  const service = ctx.snapshot.kubernetes.services.find(
    (s) =>
      s.type === 'LoadBalancer' &&
      (s.annotations[LB_ID_ANNOTATION] === lb.id || s.loadBalancerIngress.some((i) => i.ip === lb.address)),
  );
  if (service === undefined) return [];
  const key = `${service.namespace}/${service.name}`;
  // CCM forwards a listener to the nodePort when the backends are nodes, and to the pods' targetPort when they are
  // pod ENIs (Terway, backend-type eni: examples/terway-in-cluster-lb BackendServerPort 9000). Mixed or unknown
  // backends: which port is not known, so no fix.
  const via = backendPortKind(lb);
  if (via === undefined) return [];
  const target = (p: { readonly nodePort?: number; readonly targetPort: number | string }) =>
    via === 'nodePort' ? p.nodePort : typeof p.targetPort === 'number' ? p.targetPort : undefined;
  const towards = (n: number) => (via === 'nodePort' ? `nodePort ${n}` : `targetPort ${n}`);
  const onEnis = via === 'targetPort' ? ' on its pod ENIs' : '';
  const existing = service.ports.find((p) => p.port === port && p.protocol === protocol);
  if (existing !== undefined) {
    const backendPort = target(existing);
    if (backendPort === undefined) return [];
    return [
      {
        kind: 'slb-listener',
        summary: `create and start a ${protocol.toUpperCase()} listener on port ${port} of ${lb.id}, forwarding to ${towards(backendPort)} of Service ${key}${onEnis}`,
        tradeoffs: `the listener CCM should have created for port ${port} of ${key}; Bandwidth -1 (no peak limit) suits pay-by-traffic instances only; check why CCM did not create it (kubectl describe service), or it may be reconciled away`,
        changes: [
          {
            kind: 'add-slb-listener',
            loadBalancerId: lb.id,
            protocol,
            port,
            backendPort,
          },
        ],
      },
    ];
  }
  const fix = serviceHasPort(ctx, service)[0];
  const change = fix?.changes[0];
  if (fix === undefined || change?.kind !== 'add-service-port') return [];
  const backendPort = target(change.port);
  if (backendPort === undefined) return [];
  return [
    {
      kind: 'load-balancer-service-port',
      summary: `add port ${port}/${protocol} to LoadBalancer Service ${key}: the cloud controller manager then adds the ${protocol.toUpperCase()} listener ${port} to ${lb.id}, forwarding to ${towards(backendPort)}${onEnis}`,
      tradeoffs: `${fix.tradeoffs}; the Kubernetes way: CCM manages the listeners of ${lb.id}, a listener created by hand could be overwritten`,
      changes: [
        change,
        {
          kind: 'add-slb-listener',
          loadBalancerId: lb.id,
          protocol,
          port,
          backendPort,
        },
      ],
      render: [change],
    },
  ];
}

function slbCandidates(ctx: BlockerContext): Candidate[] {
  const hop = ctx.hop;
  const lb = ctx.snapshot.cloud.loadBalancers.find((l) => l.id === hop.resource?.id);
  if (lb === undefined) return [];
  if (hop.rule?.description === 'listeners') return slbListenerCandidates(ctx, lb);
  const out: Candidate[] = [];
  const aclId = hop.rule?.id;
  const acl = ctx.snapshot.cloud.accessControlLists.find((a) => a.id === aclId);
  const seen = hop.packet.src;
  if (acl !== undefined && ipFamily(seen) !== undefined) {
    out.push({
      kind: 'slb-acl-entry',
      summary: `add ${hostCidr(seen)} to access control list ${acl.id} of ${lb.id}`,
      tradeoffs:
        'narrowest; if the address is a NAT EIP, every workload leaving through that EIP is admitted too',
      changes: [{ kind: 'add-slb-acl-entry', aclId: acl.id, entries: [hostCidr(seen)] }],
    });
  }
  if (hop.reason.includes('hairpin')) {
    const service = ctx.snapshot.kubernetes.services.find((s) =>
      s.loadBalancerIngress.some((i) => i.ip === lb.address),
    );
    if (service !== undefined) {
      out.push({
        kind: 'use-service-name',
        summary: `connect to svc/${service.namespace}/${service.name} (or ${service.name}.${service.namespace}.svc) instead of the CLB address ${lb.address}`,
        tradeoffs:
          'no infrastructure change; the client must be reconfigured; traffic stays inside the cluster',
        changes: [],
        query: { ...ctx.query, to: { kind: 'service', namespace: service.namespace, name: service.name } },
      });
    }
    const eniConfig = ctx.snapshot.kubernetes.configMaps.find(
      (c) => c.namespace === 'kube-system' && c.name === 'eni-config',
    );
    if (eniConfig !== undefined && sourceDetails(ctx.trace).cni === 'terway') {
      out.push({
        kind: 'terway-in-cluster-loadbalance',
        summary:
          'set in_cluster_loadbalance: "true" in kube-system/eni-config so Terway short-circuits LoadBalancer IPs inside the cluster',
        tradeoffs:
          'cluster-wide; Terway ≥ v1.2.0 reads it when its pods start: restart the Terway DaemonSet afterwards (ACK Service FAQ)',
        changes: [
          {
            kind: 'set-config-map-data',
            namespace: 'kube-system',
            name: 'eni-config',
            key: 'in_cluster_loadbalance',
            value: 'true',
          },
        ],
      });
    }
  }
  return out;
}

function allowListCandidates(ctx: BlockerContext): Candidate[] {
  const name = ctx.hop.resource?.id;
  const seen = ctx.hop.packet.src;
  if (name === undefined || ipFamily(seen) === undefined) return [];
  return [
    {
      kind: 'third-party-allow-list',
      summary: `ask the operator of ${name} to allow ${hostCidr(seen)}; then record it in world.yaml allowLists ${name}.allowedSources`,
      tradeoffs:
        'outside your control; if the address is a shared NAT EIP, every workload leaving through it is admitted',
      changes: [{ kind: 'add-allow-list-source', allowList: name, sources: [hostCidr(seen)] }],
    },
  ];
}

/** The route table used by the source vSwitch (its own, else the VPC's System table). */
function sourceRouteTable(ctx: BlockerContext): string | undefined {
  const vswId = sourceDetails(ctx.trace).vSwitch;
  const vsw = ctx.snapshot.cloud.vSwitches.find((v) => v.id === vswId);
  if (vsw?.routeTableId !== undefined) return vsw.routeTableId;
  const tables = ctx.snapshot.cloud.routeTables.filter((t) => vsw === undefined || t.vpcId === vsw.vpcId);
  return (
    tables.find((t) => vswId !== null && t.vSwitchIds.includes(vswId))?.id ??
    tables.find((t) => t.type === 'System')?.id
  );
}

function defaultRouteCandidate(ctx: BlockerContext, table: string | undefined, family: 4 | 6): Candidate[] {
  if (table === undefined) return [];
  const vpcId = ctx.snapshot.cloud.routeTables.find((t) => t.id === table)?.vpcId;
  if (family === 6) {
    const gw = ctx.snapshot.cloud.ipv6Gateways.find((g) => vpcId === undefined || g.vpcId === vpcId);
    if (gw === undefined) return [];
    return [
      {
        kind: 'route-ipv6-gateway',
        summary: `add route ::/0 → IPv6 gateway ${gw.id} to ${table}`,
        tradeoffs:
          'every vSwitch using this route table gains an IPv6 Internet path (addresses still need IPv6 bandwidth)',
        changes: [
          {
            kind: 'add-route-entry',
            routeTableId: table,
            destinationCidr: '::/0',
            // The VPC API's spelling (CreateRouteEntry NextHopType: "IPv6Gateway: an IPv6 gateway").
            nextHopType: 'IPv6Gateway',
            nextHopId: gw.id,
          },
        ],
      },
    ];
  }
  const nat = ctx.snapshot.cloud.natGateways.find(
    (g) => (vpcId === undefined || g.vpcId === vpcId) && g.networkType.toLowerCase() === 'internet',
  );
  if (nat === undefined) return [];
  return [
    {
      kind: 'route-nat-gateway',
      summary: `add route 0.0.0.0/0 → NAT gateway ${nat.id} to ${table}`,
      tradeoffs:
        'every vSwitch using this route table sends its Internet traffic to the NAT gateway (it still needs an SNAT entry covering the source)',
      changes: [
        {
          kind: 'add-route-entry',
          routeTableId: table,
          destinationCidr: '0.0.0.0/0',
          nextHopType: 'NatGateway',
          nextHopId: nat.id,
        },
      ],
    },
  ];
}

function snatCandidates(ctx: BlockerContext): Candidate[] {
  const natId = ctx.hop.resource?.id;
  const nat = ctx.snapshot.cloud.natGateways.find((g) => g.id === natId);
  const table = nat?.snatTableIds[0];
  if (nat === undefined || table === undefined) return [];
  const used = ctx.snapshot.cloud.snatEntries.find(
    (e) => e.snatTableId === table && e.snatIps.length > 0,
  )?.snatIps;
  const snatIps = used ?? nat.ipList.map((i) => i.ipAddress).slice(0, 1);
  if (snatIps.length === 0) return [];
  const src = sourceDetails(ctx.trace);
  const subject = ctx.hop.packet.src;
  const out: Candidate[] = [];
  // The entry that covers the source has no SnatIp: give it the gateway's EIPs (ModifySnatEntry).
  const empty =
    ctx.hop.rule?.description === 'SNAT entry without SnatIp'
      ? ctx.snapshot.cloud.snatEntries.find((e) => e.id === ctx.hop.rule?.id)
      : undefined;
  if (empty?.id !== undefined) {
    out.push({
      kind: 'snat-entry-snat-ip',
      summary: `give SNAT entry ${empty.id} of ${nat.id} the SnatIp ${snatIps.join(',')} (it has none)`,
      tradeoffs: `fixes the entry that already covers ${empty.sourceVSwitchId ?? empty.sourceCidr ?? subject}: every address it covers gains Internet access as ${snatIps.join(',')}`,
      changes: [{ kind: 'modify-snat-entry', snatEntryId: empty.id, snatIps }],
    });
  }
  const vsw = ctx.snapshot.cloud.vSwitches.find((v) => v.id === src.vSwitch);
  // "Each vSwitch ... can be specified in only one SNAT entry" (CreateSnatEntry): no second entry for it.
  const vSwitchTaken = ctx.snapshot.cloud.snatEntries.some((e) => e.sourceVSwitchId === vsw?.id);
  if (vsw !== undefined && !vSwitchTaken && cidrContains(vsw.cidrBlock, subject)) {
    out.push({
      kind: 'snat-entry-vswitch',
      summary: `add an SNAT entry to ${table} of ${nat.id} for the ${src.cni === 'flannel' ? 'node' : 'pod'} vSwitch ${vsw.id} (${vsw.cidrBlock}) → ${snatIps.join(',')}`,
      tradeoffs: `what ACK documents (${src.cni === 'flannel' ? 'Flannel: an SNAT entry for the node vSwitch' : 'Terway: an SNAT entry for the pod vSwitch'}); every address of ${vsw.id} gains Internet access as ${snatIps.join(',')}`,
      changes: [
        {
          kind: 'add-snat-entry',
          snatTableId: table,
          natGatewayId: nat.id,
          sourceVSwitchId: vsw.id,
          snatIps,
        },
      ],
    });
  }
  if (ipFamily(subject) === 4) {
    out.push({
      kind: 'snat-entry-address',
      summary: `add an SNAT entry to ${table} of ${nat.id} for ${subject}/32 only → ${snatIps.join(',')}`,
      tradeoffs:
        src.cni === 'flannel'
          ? 'narrowest: one node; nodes added later need their own entry'
          : 'narrowest, but a pod IP changes when the pod is re-created: the entry then covers nothing (or another pod)',
      changes: [
        {
          kind: 'add-snat-entry',
          snatTableId: table,
          natGatewayId: nat.id,
          sourceCidr: `${subject}/32`,
          snatIps,
        },
      ],
    });
  }
  return out;
}

function ipv6BandwidthCandidates(ctx: BlockerContext): Candidate[] {
  const src = ctx.hop.packet.src;
  const address = ctx.snapshot.cloud.ipv6Addresses.find((a) => a.address === src);
  if (address === undefined) return [];
  return [
    {
      kind: 'ipv6-internet-bandwidth',
      summary: `allocate IPv6 Internet bandwidth (1 Mbit/s) to ${src} (${address.id})`,
      tradeoffs:
        'billed per address; the address becomes reachable from the IPv6 Internet too (security groups decide what enters); a re-created pod gets a new address',
      changes: [{ kind: 'enable-ipv6-bandwidth', ipv6AddressId: address.id, bandwidth: 1 }],
    },
  ];
}

/**
 * Terway pod EIP with an existing unbound EIP (alibaba-semantics.md §1.4): the annotation
 * `network.alibabacloud.com/pod-eip-instanceid` makes the controller bind it to the pod IP; modelled as the EIP
 * bound to the pod's ENI and IP, which the engine prefers over SNAT.
 */
function podEipCandidates(ctx: BlockerContext): Candidate[] {
  const src = sourceDetails(ctx.trace);
  const pod = sourcePod(ctx);
  const eniId = (
    ctx.trace.hops.find((h) => h.kind === 'source')?.details as Record<string, unknown> | undefined
  )?.eni;
  const podIp = src.ipv4;
  if (
    src.cni !== 'terway' ||
    pod === undefined ||
    pod.hostNetwork ||
    typeof eniId !== 'string' ||
    podIp === null
  )
    return [];
  const free = ctx.snapshot.cloud.eips.find(
    (e) => e.status.toLowerCase() === 'available' && (e.instanceId === undefined || e.instanceId === ''),
  );
  if (free === undefined) return [];
  return [
    {
      kind: 'pod-eip',
      summary: `bind the unused EIP ${free.allocationId} (${free.ipAddress}) to pod ${pod.namespace}/${pod.name} with the pod-eip-instanceid annotation`,
      tradeoffs:
        'the pod is then seen as its own EIP, not the NAT EIPs (allow-lists must admit it); one existing EIP serves a single pod only — for several replicas use pod-with-eip: "true" (a new, billed EIP per pod); needs ack-extend-network-controller (Terway ≥ v1.7.0 no longer binds EIPs itself)',
      changes: [
        {
          kind: 'bind-eip',
          allocationId: free.allocationId,
          instanceId: eniId,
          instanceType: 'NetworkInterface',
          privateIpAddress: podIp,
        },
      ],
      render: [
        {
          kind: 'set-pod-annotations',
          namespace: pod.namespace,
          pod: pod.name,
          annotations: { 'network.alibabacloud.com/pod-eip-instanceid': free.allocationId },
        },
      ],
    },
  ];
}

/** The IPv4 addresses a name has (world.yaml, following CNAMEs; a `--resolve`/live answer wins). */
function ipv4Of(snapshot: Snapshot, query: Query, name: string): readonly string[] {
  let current = name.toLowerCase().replace(/\.$/, '');
  for (let depth = 0; depth < 8; depth++) {
    const override = query.dnsOverrides?.find((o) => o.name === current);
    if (override !== undefined) return override.addresses.filter((a) => ipFamily(a) === 4);
    const record = snapshot.world.dns.find((r) => r.name === current);
    if (record === undefined || record.nxdomain) return [];
    if (record.a.length > 0) return record.a;
    if (record.cname === undefined) return [];
    current = record.cname.toLowerCase();
  }
  return [];
}

/**
 * An IPv4-only pod towards IPv6 (seed page: IPv4 single-stack pods never reach IPv6): the cluster's IP stack is
 * fixed at creation, so the only change is the client's — use the destination's IPv4 address, offered only when
 * the name (asked, or the world.yaml name publishing the asked IPv6 address) has A records too.
 */
function useIpv4Candidates(ctx: BlockerContext): Candidate[] {
  const to = ctx.query.to;
  const names =
    to.kind === 'name'
      ? [to.name]
      : to.kind === 'address' && ipFamily(to.address) === 6
        ? ctx.snapshot.world.dns
            .filter((r) => r.aaaa.some((a) => ipFamily(a) === 6 && cidrContains(`${a}/128`, to.address)))
            .map((r) => r.name)
            .sort()
        : [];
  for (const name of names) {
    const [address] = ipv4Of(ctx.snapshot, ctx.query, name);
    if (address === undefined) continue;
    return [
      {
        kind: 'use-ipv4-address',
        summary:
          to.kind === 'name'
            ? `connect to ${name} over IPv4 (${address}): the name has A records too; do not force IPv6`
            : `connect to ${address}, the IPv4 address of ${name} (which publishes ${to.kind === 'address' ? to.address : ''}), instead of its IPv6 address`,
        tradeoffs:
          'no infrastructure change; the client must be reconfigured (prefer the name: the pod resolves it to IPv4); reaching IPv6 itself needs a dual-stack cluster, chosen when a cluster is created',
        changes: [],
        query:
          to.kind === 'name'
            ? { ...ctx.query, family: 4 }
            : { ...ctx.query, to: { kind: 'address', address } },
      },
    ];
  }
  return [];
}

function internetExitCandidates(ctx: BlockerContext): Candidate[] {
  const hop = ctx.hop;
  const type = hop.resource?.type;
  if (hop.packet.family === 6) {
    if (type === 'ipv6-gateway') return ipv6BandwidthCandidates(ctx);
    if (type === 'pod' && hop.reason.includes('has no IPv6 address')) return useIpv4Candidates(ctx);
    if (hop.reason.includes('does not lead to an IPv6 gateway'))
      return defaultRouteCandidate(ctx, sourceRouteTable(ctx), 6);
    return [];
  }
  if (type === 'nat-gateway') return [...snatCandidates(ctx), ...podEipCandidates(ctx)];
  if (hop.resource === null && hop.reason.includes('does not lead to a NAT gateway'))
    return [...defaultRouteCandidate(ctx, sourceRouteTable(ctx), 4), ...podEipCandidates(ctx)];
  return [];
}

function routeCandidates(ctx: BlockerContext): Candidate[] {
  const hop = ctx.hop;
  if (hop.resource?.type === 'network-acl') return networkAclCandidates(ctx, 'egress');
  if (hop.resource?.type === 'configmap' && hop.resource.id === 'kube-system/eni-config')
    return hostStackCandidates(ctx);
  if (hop.resource?.type !== 'route-table') return [];
  const family = ipFamily(hop.packet.dst);
  if (family === undefined) return [];
  // A default route to the NAT/IPv6 gateway opens the Internet only; a private address outside the VPC (an IDC, a
  // peer VPC) needs a route to a next hop (VPN gateway, VBR, CEN...) the snapshot does not name: no fix.
  if (!isInternet(indexSnapshot(ctx.snapshot), hop.packet.dst)) return [];
  return defaultRouteCandidate(ctx, hop.resource.id, family);
}

/** True when the pod's egress policies let DNS reach kube-dns (UDP 53). */
function dnsAllowed(snapshot: Snapshot, pod: Pod): boolean {
  const dns = snapshot.kubernetes.pods.find(
    (p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns',
  );
  if (dns === undefined) return false;
  const nsLabels = (ns: string) =>
    snapshot.kubernetes.namespaces.find((n) => n.name === ns)?.labels ?? {
      'kubernetes.io/metadata.name': ns,
    };
  const decision = evaluateEgress(
    { policies: snapshot.kubernetes.networkPolicies, ipBlockMatchesPods: false },
    pod,
    nsLabels(pod.namespace),
    { kind: 'pod', pod: dns, namespaceLabels: nsLabels('kube-system') },
    'udp',
    53,
  );
  return decision.verdict === 'allow';
}

function targetPod(snapshot: Snapshot, address: string): Pod | undefined {
  return snapshot.kubernetes.pods.find((p) => !p.hostNetwork && p.ips.includes(address));
}

function policyCandidates(ctx: BlockerContext, direction: 'egress' | 'ingress'): Candidate[] {
  const hop = ctx.hop;
  const snapshot = ctx.snapshot;
  const subject = direction === 'egress' ? sourcePod(ctx) : targetPod(snapshot, hop.packet.dst);
  if (subject === undefined) return [];
  const other = direction === 'egress' ? targetPod(snapshot, hop.packet.dst) : sourcePod(ctx);
  const otherAddress = direction === 'egress' ? hop.packet.dst : hop.packet.src;
  if (ipFamily(otherAddress) === undefined) return [];
  const peer: PolicyPeerSpec =
    other !== undefined && (direction === 'egress' || other.ips.includes(otherAddress))
      ? { kind: 'pod', namespace: other.namespace, labels: workloadLabels(other) }
      : { kind: 'cidr', cidr: hostCidr(otherAddress) };
  const selector = workloadLabels(subject);
  const byName = ctx.query.to.kind === 'name' || ctx.query.to.kind === 'service';
  const dns = direction === 'egress' && byName && !dnsAllowed(snapshot, subject);
  const peerText =
    peer.kind === 'pod'
      ? `pods ${Object.entries(peer.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')} in ${peer.namespace}`
      : peer.cidr;
  const name = policyName(
    direction === 'egress' ? 'podreach-allow-egress' : 'podreach-allow-ingress',
    `${subject.workload?.name ?? subject.name}-${flowText(hop).replace('/', '-')}`,
  );
  const yaml = networkPolicyYaml({
    direction,
    namespace: subject.namespace,
    name,
    selector,
    peer,
    protocol: hop.packet.protocol,
    port: hop.packet.port,
    dns,
  });
  const selected =
    Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '(every pod)';
  return [
    {
      kind: `network-policy-${direction}`,
      summary: `add NetworkPolicy ${subject.namespace}/${name}: ${direction} ${direction === 'egress' ? 'to' : 'from'} ${peerText} on ${flowText(hop)}${dns ? ', and DNS to kube-dns' : ''}`,
      tradeoffs: `also allows it for every pod labelled ${selected} in ${subject.namespace} (the workload's pods), ${peer.kind === 'pod' ? `and for every pod of ${peer.namespace} with those labels as the peer` : `and only ${peer.cidr}`}${dns ? '; the DNS rule lets these pods query kube-dns on port 53' : ''}; nothing else`,
      changes: [{ kind: 'kubernetes-manifests', file: `${name}.yaml`, yaml }],
    },
  ];
}

/** The lowest nodePort (default range 30000-32767) no Service of the snapshot uses. */
function freeNodePort(snapshot: Snapshot): number | undefined {
  const used = new Set(snapshot.kubernetes.services.flatMap((s) => s.ports.map((p) => p.nodePort)));
  for (let port = 30000; port <= 32767; port++) if (!used.has(port)) return port;
  return undefined;
}

/**
 * The Service has no port for the flow: add it (`kubectl patch service`). targetPort is the container port the
 * Service's pods declare — the asked port when they declare it, else their only declared port of the protocol — and
 * the asked port otherwise (Kubernetes' own default for targetPort). NodePort/LoadBalancer Services get an explicit
 * free nodePort so the command and the modelled change agree.
 */
function serviceHasPort(ctx: BlockerContext, service: Service): Candidate[] {
  const hop = ctx.hop;
  const port = hop.packet.port;
  const protocol = hop.packet.protocol;
  if (port === null || (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp')) return [];
  const selector = service.selector;
  const pods =
    selector === undefined || Object.keys(selector).length === 0
      ? []
      : ctx.snapshot.kubernetes.pods.filter(
          (p) =>
            p.namespace === service.namespace &&
            Object.entries(selector).every(([k, v]) => p.labels[k] === v),
        );
  const declared = [
    ...new Set(
      pods.flatMap((p) =>
        p.containerPorts.filter((c) => c.protocol === protocol).map((c) => c.containerPort),
      ),
    ),
  ];
  const targetPort = declared.includes(port) ? port : declared.length === 1 ? (declared[0] ?? port) : port;
  const nodePort =
    service.type === 'NodePort' || service.type === 'LoadBalancer' ? freeNodePort(ctx.snapshot) : undefined;
  if ((service.type === 'NodePort' || service.type === 'LoadBalancer') && nodePort === undefined) return [];
  const name = `${protocol}-${port}`;
  const only = service.ports.length === 1 ? service.ports[0] : undefined;
  const existingPortName =
    only !== undefined && (only.name ?? '') === '' ? `${only.protocol}-${only.port}` : undefined;
  const key = `${service.namespace}/${service.name}`;
  return [
    {
      kind: 'service-port',
      summary: `add port ${port}/${protocol} → targetPort ${targetPort} to Service ${key}${nodePort === undefined ? '' : ` (nodePort ${nodePort})`}`,
      tradeoffs: `exposes ${targetPort}/${protocol} of every pod the Service selects under the Service's addresses${
        nodePort === undefined ? '' : `, and on nodePort ${nodePort} of every node`
      }${service.type === 'LoadBalancer' ? '; the cloud controller manager adds the matching CLB listener' : ''}${
        existingPortName === undefined
          ? ''
          : `; the existing unnamed port is named ${existingPortName} (several ports must all be named)`
      }`,
      changes: [
        {
          kind: 'add-service-port',
          namespace: service.namespace,
          service: service.name,
          port: { name, protocol, port, targetPort, ...(nodePort === undefined ? {} : { nodePort }) },
          ...(existingPortName === undefined ? {} : { existingPortName }),
        },
      ],
    },
  ];
}

function serviceCandidates(ctx: BlockerContext): Candidate[] {
  const hop = ctx.hop;
  if (hop.rule?.description === 'Service ports') {
    const service = ctx.snapshot.kubernetes.services.find(
      (s) => `${s.namespace}/${s.name}` === hop.resource?.id,
    );
    return service === undefined ? [] : serviceHasPort(ctx, service);
  }
  const [namespace = '', name = ''] = (hop.resource?.id ?? '').split('/');
  const description = hop.rule?.description ?? '';
  // ClusterIP with internalTrafficPolicy Local and no endpoint on the client's node (Kubernetes "Service Internal
  // Traffic Policy": the traffic is dropped); Cluster sends it to any endpoint.
  if (description.endsWith('internalTrafficPolicy Local')) {
    return [
      {
        kind: 'service-internal-traffic-policy-cluster',
        summary: `set internalTrafficPolicy: Cluster on Service ${namespace}/${name}`,
        // Local is often chosen for per-node agents (Kubernetes "Service Internal Traffic Policy"): say so.
        tradeoffs:
          'for every in-cluster client: each is then sent to endpoints on any node, not only its own (the node-local path the policy kept is given up, with its latency); if the Service fronts a per-node agent (a DaemonSet whose pod on the client’s node must answer), clients then reach other nodes’ agents — running an endpoint on the client’s node keeps Local working instead',
        changes: [{ kind: 'set-internal-traffic-policy', namespace, service: name, policy: 'Cluster' }],
      },
    ];
  }
  // A LoadBalancer ingress short-circuited by kube-proxy, or a NodePort reached on a node without a local endpoint.
  if (description !== 'externalTrafficPolicy: Local' && !description.endsWith('externalTrafficPolicy Local'))
    return [];
  // Reached on a NodePort, the Service name is asked on the Service port that nodePort belongs to.
  const nodePort = description.startsWith('nodePort ');
  const service = ctx.snapshot.kubernetes.services.find((s) => s.namespace === namespace && s.name === name);
  const servicePort = nodePort
    ? (service?.ports.find((p) => p.nodePort === hop.packet.port && p.protocol === hop.packet.protocol)
        ?.port ?? ctx.query.port)
    : ctx.query.port;
  return [
    {
      kind: 'service-external-traffic-policy-cluster',
      summary: `set externalTrafficPolicy: Cluster on Service ${namespace}/${name}`,
      // What else Cluster changes, for every client: Kubernetes "externalTrafficPolicy" (Local: no masquerade, nodes
      // without a local endpoint drop), and ACK's LoadBalancer docs (ACK Edge "外部流量策略": Local mounts the nodes
      // with pods as CLB backends, Cluster every node, using more backend quota).
      tradeoffs:
        'for every client, not only this one: every node’s nodePort then forwards to the endpoints, not only nodes with a local endpoint (whoever the node security groups let reach a nodePort reaches the pods); the pods see the node’s address instead of an external client’s (kube-proxy masquerades), so NetworkPolicy ipBlock rules, allow lists and logs keyed on client addresses stop matching; traffic may take an extra node hop; a LoadBalancer Service whose CLB backends are nodes gets every node attached as a backend (ACK: Cluster mounts all nodes, Local only nodes with pods; more backend quota); the ACK FAQ alternative is to use the Service name or ClusterIP',
      changes: [{ kind: 'set-external-traffic-policy', namespace, service: name, policy: 'Cluster' }],
    },
    {
      kind: 'use-service-name',
      summary: `connect to svc/${namespace}/${name}${servicePort === ctx.query.port ? '' : ` port ${servicePort}`} instead of its ${nodePort ? 'NodePort' : 'LoadBalancer IP'}`,
      tradeoffs: 'no infrastructure change; the client must be reconfigured',
      changes: [],
      query: { ...ctx.query, to: { kind: 'service', namespace, name }, port: servicePort },
    },
  ];
}

/**
 * The DNS query itself is blocked (its nested trace is the dns hop's `details.queryTrace`, engine/dns/query-path.ts):
 * the fixes are those of the query's own blockers (the DNS egress rule to kube-dns, a security group rule for UDP
 * 53...), proven on the original query.
 */
function dnsCandidates(ctx: BlockerContext): Candidate[] {
  if (ctx.hop.reason.includes('does not resolve (NXDOMAIN)')) return useNameCandidates(ctx);
  if (
    ctx.hop.reason.includes('answer the pod can use') ||
    ctx.hop.reason.includes('has only IPv6 (AAAA) answers')
  )
    return otherFamilyCandidates(ctx, ctx.hop.packet.family);
  const details = (ctx.hop.details ?? {}) as Record<string, unknown>;
  const inner = details.queryTrace as Trace | null | undefined;
  if (inner === null || inner === undefined || !Array.isArray(inner.blockers) || !Array.isArray(inner.hops))
    return [];
  const nameserver = typeof inner.query?.to === 'string' ? inner.query.to : undefined;
  if (nameserver === undefined || ipFamily(nameserver) === undefined) return [];
  const query: Query = {
    from: ctx.query.from,
    to: { kind: 'address', address: nameserver },
    protocol: 'udp',
    port: 53,
  };
  return inner.blockers.flatMap((blocker) => {
    const hop = inner.hops[blocker.hopIndex];
    if (hop === undefined || hop.kind === 'dns') return [];
    // Only changes to the snapshot carry over: a client change would re-ask the DNS query, not the original one.
    return candidatesFor({ snapshot: ctx.snapshot, query, trace: inner, blocker, hop }).filter(
      (c) => c.query === undefined,
    );
  });
}

export function candidatesFor(ctx: BlockerContext): Candidate[] {
  const hop = ctx.hop;
  switch (hop.kind) {
    case 'egress-security-group':
      return securityGroupCandidates(ctx, 'egress');
    case 'egress-policy':
      return policyCandidates(ctx, 'egress');
    case 'ingress-policy':
      return policyCandidates(ctx, 'ingress');
    case 'route':
      return routeCandidates(ctx);
    case 'internet-exit':
      return internetExitCandidates(ctx);
    case 'service':
      return serviceCandidates(ctx);
    case 'destination-access':
      switch (hop.resource?.type) {
        case 'security-group':
          return securityGroupCandidates(ctx, 'ingress');
        case 'network-acl':
          return networkAclCandidates(ctx, 'ingress');
        case 'rds-instance':
          return rdsCandidates(ctx);
        case 'slb':
          return slbCandidates(ctx);
        case 'allow-list':
          return allowListCandidates(ctx);
        default:
          return [];
      }
    case 'dns':
      return dnsCandidates(ctx);
    case 'source':
      // The pod has no address of the asked family (engine/check.ts); a pod that is not Running has no fix.
      return hop.reason.includes('address to send') ? otherFamilyCandidates(ctx, hop.packet.family) : [];
    default:
      // source (pod not Running, no address of the family), dns (NXDOMAIN, no usable answer), destination (pod not
      // Running): the cause is not a network setting; docs/fixes.md says what to do instead.
      return [];
  }
}
