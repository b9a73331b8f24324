/**
 * VPC network ACL evaluation for one direction of one vSwitch (shared/reference/alibaba-semantics.md §6, "Network
 * ACLs" overview): entries are tried in order and the first match decides; "the port range always matches the
 * destination port of the traffic"; with no match traffic is denied ("Network ACLs deny all inbound and outbound
 * traffic if no rules are configured"). ACLs are stateless: callers check the reply direction separately.
 * Array order is taken as priority order (UNCONFIRMED, but UpdateNetworkAclEntries takes an ordered list).
 */
import type { NetworkAcl, NetworkAclEntry } from '../model/cloud.js';
import type { IpFamily, Protocol } from '../model/protocol.js';
import { cidrContains, parseCidr, parseIp } from '../net/ip.js';
import { formatPortRange, isEveryPort, parsePortRange, portInRange } from '../net/port-range.js';

export interface NetworkAclQuery {
  readonly family: IpFamily;
  readonly protocol: Protocol;
  readonly port: number | null;
  /** Egress: the destination IP; ingress: the source IP. */
  readonly peer: string;
  /** CIDRs of the vSwitch the ACL is bound to: traffic inside it is not filtered. */
  readonly vSwitchCidrs?: readonly string[];
}

export type NetworkAclExemption = 'vpc-dns' | 'metaserver' | 'same-vswitch';

export interface NetworkAclDecision {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  /** The entry that decided, when one did. */
  readonly entry?: NetworkAclEntry;
  readonly reason: string;
  /** Set when the peer is exempt from network ACLs; the verdict is then `accept`. */
  readonly exempt?: NetworkAclExemption;
  /** Commands that would settle an `unknown` verdict. */
  readonly missing?: readonly string[];
  /** Entries that could not be read (bad CIDR, port range or protocol) and were passed over. */
  readonly skipped?: readonly { readonly entry: NetworkAclEntry; readonly why: string }[];
}

/** "Network ACLs allow the DNS servers at 100.100.2.128/28 and 100.100.2.112/28, and the Metaserver at 100.100.100.200/32." */
const EXEMPT: readonly {
  readonly cidr: string;
  readonly kind: NetworkAclExemption;
  readonly what: string;
}[] = [
  { cidr: '100.100.2.128/28', kind: 'vpc-dns', what: 'the VPC DNS servers (100.100.2.128/28)' },
  { cidr: '100.100.2.112/28', kind: 'vpc-dns', what: 'the VPC DNS servers (100.100.2.112/28)' },
  { cidr: '100.100.100.200/32', kind: 'metaserver', what: 'the metadata server (100.100.100.200)' },
];

type EntryMatch = 'match' | 'no' | { readonly unknown: string } | { readonly skip: string };

function entryFamily(entry: NetworkAclEntry): IpFamily | undefined {
  const version = entry.ipVersion?.toLowerCase();
  if (version === 'ipv4') return 4;
  if (version === 'ipv6') return 6;
  return parseCidr(entry.cidr)?.family;
}

function matchEntry(entry: NetworkAclEntry, query: NetworkAclQuery, region: string): EntryMatch {
  const protocol = entry.protocol.toLowerCase();
  const ports = parsePortRange(entry.portRange);
  if (ports === undefined) return { skip: `port range ${entry.portRange} is not valid` };
  let protocolMatches: boolean;
  switch (protocol) {
    case 'all':
      protocolMatches = true;
      break;
    case 'tcp':
    case 'udp':
      protocolMatches = query.protocol === protocol;
      break;
    case 'icmp':
      protocolMatches = query.protocol === 'icmp' && query.family === 4;
      break;
    case 'icmpv6':
      protocolMatches = query.protocol === 'icmp' && query.family === 6;
      break;
    case 'gre':
      protocolMatches = false;
      break;
    default:
      return { skip: `protocol ${entry.protocol} is not known` };
  }
  if (!protocolMatches) return 'no';
  if (protocol === 'tcp' || protocol === 'udp') {
    if (query.port === null ? !isEveryPort(ports) : !portInRange(ports, query.port)) return 'no';
  }
  if (entry.cidr.startsWith('pl-')) {
    return {
      unknown: `aliyun vpc GetVpcPrefixListEntries --RegionId ${region} --PrefixListId ${entry.cidr}`,
    };
  }
  const cidr = parseCidr(entry.cidr);
  if (cidr === undefined) return { skip: `${entry.cidr} is not a CIDR` };
  if (entryFamily(entry) !== query.family) return 'no';
  return cidrContains(cidr, query.peer) ? 'match' : 'no';
}

function entryLabel(
  acl: NetworkAcl,
  entry: NetworkAclEntry,
  index: number,
  direction: 'ingress' | 'egress',
): string {
  const id = entry.id ?? `#${index + 1}`;
  const policy = entry.policy === 'drop' ? 'drop' : 'accept';
  const ports = parsePortRange(entry.portRange);
  const portText = ports === undefined ? entry.portRange : formatPortRange(ports);
  const towards = direction === 'egress' ? 'to' : 'from';
  return `${direction} entry ${id} of ${acl.id} (position ${index + 1}, ${policy} ${entry.protocol} ${portText} ${towards} ${entry.cidr})`;
}

/** Decides one direction of traffic through the network ACL bound to a vSwitch. */
export function evaluateNetworkAcl(
  acl: NetworkAcl,
  direction: 'ingress' | 'egress',
  query: NetworkAclQuery,
  options: { readonly regionId?: string } = {},
): NetworkAclDecision {
  const peer = parseIp(query.peer);
  if (peer === undefined)
    return { verdict: 'unknown', reason: `the peer ${query.peer} is not an IP address` };
  for (const exemption of EXEMPT) {
    if (cidrContains(exemption.cidr, peer)) {
      return {
        verdict: 'accept',
        exempt: exemption.kind,
        reason: `network ACLs always allow ${exemption.what}; ${acl.id} is not consulted`,
      };
    }
  }
  const local = query.vSwitchCidrs?.find((cidr) => cidrContains(cidr, peer));
  if (local !== undefined) {
    return {
      verdict: 'accept',
      exempt: 'same-vswitch',
      reason: `${peer.text} is in the same vSwitch (${local}); traffic inside a vSwitch is not filtered by ${acl.id}`,
    };
  }

  const region = options.regionId ?? '<region>';
  const entries = direction === 'ingress' ? acl.ingress : acl.egress;
  const skipped: { entry: NetworkAclEntry; why: string }[] = [];
  const undecided: { entry: NetworkAclEntry; index: number; missing: string }[] = [];
  const withSkipped = (decision: NetworkAclDecision): NetworkAclDecision =>
    skipped.length === 0 ? decision : { ...decision, skipped };

  let decided: NetworkAclDecision | undefined;
  for (const [index, entry] of entries.entries()) {
    const match = matchEntry(entry, query, region);
    if (match === 'no') continue;
    if (match === 'match') {
      decided = {
        verdict: entry.policy,
        entry,
        reason: `${entryLabel(acl, entry, index, direction)} matches first`,
      };
      break;
    }
    if ('skip' in match) skipped.push({ entry, why: match.skip });
    else undecided.push({ entry, index, missing: match.unknown });
  }
  decided ??= {
    verdict: 'drop',
    reason: `no ${direction} entry of ${acl.id} matches ${query.protocol.toUpperCase()}${query.port === null ? '' : ` ${query.port}`} ${direction === 'egress' ? 'to' : 'from'} ${peer.text}; network ACLs deny by default`,
  };
  // An entry ahead of the decider that may match only matters when its policy differs.
  const changers = undecided.filter((item) => item.entry.policy !== decided.verdict);
  if (changers.length === 0) return withSkipped(decided);
  const first = changers[0] as (typeof changers)[number];
  return withSkipped({
    verdict: 'unknown',
    reason: `${entryLabel(acl, first.entry, first.index, direction)} may match first but its prefix list is not in the snapshot; without it: ${decided.reason}`,
    missing: [...new Set(changers.map((item) => item.missing))],
  });
}
