/**
 * The footprint of one answer: what in the snapshot its trace may have depended on, over-approximated from the
 * trace itself (every hop cites the pods, addresses, groups and rules it evaluated; the DNS query's own trace is
 * in the dns hop's details; a Service's endpoints are listed with their address and port) and widened through the
 * before-snapshot's index:
 * - namespaces: of every pod named or addressed anywhere in the trace (`ns/name`, a pod IP), of every Service named
 *   or addressed (and of all its endpoints), kube-system when a name was looked up (CoreDNS). NetworkPolicies are
 *   evaluated only for a subject pod, by the policies of its own namespace, and the engine cites the subject pod of
 *   every policy hop (src/engine/hops/policy-common.ts) and every Service endpoint it traced on a fork;
 * - security groups: every token of the trace (group ids are cited by the source hop and every group hop), plus the
 *   groups of every ENI, ECS instance, node and pod (as src/engine/hops/source.ts resolves them) owning an address
 *   or named in the trace, and of every endpoint of a Service named or addressed in it;
 * - ports: every number in the trace (each hop records its packet; endpoints their port), the ports of those
 *   Services and their EndpointSlices, 53 when a name was looked up; whether some packet had no port.
 * Group ids are kept only when the before-snapshot names them (as a group, or on an ENI, instance or PodNetworking):
 * a changed group outside that universe makes the re-check trace everything (recheck.ts).
 * Each distinct string and token is widened once per snapshot (the same rule texts, ids and addresses recur across
 * answers), so a footprint costs little more than walking its trace.
 * Parts of a trace the engine runs but does not keep make it `unbounded` (always traced again): a Service endpoint
 * that is not a pod (its NodePort path on the fork is not listed), more than one nameserver tried (only the used
 * one's query trace is kept), a workload (pods with the same hops are grouped and only one trace is kept), an
 * error instead of an answer.
 */
import type { CheckResult } from '../engine/api.js';
import { resolvePodSource } from '../engine/hops/source.js';
import { memoByIdentity } from '../engine/memo.js';
import type { SnapshotIndex } from '../engine/snapshot-index.js';
import type { Node, Pod, Query, Service } from '../model/index.js';
import { parseIp } from '../net/ip.js';

export interface Footprint {
  /** Why this answer is always traced again, when it is. */
  readonly unbounded?: string;
  readonly namespaces: ReadonlySet<string>;
  /** Security groups named in the trace or widened to; all are in `universe`. */
  readonly groups: ReadonlySet<string>;
  /** Every group id the before-snapshot knows of: a changed group outside it counts for every answer. */
  readonly universe: ReadonlySet<string>;
  readonly ports: ReadonlySet<number>;
  /** Some packet of the trace had no port (ICMP, or a question without one). */
  readonly portless: boolean;
}

const SEPARATORS = /[\s,;()[\]{}"'`=<>|+]+/;
/** Only such words are given to the IP parser (parsing every word of every reason is most of the cost). */
const MAY_BE_IP = /^[0-9a-fA-F:.]+(%[\w.-]+)?$/;

class Collector {
  readonly strings = new Set<string>();
  readonly ports = new Set<number>();
  portless = false;
  unbounded: string | undefined;
  lookedUp = false;

  walk(value: unknown, key: string | undefined): void {
    if (typeof value === 'string') this.strings.add(value);
    else if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= 0 && value <= 65535) this.ports.add(value);
    } else if (value === null) {
      if (key === 'port') this.portless = true;
    } else if (Array.isArray(value)) {
      for (const item of value) this.walk(item, undefined);
    } else if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.kind === 'dns') this.lookedUp = true;
      if ('pod' in record && record.pod === null && 'verdict' in record)
        this.unbounded ??=
          'a Service endpoint that is not a pod was traced on a fork whose hops are not kept';
      const attempts = record.nameserverAttempts;
      if (Array.isArray(attempts) && attempts.length > 1)
        this.unbounded ??= 'several nameservers were tried and only the used one’s query trace is kept';
      for (const k in record) this.walk(record[k], k);
    }
  }
}

/** What one token or string widens to. */
interface Effects {
  readonly namespaces: readonly string[];
  readonly groups: readonly string[];
  readonly ports: readonly number[];
}
const NOTHING: Effects = { namespaces: [], groups: [], ports: [] };

/** Widens one token through the before-snapshot's index. */
class Widener {
  readonly namespaces = new Set<string>();
  readonly groups = new Set<string>();
  readonly ports = new Set<number>();
  private readonly seen = new Set<unknown>();

  constructor(
    private readonly index: SnapshotIndex,
    private readonly universe: ReadonlySet<string>,
  ) {}

  effects(): Effects {
    if (this.namespaces.size === 0 && this.groups.size === 0 && this.ports.size === 0) return NOTHING;
    return { namespaces: [...this.namespaces], groups: [...this.groups], ports: [...this.ports] };
  }

  private once(thing: unknown): boolean {
    if (this.seen.has(thing)) return false;
    this.seen.add(thing);
    return true;
  }

  private addGroups(ids: readonly string[] | undefined): void {
    for (const id of ids ?? []) this.groups.add(id);
  }

  pod(pod: Pod): void {
    if (!this.once(pod)) return;
    this.namespaces.add(pod.namespace);
    const info = resolvePodSource(this.index, pod);
    if (info.groups.known) this.addGroups(info.groups.ids);
    this.addGroups(info.eni?.securityGroupIds);
    this.addGroups(info.instance?.securityGroupIds);
  }

  node(node: Node): void {
    if (!this.once(node)) return;
    if (node.instanceId === undefined) return;
    this.addGroups(this.index.instance(node.instanceId)?.securityGroupIds);
    this.addGroups(this.index.primaryEni(node.instanceId)?.securityGroupIds);
  }

  service(service: Service): void {
    if (!this.once(service)) return;
    this.namespaces.add(service.namespace);
    for (const p of service.ports) {
      this.ports.add(p.port);
      if (typeof p.targetPort === 'number') this.ports.add(p.targetPort);
      if (p.nodePort !== undefined) this.ports.add(p.nodePort);
    }
    for (const slice of this.index.endpointSlices(service.namespace, service.name)) {
      for (const p of slice.ports) if (p.port !== undefined) this.ports.add(p.port);
      for (const endpoint of slice.endpoints) for (const a of endpoint.addresses) this.address(a, false);
    }
  }

  address(text: string, followServices = true): void {
    if (!this.once(`ip:${text}`)) return;
    const index = this.index;
    const pod = index.podByIp(text);
    if (pod !== undefined) this.pod(pod);
    this.addGroups(index.eniByPrivateIp(text)?.securityGroupIds);
    this.addGroups(index.instanceByPrivateIp(text)?.securityGroupIds);
    const node = index.nodeByIp(text);
    if (node !== undefined) this.node(node);
    if (!followServices) return;
    const service = index.serviceByClusterIp(text) ?? index.serviceByLoadBalancerIp(text);
    if (service !== undefined) this.service(service);
  }

  token(token: string): void {
    if (this.universe.has(token)) this.groups.add(token);
    if (token.includes('/')) {
      const parts = token.split('/');
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        if (this.index.namespace(part) !== undefined) this.namespaces.add(part);
        const next = parts[i + 1];
        if (next === undefined) continue;
        const pod = this.index.pod(part, next);
        if (pod !== undefined) this.pod(pod);
        const service = this.index.service(part, next);
        if (service !== undefined) this.service(service);
      }
      return;
    }
    if (MAY_BE_IP.test(token) && parseIp(token) !== undefined) {
      this.address(token);
      return;
    }
    const node = this.index.node(token);
    if (node !== undefined) this.node(node);
  }
}

/** Every token of a string: the whole, its words, and the parts of a word around `:` (ids, ip:port...). */
function tokensOf(text: string): Set<string> {
  const out = new Set<string>([text]);
  for (const raw of text.split(SEPARATORS)) {
    const word = raw.replace(/[.:]+$/, '');
    if (word === '') continue;
    out.add(word);
    if (word.includes(':') && !(MAY_BE_IP.test(word) && parseIp(word) !== undefined))
      for (const part of word.split(':')) out.add(part);
  }
  return out;
}

/** Per before-snapshot: the group universe and the widening of every string and token seen so far. */
class Widening {
  readonly universe: ReadonlySet<string>;
  private readonly byToken = new Map<string, Effects>();
  private readonly byString = new Map<string, Effects>();

  constructor(private readonly index: SnapshotIndex) {
    const s = index.snapshot;
    const universe = new Set<string>(s.cloud.securityGroups.map((g) => g.id));
    for (const owner of [
      ...s.cloud.networkInterfaces,
      ...s.cloud.ecsInstances,
      ...s.kubernetes.podNetworkings,
    ])
      for (const id of owner.securityGroupIds) universe.add(id);
    this.universe = universe;
  }

  private ofToken(token: string): Effects {
    let effects = this.byToken.get(token);
    if (effects === undefined) {
      const widener = new Widener(this.index, this.universe);
      widener.token(token);
      effects = widener.effects();
      this.byToken.set(token, effects);
    }
    return effects;
  }

  ofString(text: string): Effects {
    let effects = this.byString.get(text);
    if (effects === undefined) {
      const namespaces = new Set<string>();
      const groups = new Set<string>();
      const ports = new Set<number>();
      for (const token of tokensOf(text)) {
        const e = this.ofToken(token);
        if (e === NOTHING) continue;
        for (const n of e.namespaces) namespaces.add(n);
        for (const g of e.groups) groups.add(g);
        for (const p of e.ports) ports.add(p);
      }
      effects =
        namespaces.size === 0 && groups.size === 0 && ports.size === 0
          ? NOTHING
          : { namespaces: [...namespaces], groups: [...groups], ports: [...ports] };
      this.byString.set(text, effects);
    }
    return effects;
  }
}

const wideningOf = memoByIdentity((index: SnapshotIndex) => new Widening(index));

/** Whether check() looks a name up for this destination (src/engine/check.ts resolveDestination). */
function mayLookUpName(query: Query, index: SnapshotIndex): boolean {
  const to = query.to;
  if (to.kind === 'name') return true;
  if (to.kind === 'service') return index.service(to.namespace, to.name)?.type === 'ExternalName';
  if (to.kind === 'cloud-resource') {
    const rds = index.rds(to.id);
    return rds !== undefined && !rds.connections.some((c) => c.ipAddress !== undefined);
  }
  return false;
}

function unboundedFootprint(why: string, universe: ReadonlySet<string>): Footprint {
  return {
    unbounded: why,
    namespaces: new Set(),
    groups: new Set(),
    universe,
    ports: new Set(),
    portless: true,
  };
}

export function footprintOf(result: CheckResult, query: Query, index: SnapshotIndex): Footprint {
  const widening = wideningOf(index);
  const universe = widening.universe;
  if (!result.ok) return unboundedFootprint('the query was an error, not an answer', universe);
  if ('workload' in result)
    return unboundedFootprint(
      'a workload: pods with the same hops share one trace, the others are not kept',
      universe,
    );
  const collector = new Collector();
  collector.walk(query, undefined);
  collector.walk(result.trace, undefined);
  if (query.port === null) collector.portless = true;
  if (collector.unbounded !== undefined) return unboundedFootprint(collector.unbounded, universe);
  // A name is looked up before the source hop; when the trace stops there, the lookup (whose answer chose the
  // address family) is not kept.
  if (!collector.lookedUp && mayLookUpName(query, index))
    return unboundedFootprint('a name was looked up but the trace does not keep the lookup', universe);
  const namespaces = new Set<string>();
  const groups = new Set<string>();
  const ports = collector.ports;
  if (collector.lookedUp) {
    // The name lookup's query path ends at CoreDNS (kube-system) or another resolver, on port 53.
    namespaces.add('kube-system');
    ports.add(53);
  }
  for (const text of collector.strings) {
    const e = widening.ofString(text);
    if (e === NOTHING) continue;
    for (const n of e.namespaces) namespaces.add(n);
    for (const g of e.groups) groups.add(g);
    for (const p of e.ports) ports.add(p);
  }
  return { namespaces, groups, universe, ports, portless: collector.portless };
}
