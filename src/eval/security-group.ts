/**
 * ECS security group evaluation for one direction of one ENI (shared/reference/alibaba-semantics.md §5):
 * - the rules of every group on the ENI are pooled ("sorted by priority to determine whether to allow or deny");
 * - among matching rules the smallest priority number decides, and at equal priority Drop wins
 *   (AuthorizeSecurityGroup: "When multiple security group rules have the same priority, drop rules take precedence");
 * - with no match the group type decides: basic (`normal`) accepts egress and drops ingress except intra-group
 *   traffic, enterprise drops both ("Security group rules", implicit default rules);
 * - InnerAccessPolicy Accept takes precedence over user rules, Drop ranks below them (ModifySecurityGroupPolicy).
 * Security groups are stateful, so callers evaluate only the initiating direction on each ENI.
 */
import type { SecurityGroup, SecurityGroupRule } from '../model/cloud.js';
import type { IpFamily, Protocol } from '../model/protocol.js';
import { cidrBounds, cidrContains, type ParsedIp, parseCidr, parseIp } from '../net/ip.js';
import { formatPortRange, isEveryPort, portInRange } from '../net/port-range.js';

export interface SecurityGroupQuery {
  readonly direction: 'ingress' | 'egress';
  readonly family: IpFamily;
  readonly protocol: Protocol;
  readonly port: number | null;
  /** Egress: the destination IP; ingress: the source IP. */
  readonly peer: string;
}

export interface SecurityGroupContext {
  /** Private IPs of the ENIs in the group; `undefined` when the snapshot does not tell. */
  membersOf(groupId: string): readonly string[] | undefined;
  /**
   * Groups of the peer's ENI, for intra-group access. When absent, membership of the ENI's own groups is looked up
   * through `membersOf`; pass `[]` for a peer that has no ENI (an Internet address).
   */
  readonly peerGroupIds?: readonly string[];
  /** Region for the `aliyun` commands named in `missing`; `<region>` when absent. */
  readonly regionId?: string;
}

export type SecurityGroupDefault =
  | 'basic-egress-accept'
  | 'basic-ingress-drop'
  | 'enterprise-drop'
  | 'intra-group-accept'
  | 'intra-group-drop';

export interface SecurityGroupDecision {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  /** The rule that decided, when one did. */
  readonly rule?: SecurityGroupRule;
  /** Every rule that certainly matches, best first (priority, then Drop before Accept, then group and rule id). */
  readonly matched: readonly SecurityGroupRule[];
  readonly defaultApplied?: SecurityGroupDefault;
  /** One plain line naming the deciding rule or default. */
  readonly reason: string;
  /** Commands that would collect what is missing, when the verdict is `unknown`. */
  readonly missing?: readonly string[];
  /** Rules whose match could not be told (prefix list entries or group members not in the snapshot). */
  readonly undecided?: readonly SecurityGroupRule[];
  /** Side remarks worth showing: mixed group types, rules that could not be evaluated but cannot change the verdict. */
  readonly notes?: readonly string[];
}

type RuleMatch =
  | { readonly kind: 'match' }
  | { readonly kind: 'no' }
  | { readonly kind: 'unknown'; readonly why: string; readonly missing: string };

const MATCH: RuleMatch = { kind: 'match' };
const NO: RuleMatch = { kind: 'no' };

function protocolMatches(rule: SecurityGroupRule, query: SecurityGroupQuery): boolean {
  switch (rule.protocol) {
    case 'all':
      return true;
    case 'tcp':
    case 'udp':
      return query.protocol === rule.protocol;
    case 'icmp':
      return query.protocol === 'icmp' && query.family === 4;
    case 'icmpv6':
      return query.protocol === 'icmp' && query.family === 6;
    case 'gre':
      // A query never carries GRE.
      return false;
  }
}

function portMatches(rule: SecurityGroupRule, query: SecurityGroupQuery): boolean {
  // Ports only mean something for TCP and UDP rules; ICMP, GRE and `all` rules carry -1/-1 and ignore them.
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return true;
  if (query.port === null) return isEveryPort(rule.portRange);
  return portInRange(rule.portRange, query.port);
}

/** A rule CIDR as the integer range it covers; null when absent or unparseable (it matches nothing). */
type Range = { readonly family: IpFamily; readonly start: bigint; readonly end: bigint } | null;

function rangeOf(cidr: string | undefined): Range {
  const parsed = cidr === undefined ? undefined : parseCidr(cidr);
  if (parsed === undefined) return null;
  const [start, end] = cidrBounds(parsed);
  return { family: parsed.family, start, end };
}

/**
 * The ranges of a rule's two CIDR fields, once per rule object: every SG hop matches the peer against every rule of
 * the ENI's groups (hundreds), so parsing the rule text each time was most of the hop. Same answer as cidrContains.
 */
const ruleRanges = new WeakMap<SecurityGroupRule, { readonly v4: Range; readonly v6: Range }>();
function rangesOf(rule: SecurityGroupRule): { readonly v4: Range; readonly v6: Range } {
  let ranges = ruleRanges.get(rule);
  if (ranges === undefined) {
    ranges = { v4: rangeOf(rule.cidr), v6: rangeOf(rule.ipv6Cidr) };
    ruleRanges.set(rule, ranges);
  }
  return ranges;
}

/**
 * A group's rules of the query's direction whose protocol can carry it, in list order, once per rule list and
 * (direction, protocol, family): the rest could never match (matchRule checks them first), and a group has hundreds.
 */
const rulesByKind = new WeakMap<readonly SecurityGroupRule[], Map<string, readonly SecurityGroupRule[]>>();
function rulesFor(
  rules: readonly SecurityGroupRule[],
  query: SecurityGroupQuery,
): readonly SecurityGroupRule[] {
  let byKind = rulesByKind.get(rules);
  if (byKind === undefined) {
    byKind = new Map();
    rulesByKind.set(rules, byKind);
  }
  const key = `${query.direction} ${query.protocol} ${query.family}`;
  let found = byKind.get(key);
  if (found === undefined) {
    found = rules.filter((rule) => rule.direction === query.direction && protocolMatches(rule, query));
    byKind.set(key, found);
  }
  return found;
}

function peerMatches(
  rule: SecurityGroupRule,
  query: SecurityGroupQuery,
  peer: ParsedIp,
  context: SecurityGroupContext,
  region: string,
): RuleMatch {
  // "If both SourceGroupId and SourceCidrIp are specified, SourceCidrIp takes precedence": any CIDR makes this a
  // CIDR rule, and a CIDR of the other family simply does not match.
  if (rule.cidr !== undefined || rule.ipv6Cidr !== undefined) {
    const ranges = rangesOf(rule);
    const range = query.family === 4 ? ranges.v4 : ranges.v6;
    return range !== null &&
      range.family === peer.family &&
      peer.value >= range.start &&
      peer.value <= range.end
      ? MATCH
      : NO;
  }
  if (rule.peerGroupId !== undefined) {
    const members = context.membersOf(rule.peerGroupId);
    if (members === undefined) {
      return {
        kind: 'unknown',
        why: `the members of ${rule.peerGroupId} are not in the snapshot`,
        missing: `aliyun ecs DescribeNetworkInterfaces --RegionId ${region} --SecurityGroupId ${rule.peerGroupId}`,
      };
    }
    return hasMember(members, query.peer) ? MATCH : NO;
  }
  if (rule.peerPrefixListId !== undefined) {
    return {
      kind: 'unknown',
      why: `the entries of prefix list ${rule.peerPrefixListId} are not in the snapshot`,
      missing: `aliyun ecs DescribePrefixListAttributes --RegionId ${region} --PrefixListId ${rule.peerPrefixListId}`,
    };
  }
  // A rule names a peer in one of the above; one without any cannot match anything we can show.
  return NO;
}

function matchRule(
  rule: SecurityGroupRule,
  query: SecurityGroupQuery,
  peer: ParsedIp,
  context: SecurityGroupContext,
  region: string,
): RuleMatch {
  if (rule.direction !== query.direction) return NO;
  if (!protocolMatches(rule, query) || !portMatches(rule, query)) return NO;
  return peerMatches(rule, query, peer, context, region);
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Best first: smaller priority, then Drop before Accept, then stable identifiers so order never depends on input. */
function compareRules(a: SecurityGroupRule, b: SecurityGroupRule): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.policy !== b.policy) return a.policy === 'drop' ? -1 : 1;
  return (
    compareText(a.securityGroupId, b.securityGroupId) ||
    compareText(a.id, b.id) ||
    compareText(a.origin.file, b.origin.file) ||
    compareText(a.origin.path, b.origin.path)
  );
}

function peerText(rule: SecurityGroupRule, family: IpFamily): string {
  const cidr = family === 4 ? (rule.cidr ?? rule.ipv6Cidr) : (rule.ipv6Cidr ?? rule.cidr);
  if (cidr !== undefined) return cidr;
  if (rule.peerGroupId !== undefined) return `group ${rule.peerGroupId}`;
  if (rule.peerPrefixListId !== undefined) return `prefix list ${rule.peerPrefixListId}`;
  return 'no peer';
}

const PROTOCOL_LABELS: Readonly<Record<SecurityGroupRule['protocol'], string>> = {
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
  gre: 'GRE',
  all: 'ALL',
};

/** `Drop TCP 3306 to 10.0.8.0/24` */
export function describeSecurityGroupRule(rule: SecurityGroupRule, family: IpFamily = 4): string {
  const policy = rule.policy === 'drop' ? 'Drop' : 'Accept';
  const ports =
    rule.protocol === 'tcp' || rule.protocol === 'udp' ? ` ${formatPortRange(rule.portRange)}` : '';
  const towards = rule.direction === 'egress' ? 'to' : 'from';
  return `${policy} ${PROTOCOL_LABELS[rule.protocol]}${ports} ${towards} ${peerText(rule, family)}`;
}

function ruleLabel(rule: SecurityGroupRule, family: IpFamily): string {
  const id = rule.id === undefined ? 'rule without id' : `rule ${rule.id}`;
  return `${id} of ${rule.securityGroupId} (priority ${rule.priority}, ${describeSecurityGroupRule(rule, family)})`;
}

function queryText(query: SecurityGroupQuery): string {
  const port = query.port === null || query.protocol === 'icmp' ? '' : ` ${query.port}`;
  const towards = query.direction === 'egress' ? 'to' : 'from';
  return `${query.direction} ${query.protocol.toUpperCase()}${port} ${towards} ${query.peer}`;
}

interface IntraGroup {
  /** A shared basic group interconnects (InnerAccessPolicy Accept): accept before any rule. */
  readonly accept?: SecurityGroup;
  /** A shared group might interconnect, but its type, policy or membership is not known. */
  readonly maybe: readonly { readonly group: SecurityGroup; readonly missing: string }[];
  /** Shared basic groups, all isolating (InnerAccessPolicy Drop): drop after the rules. */
  readonly drop?: SecurityGroup;
}

/**
 * Member lists are the private IPs of every ENI in a group: on Terway that is every pod IP, asked on every SG hop.
 * A canonical set per list (cached while the list lives) makes membership constant-time; a member written as a
 * CIDR (not expected from the index, but allowed by the context's type) is still honoured.
 */
const memberSets = new WeakMap<readonly string[], { ips: Set<string>; cidrs: string[] }>();
function hasMember(members: readonly string[], peer: string): boolean {
  let entry = memberSets.get(members);
  if (entry === undefined) {
    entry = { ips: new Set(), cidrs: [] };
    for (const member of members) {
      const ip = member.includes('/') ? undefined : parseIp(member);
      if (ip === undefined) entry.cidrs.push(member);
      else entry.ips.add(ip.text);
    }
    memberSets.set(members, entry);
  }
  const canonical = parseIp(peer)?.text;
  if (canonical !== undefined && entry.ips.has(canonical)) return true;
  return entry.cidrs.some((cidr) => cidrContains(cidr, peer));
}

function intraGroup(
  groups: readonly SecurityGroup[],
  query: SecurityGroupQuery,
  context: SecurityGroupContext,
  region: string,
): IntraGroup {
  const maybe: { group: SecurityGroup; missing: string }[] = [];
  let accept: SecurityGroup | undefined;
  let drop: SecurityGroup | undefined;
  const attribute = (group: SecurityGroup) =>
    `aliyun ecs DescribeSecurityGroupAttribute --RegionId ${region} --SecurityGroupId ${group.id}`;
  for (const group of groups) {
    let shared: boolean | undefined;
    if (context.peerGroupIds !== undefined) shared = context.peerGroupIds.includes(group.id);
    else {
      const members = context.membersOf(group.id);
      shared = members === undefined ? undefined : hasMember(members, query.peer);
    }
    if (shared === false) continue;
    // Advanced (enterprise) groups never interconnect their members.
    if (group.type === 'enterprise') continue;
    if (shared === undefined) {
      if (group.type === 'normal' && group.innerAccessPolicy === 'drop') continue;
      maybe.push({
        group,
        missing: `aliyun ecs DescribeNetworkInterfaces --RegionId ${region} --SecurityGroupId ${group.id}`,
      });
    } else if (group.type === undefined) {
      maybe.push({
        group,
        missing: `aliyun ecs DescribeSecurityGroups --RegionId ${region} --SecurityGroupId ${group.id}`,
      });
    } else if (group.innerAccessPolicy === 'accept') {
      accept ??= group;
    } else if (group.innerAccessPolicy === 'drop') {
      drop ??= group;
    } else {
      maybe.push({ group, missing: attribute(group) });
    }
  }
  const result: IntraGroup = { maybe };
  return {
    ...result,
    ...(accept === undefined ? {} : { accept }),
    ...(drop === undefined || accept !== undefined ? {} : { drop }),
  };
}

interface Outcome {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  readonly rule?: SecurityGroupRule;
  readonly defaultApplied?: SecurityGroupDefault;
  readonly reason: string;
  readonly missing?: readonly string[];
}

function groupList(groups: readonly SecurityGroup[]): string {
  return groups.map((group) => group.id).join(', ');
}

/** What the group types say when no rule matches. */
function defaultOutcome(
  groups: readonly SecurityGroup[],
  query: SecurityGroupQuery,
  intra: IntraGroup,
  region: string,
): Outcome {
  const prefix = `no rule of ${groupList(groups) || 'the ENI'} matches ${queryText(query)}`;
  const untyped = groups.filter((group) => group.type === undefined);
  if (groups.length === 0) {
    return { verdict: 'unknown', reason: `${prefix}: the ENI has no security group in the snapshot` };
  }
  if (untyped.length > 0) {
    return {
      verdict: 'unknown',
      reason: `${prefix}, and the type (basic or enterprise) of ${groupList(untyped)} decides the default but is not in the snapshot`,
      missing: untyped.map(
        (group) => `aliyun ecs DescribeSecurityGroups --RegionId ${region} --SecurityGroupId ${group.id}`,
      ),
    };
  }
  if (groups.some((group) => group.type === 'enterprise')) {
    return {
      verdict: 'drop',
      defaultApplied: 'enterprise-drop',
      reason: `${prefix}; enterprise security groups drop by default in both directions`,
    };
  }
  if (query.direction === 'egress') {
    return {
      verdict: 'accept',
      defaultApplied: 'basic-egress-accept',
      reason: `${prefix}; basic security groups accept egress by default`,
    };
  }
  if (intra.drop !== undefined) {
    return {
      verdict: 'drop',
      defaultApplied: 'intra-group-drop',
      reason: `${prefix}; the peer shares basic group ${intra.drop.id}, whose InnerAccessPolicy Drop isolates its members`,
    };
  }
  return {
    verdict: 'drop',
    defaultApplied: 'basic-ingress-drop',
    reason: `${prefix}; basic security groups drop ingress by default except from members of the same group`,
  };
}

function outcomeOf(
  matches: readonly SecurityGroupRule[],
  groups: readonly SecurityGroup[],
  query: SecurityGroupQuery,
  intra: IntraGroup,
  region: string,
): Outcome {
  const best = matches[0];
  if (best === undefined) return defaultOutcome(groups, query, intra, region);
  const tieBreak =
    best.policy === 'drop' &&
    matches.some((rule) => rule.priority === best.priority && rule.policy === 'accept')
      ? ' (Drop wins over Accept at equal priority)'
      : '';
  return {
    verdict: best.policy,
    rule: best,
    reason: `${ruleLabel(best, query.family)} matches first${tieBreak}`,
  };
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.verdict === b.verdict && a.verdict !== 'unknown';
}

/**
 * Decides one direction of traffic on one ENI carrying `groups`. The result is independent of the order of groups
 * and rules: ties are broken by group id and rule id.
 */
export function evaluateSecurityGroups(
  groups: readonly SecurityGroup[],
  query: SecurityGroupQuery,
  context: SecurityGroupContext,
): SecurityGroupDecision {
  const region = context.regionId ?? '<region>';
  const sortedGroups = [...groups].sort((a, b) => compareText(a.id, b.id));
  const notes: string[] = [];
  const types = new Set(sortedGroups.flatMap((group) => (group.type === undefined ? [] : [group.type])));
  if (types.size > 1) {
    notes.push(
      `the ENI mixes basic and enterprise security groups (${groupList(sortedGroups)}), which Alibaba Cloud does not allow; the stricter enterprise default is assumed`,
    );
  }
  const peer = parseIp(query.peer);
  if (peer === undefined) {
    return { verdict: 'unknown', matched: [], reason: `the peer ${query.peer} is not an IP address`, notes };
  }

  const definite: SecurityGroupRule[] = [];
  const undecided: { rule: SecurityGroupRule; why: string; missing: string }[] = [];
  for (const group of sortedGroups) {
    for (const rule of rulesFor(group.rules ?? [], query)) {
      const match = matchRule(rule, query, peer, context, region);
      if (match.kind === 'match') definite.push(rule);
      else if (match.kind === 'unknown') undecided.push({ rule, why: match.why, missing: match.missing });
    }
  }
  definite.sort(compareRules);
  undecided.sort((a, b) => compareRules(a.rule, b.rule));
  const withNotes = (decision: SecurityGroupDecision): SecurityGroupDecision => {
    const extra: { undecided?: readonly SecurityGroupRule[]; notes?: readonly string[] } = {};
    if (undecided.length > 0) extra.undecided = undecided.map((entry) => entry.rule);
    if (notes.length > 0) extra.notes = notes;
    return { ...decision, ...extra };
  };

  const intra = intraGroup(sortedGroups, query, context, region);
  // InnerAccessPolicy Accept "takes precedence over user-created security group rules" (ModifySecurityGroupPolicy).
  if (intra.accept !== undefined) {
    return withNotes({
      verdict: 'accept',
      matched: definite,
      defaultApplied: 'intra-group-accept',
      reason: `the peer shares basic group ${intra.accept.id}, whose InnerAccessPolicy Accept admits members before any rule`,
    });
  }

  const unloaded = sortedGroups.filter((group) => group.rules === undefined);
  if (unloaded.length > 0) {
    return withNotes({
      verdict: 'unknown',
      matched: definite,
      reason: `the rules of ${groupList(unloaded)} are not in the snapshot, and any of them could decide`,
      missing: unloaded.map(
        (group) =>
          `aliyun ecs DescribeSecurityGroupAttribute --RegionId ${region} --SecurityGroupId ${group.id}`,
      ),
    });
  }

  const main = outcomeOf(definite, sortedGroups, query, intra, region);
  // Adding rules can only bring a better-ranked rule to the top, so the outcomes with one undecided rule added cover
  // every possibility; the verdict stands when they all agree with the main outcome.
  const changers = undecided.filter((entry) => {
    const alternative = outcomeOf(
      [entry.rule, ...definite].sort(compareRules),
      sortedGroups,
      query,
      intra,
      region,
    );
    return !sameOutcome(main, alternative);
  });
  // A shared group that might interconnect would accept before any rule.
  const intraChanges = main.verdict === 'accept' ? [] : intra.maybe;
  const decided = (outcome: Outcome): SecurityGroupDecision => ({
    verdict: outcome.verdict,
    matched: definite,
    reason: outcome.reason,
    ...(outcome.rule === undefined ? {} : { rule: outcome.rule }),
    ...(outcome.defaultApplied === undefined ? {} : { defaultApplied: outcome.defaultApplied }),
    ...(outcome.missing === undefined ? {} : { missing: outcome.missing }),
  });

  if (changers.length === 0 && intraChanges.length === 0) {
    for (const entry of undecided) {
      notes.push(
        `${ruleLabel(entry.rule, query.family)} was not evaluated (${entry.why}) but cannot change the verdict`,
      );
    }
    return withNotes(decided(main));
  }
  const missing = [...changers.map((entry) => entry.missing), ...intraChanges.map((entry) => entry.missing)];
  const first = changers[0];
  const reason =
    first !== undefined
      ? `${ruleLabel(first.rule, query.family)} may match but ${first.why}; without it: ${main.reason}`
      : `the peer may share basic group ${intraChanges[0]?.group.id ?? ''}, which would admit it before any rule; without it: ${main.reason}`;
  return withNotes({
    ...decided(main),
    verdict: 'unknown',
    reason,
    missing: [...new Set([...(main.missing ?? []), ...missing])],
  });
}
