/**
 * Kubernetes NetworkPolicy, one direction at a time, with upstream fidelity (docs/network-policy.md states every
 * rule; /work/shared/reference/netpol-semantics.md is the checklist):
 * - a pod is isolated for a direction only by policies of ITS OWN namespace whose podSelector selects it and whose
 *   policyTypes (defaults applied by the loader) list that direction;
 * - a non-isolated direction allows everything; an isolated one allows exactly the union of all rules of all
 *   isolating policies (nothing subtracts);
 * - a rule allows a connection when its peers AND its ports both match.
 * A connection needs the source's egress AND the destination's ingress: callers evaluate both.
 */
import type { Labels, NetworkPolicy, NetworkPolicyRule, Pod } from '../model/kubernetes.js';
import type { Protocol } from '../model/protocol.js';
import { matchesSelector } from './label-selector.js';
import { describeMatchPeer, describePeerList, type MatchPeer, matchPeers } from './network-policy-peers.js';
import { describePortList, matchPorts, protocolName } from './network-policy-ports.js';

export type PolicyPeer =
  /**
   * An in-cluster pod (its IPs are in pod.ips). `address`: the pod IP the packet carries, when known; ipBlocks are
   * then matched against it alone, otherwise against any of the pod's IPs.
   */
  | { kind: 'pod'; pod: Pod; namespaceLabels: Labels; address?: string }
  /** Anything else (outside IP, node IP, VPC host). `nodeIp`: the address belongs to a cluster node. */
  | { kind: 'address'; address: string; nodeIp?: boolean };

export interface PolicyContext {
  /** All policies of the snapshot; only those of the evaluated pod's namespace take part. */
  policies: readonly NetworkPolicy[];
  /** Whether an ipBlock matches in-cluster pod IPs. Upstream e2e and cyclonus: true; Cilium datapaths: false. */
  ipBlockMatchesPods: boolean;
}

export type PolicyDirection = 'ingress' | 'egress';

export interface RuleRefWithPolicy {
  policy: NetworkPolicy;
  direction: PolicyDirection;
  ruleIndex: number;
  rule: NetworkPolicyRule;
}

export type RuleFailure = 'peer' | 'port' | 'protocol' | 'except' | 'no-rules';

export interface PolicyDecision {
  verdict: 'allow' | 'deny';
  /** False: no policy of the pod's namespace selects it for this direction. */
  isolated: boolean;
  isolatingPolicies: readonly NetworkPolicy[];
  /** The first allowing rule, deterministic order (policy name, rule index). */
  allowedBy?: RuleRefWithPolicy;
  /** On a deny: the rule that came nearest to allowing, and the part that failed. */
  closest?: RuleRefWithPolicy & { failed: RuleFailure; detail: string };
  /** Set when the allow came from an ipBlock matching a pod IP or node IP (implementation-defined upstream). */
  ipBlockPodMatch?: RuleRefWithPolicy;
  /**
   * Set when an ipBlock covers the pod peer's IP but the datapath does not match ipBlocks against pods
   * (`ipBlockMatchesPods: false`): upstream semantics would have counted it. The first such rule.
   */
  ipBlockIgnoredForPod?: RuleRefWithPolicy & { ip: string };
  /** Implementation-defined points that applied (host-network pods). */
  notes: readonly string[];
  /** One plain line naming policy/rule and why. */
  reason: string;
}

/**
 * The policies of each namespace, in list order, once per policy list (a cluster has thousands of policies and only
 * one namespace's take part; cached by the list's identity, which a changed snapshot replaces).
 */
const byNamespaceCache = new WeakMap<readonly NetworkPolicy[], Map<string, NetworkPolicy[]>>();
function policiesByNamespace(policies: readonly NetworkPolicy[]): Map<string, NetworkPolicy[]> {
  let byNamespace = byNamespaceCache.get(policies);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    for (const policy of policies) {
      const list = byNamespace.get(policy.namespace);
      if (list === undefined) byNamespace.set(policy.namespace, [policy]);
      else list.push(policy);
    }
    byNamespaceCache.set(policies, byNamespace);
  }
  return byNamespace;
}

/** Policies of `pod`'s namespace that isolate it for `direction`, sorted by name. */
export function isolatingPoliciesFor(
  policies: readonly NetworkPolicy[],
  pod: Pod,
  direction: PolicyDirection,
): NetworkPolicy[] {
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  return (policiesByNamespace(policies).get(pod.namespace) ?? [])
    .filter((p) => p.policyTypes.includes(type) && matchesSelector(p.podSelector, pod.labels))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Does `source`'s egress policy allow this connection? `destinationPod` resolves named ports. */
export function evaluateEgress(
  ctx: PolicyContext,
  source: Pod,
  _sourceNamespaceLabels: Labels,
  destination: PolicyPeer,
  protocol: Protocol,
  port: number | null,
): PolicyDecision {
  return evaluateDirection(ctx, 'egress', source, destination, protocol, port);
}

/** Does `destination`'s ingress policy allow a connection from `source`? Named ports resolve on `destination`. */
export function evaluateIngress(
  ctx: PolicyContext,
  destination: Pod,
  _destinationNamespaceLabels: Labels,
  source: PolicyPeer,
  protocol: Protocol,
  port: number | null,
): PolicyDecision {
  return evaluateDirection(ctx, 'ingress', destination, source, protocol, port);
}

/**
 * isolatingPoliciesFor, kept per policy list and pod: a Service check evaluates the same source pod's egress once per
 * endpoint. Pods are read-only and a changed pod is a new object, so (list, pod) identity fixes the answer. Frozen:
 * the list is shared by every decision that names it.
 */
const isolatingCache = new WeakMap<
  readonly NetworkPolicy[],
  WeakMap<Pod, Partial<Record<PolicyDirection, readonly NetworkPolicy[]>>>
>();
function isolating(
  policies: readonly NetworkPolicy[],
  pod: Pod,
  direction: PolicyDirection,
): readonly NetworkPolicy[] {
  let byPod = isolatingCache.get(policies);
  if (byPod === undefined) {
    byPod = new WeakMap();
    isolatingCache.set(policies, byPod);
  }
  let entry = byPod.get(pod);
  if (entry === undefined) {
    entry = {};
    byPod.set(pod, entry);
  }
  let found = entry[direction];
  if (found === undefined) {
    found = Object.freeze(isolatingPoliciesFor(policies, pod, direction));
    entry[direction] = found;
  }
  return found;
}

function podRef(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

function policyRef(policy: NetworkPolicy): string {
  return `${policy.namespace}/${policy.name}`;
}

/** The address a host-network pod is evaluated as when it is a peer: its node's (hostIP), else its first IP. */
export function hostNetworkPeerAddress(pod: Pod): string {
  return pod.hostIP ?? pod.ips[0] ?? '';
}

/**
 * Host-network pods (API docs, "NetworkPolicy and hostNetwork pods"): behaviour is undefined; the most common
 * implementation cannot tell their traffic from the node's, so it treats them as the node IP when they are peers and
 * does not apply policies that select them.
 */
function hostNetworkPeer(peer: PolicyPeer, notes: string[]): MatchPeer {
  if (peer.kind === 'address' || !peer.pod.hostNetwork) return peer;
  const address = hostNetworkPeerAddress(peer.pod);
  notes.push(
    `${podRef(peer.pod)} uses the host network: NetworkPolicy treatment is implementation-defined; evaluated as its node IP ${address || '(unknown)'}, which pod selectors do not match`,
  );
  return { kind: 'address', address, nodeIp: true };
}

interface Candidate {
  ref: RuleRefWithPolicy;
  failed: RuleFailure;
  detail: string;
  score: number;
}

function evaluateDirection(
  ctx: PolicyContext,
  direction: PolicyDirection,
  subject: Pod,
  rawPeer: PolicyPeer,
  protocol: Protocol,
  port: number | null,
): PolicyDecision {
  const notes: string[] = [];
  const wanted = port === null ? protocolName(protocol) : `${protocolName(protocol)} ${port}`;
  const toFrom = direction === 'egress' ? 'to' : 'from';

  if (subject.hostNetwork) {
    const selecting = isolating(ctx.policies, subject, direction).map(policyRef);
    const named = selecting.length === 0 ? '' : ` (selected by ${selecting.join(', ')})`;
    const note = `${podRef(subject)} uses the host network${named}: NetworkPolicy enforcement for host-network pods is implementation-defined; the common implementation does not apply policies to them`;
    return {
      verdict: 'allow',
      isolated: false,
      isolatingPolicies: [],
      notes: [note],
      reason: `${direction} of ${podRef(subject)} not restricted: ${note}`,
    };
  }

  const peer = hostNetworkPeer(rawPeer, notes);
  const isolatingPolicies = isolating(ctx.policies, subject, direction);
  if (isolatingPolicies.length === 0) {
    return {
      verdict: 'allow',
      isolated: false,
      isolatingPolicies: [],
      notes,
      reason: `no NetworkPolicy in namespace ${subject.namespace} selects ${podRef(subject)} for ${direction}, so its ${direction} is not restricted`,
    };
  }

  // Named ports resolve on the destination: the subject for ingress, the peer pod for egress.
  const destinationPod = direction === 'ingress' ? subject : peer.kind === 'pod' ? peer.pod : undefined;
  const candidates: Candidate[] = [];
  let ipBlockIgnoredForPod: (RuleRefWithPolicy & { ip: string }) | undefined;

  for (const policy of isolatingPolicies) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    if (rules.length === 0) {
      candidates.push({
        ref: { policy, direction, ruleIndex: -1, rule: { peers: [], ports: [], origin: policy.origin } },
        failed: 'no-rules',
        detail: `${policyRef(policy)} has no ${direction} rules: it denies all ${direction}`,
        score: 5,
      });
      continue;
    }
    for (const [ruleIndex, rule] of rules.entries()) {
      const ref: RuleRefWithPolicy = { policy, direction, ruleIndex, rule };
      const peers = matchPeers(rule.peers, policy, peer, ctx.ipBlockMatchesPods);
      const ports = matchPorts(rule.ports, protocol, port, destinationPod);
      if (peers.ok && ports.ok) {
        const decision: PolicyDecision = {
          verdict: 'allow',
          isolated: true,
          isolatingPolicies,
          allowedBy: ref,
          notes,
          reason: `allowed by NetworkPolicy ${policyRef(policy)} ${direction} rule ${ruleIndex} (${toFrom} ${describePeerList(rule.peers, policy.namespace)}; ${describePortList(rule.ports)})${peers.viaIpBlockOnPod ? `: its ipBlock matched the in-cluster IP of ${describeMatchPeer(peer)}, which is implementation-defined upstream` : ''}`,
        };
        if (peers.viaIpBlockOnPod) decision.ipBlockPodMatch = ref;
        return decision;
      }
      if (!peers.ok && peers.ipBlockIgnoredForPod !== undefined && ipBlockIgnoredForPod === undefined) {
        ipBlockIgnoredForPod = { ...ref, ip: peers.ipBlockIgnoredForPod.ip };
      }
      if (peers.ok && !ports.ok) {
        candidates.push({
          ref,
          failed: ports.failed,
          detail: ports.detail,
          score: ports.failed === 'port' ? 0 : 1,
        });
      } else if (!peers.ok && ports.ok) {
        candidates.push({
          ref,
          failed: peers.failed,
          detail: peers.detail,
          score: peers.failed === 'except' ? 2 : 3,
        });
      } else if (!peers.ok && !ports.ok) {
        candidates.push({
          ref,
          failed: peers.failed,
          detail: `${peers.detail}; and ${ports.detail}`,
          score: 4,
        });
      }
    }
  }

  // Stable: candidates were produced in (policy name, rule index) order; sort keeps that order within a score.
  const closest = [...candidates].sort((a, b) => a.score - b.score)[0];
  const names = isolatingPolicies.map(policyRef).join(', ');
  const isolatedBy = `${podRef(subject)} is isolated for ${direction} by ${names}`;
  const nearest =
    closest === undefined
      ? ''
      : closest.failed === 'no-rules'
        ? `; ${closest.detail}`
        : `; closest: ${policyRef(closest.ref.policy)} ${direction} rule ${closest.ref.ruleIndex} (${closest.failed}: ${closest.detail})`;
  const ignored =
    ipBlockIgnoredForPod === undefined
      ? ''
      : `; note: ${policyRef(ipBlockIgnoredForPod.policy)} ${direction} rule ${ipBlockIgnoredForPod.ruleIndex} has an ipBlock covering ${ipBlockIgnoredForPod.ip}, which upstream semantics would match but this datapath does not apply to pods`;
  const decision: PolicyDecision = {
    verdict: 'deny',
    isolated: true,
    isolatingPolicies,
    notes,
    reason: `denied: ${isolatedBy} and no rule allows ${wanted} ${toFrom} ${describeMatchPeer(peer)}${nearest}${ignored}`,
  };
  if (closest !== undefined)
    decision.closest = { ...closest.ref, failed: closest.failed, detail: closest.detail };
  if (ipBlockIgnoredForPod !== undefined) decision.ipBlockIgnoredForPod = ipBlockIgnoredForPod;
  return decision;
}
