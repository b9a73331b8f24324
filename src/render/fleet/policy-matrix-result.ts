/**
 * What `podreach matrix --policy-only` computed (src/cli/commands/policy-matrix.ts), as the renderers read it: either
 * the namespace × namespace counts of pod pairs allowed by NetworkPolicy alone, or one pod pair's verdict per port.
 */

export type PolicyPortVerdict = 'allow' | 'deny' | 'unknown';

export interface PolicyMatrixTotals {
  /** Running pods with at least one IP (the only pods asked about). */
  readonly pods: number;
  /** pods² ordered pairs, a pod to itself included. */
  readonly podPairs: number;
  /** Pairs with at least one of the destination's declared ports allowed. */
  readonly allowedPairs: number;
  /** Pairs with no allowed port and at least one denied only by a policy whose enforcement is unknown. */
  readonly unknownPairs: number;
  /** Destination pods that declare no container port: never asked, so never allowed. */
  readonly destinationsWithoutPorts: number;
}

export interface PolicyMatrixRow {
  readonly from: string;
  readonly to: string;
  /** pods(from) × pods(to). */
  readonly pairs: number;
  readonly allowed: number;
  readonly unknown: number;
}

export interface PolicyNamespaceMatrix {
  readonly kind: 'policy-matrix';
  /** Over the whole snapshot, whatever --from/--to select. */
  readonly totals: PolicyMatrixTotals;
  /** Every namespace with a counted pod, sorted, and its pod count. */
  readonly namespaces: readonly { readonly name: string; readonly pods: number }[];
  /** Row namespaces (--from, else all) and column namespaces (--to, else all), sorted. */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** One per (from, to), from-major, both sorted. */
  readonly rows: readonly PolicyMatrixRow[];
}

export interface PolicyPairPort {
  readonly protocol: string;
  readonly port: number | null;
  /** `declared`: a container port of the destination; `asked`: given with --port. */
  readonly source: 'declared' | 'asked';
  readonly verdict: PolicyPortVerdict;
}

export interface PolicyPairResult {
  readonly kind: 'policy-pair';
  readonly from: string;
  readonly to: string;
  /** Declared ports first (in declaration order), then --port ones not already declared. */
  readonly ports: readonly PolicyPairPort[];
}

export type PolicyMatrixResult = PolicyNamespaceMatrix | PolicyPairResult;

/** What the policy-only answer ignores: printed with every text output and documented in docs/fleet.md. */
export const POLICY_ONLY_NOTE =
  'Only NetworkPolicy is read, as ACK enforces it: security groups, routes, SNAT, whitelists and Services are ignored; ' +
  'only Running pods with an IP are counted; a destination is asked on its declared container ports only ' +
  '(one that declares none is never allowed); a pair is allowed when at least one such port is. ' +
  'unknown: denied by a policy whose enforcement the snapshot cannot tell.';
