/**
 * The answer to a query: hops from the source to the destination, each with the rule that decided. This is the
 * stable JSON contract of `podreach check --output json` (docs/trace.md, docs/trace.schema.json): fields may be
 * added, never renamed or removed without a deprecation note.
 */
import type { Origin } from './origin.js';
import type { IpFamily, Protocol } from './protocol.js';

export type Verdict = 'reachable' | 'blocked' | 'unresolved' | 'unknown';

export type HopKind =
  | 'source'
  | 'dns'
  | 'service'
  | 'egress-policy'
  | 'egress-security-group'
  | 'source-nat'
  | 'route'
  | 'internet-exit'
  | 'destination-access'
  | 'ingress-policy'
  | 'destination';

export const HOP_KINDS: readonly HopKind[] = [
  'source',
  'dns',
  'service',
  'egress-policy',
  'egress-security-group',
  'source-nat',
  'route',
  'internet-exit',
  'destination-access',
  'ingress-policy',
  'destination',
];

/**
 * `pass`: the packet goes on unchanged; `rewrite`: it goes on with an address changed; `drop`: it stops here;
 * `skip`: the hop does not apply to this packet (said why); `unknown`: the snapshot lacks what decides it.
 */
export type HopResult = 'pass' | 'drop' | 'rewrite' | 'skip' | 'unknown';

/** The flow as it stands when it leaves a hop. */
export interface Packet {
  readonly family: IpFamily;
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
  readonly port: number | null;
}

export interface ResourceRef {
  /** e.g. `pod`, `node`, `security-group`, `nat-gateway`, `route-table`, `rds-instance`, `network-policy`. */
  readonly type: string;
  readonly id: string;
  readonly name?: string;
}

/** The rule that decided a hop: its id (or a stable description when it has none) and where it is written. */
export interface RuleRef {
  readonly id: string;
  readonly description: string;
  readonly origin?: Origin;
}

/** Something the engine took as true without the snapshot saying so, or a documented behaviour it relies on. */
export interface Assumption {
  readonly hop: HopKind;
  readonly statement: string;
  /** Where the behaviour is documented, or why it is undocumented. */
  readonly basis: string;
}

/** Data whose absence made a hop `unknown`, and how to collect it. */
export interface MissingData {
  readonly hop: HopKind;
  readonly what: string;
  /** A command or file that would settle it. */
  readonly collect: string;
}

export interface Hop {
  readonly kind: HopKind;
  readonly result: HopResult;
  readonly resource: ResourceRef | null;
  /** The rule that decided; null when no single rule did (e.g. a default). */
  readonly rule: RuleRef | null;
  /** Rules considered besides the deciding one, when that helps explain the decision. */
  readonly considered?: readonly RuleRef[];
  readonly packet: Packet;
  /** One line, plain words. */
  readonly reason: string;
  /** Hop-specific detail (e.g. the DNS resolver and queries); shape documented per hop kind in docs/trace.md. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Fix {
  readonly kind: string;
  readonly summary: string;
  readonly tradeoffs?: string;
  readonly commands: readonly string[];
  readonly manifests: readonly string[];
  /** Values that could not be filled from the snapshot, named as they appear in the commands. */
  readonly needs: readonly string[];
  /** The verdict after re-tracing with the fix applied; absent until proven. */
  readonly proof?: { readonly verdict: Verdict; readonly sourceAddressSeen: string | null };
}

export interface Blocker {
  /** Index into `hops`. */
  readonly hopIndex: number;
  readonly kind: HopKind;
  readonly resource: ResourceRef | null;
  readonly rule: RuleRef | null;
  readonly reason: string;
  readonly fixes: readonly Fix[];
}

export interface TraceQuery {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number | null;
  readonly family: IpFamily | null;
}

export interface Trace {
  readonly schemaVersion: 1;
  readonly query: TraceQuery;
  readonly verdict: Verdict;
  /** What the destination sees as the source address, or null when the packet does not arrive or it is unknown. */
  readonly sourceAddressSeen: string | null;
  /**
   * Every address the destination may see, sorted: one element usually; several when a SNAT entry lists several
   * SnatIps and picks one per connection (whitelists must admit them all). Empty when sourceAddressSeen is null.
   */
  readonly sourceAddressCandidates: readonly string[];
  /** The first blocking hop (same object as `blockers[0]`), or null. */
  readonly blockedAt: Blocker | null;
  readonly blockers: readonly Blocker[];
  readonly assumptions: readonly Assumption[];
  readonly missing: readonly MissingData[];
  readonly hops: readonly Hop[];
}

/** The answer for a workload: its pods grouped by identical outcome. */
export interface WorkloadTrace {
  readonly schemaVersion: 1;
  readonly query: TraceQuery;
  /** The worst verdict over the groups: blocked > unresolved > unknown > reachable. */
  readonly verdict: Verdict;
  readonly groups: readonly { readonly pods: readonly string[]; readonly trace: Trace }[];
}
