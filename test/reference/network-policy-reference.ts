/**
 * A naive NetworkPolicy evaluator written straight from the Kubernetes API reference and
 * shared/reference/netpol-semantics.md (rules 1-2: per-direction isolation, policyTypes defaulting), for pod-to-pod
 * traffic with label selectors and numeric ports (no ipBlock, no named ports). Reads raw manifests; shares no code
 * with src/.
 */

export interface RawSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

export interface RawPeer {
  readonly podSelector?: RawSelector;
  readonly namespaceSelector?: RawSelector;
}

export interface RawPort {
  readonly protocol?: string;
  readonly port?: number;
  readonly endPort?: number;
}

export interface RawRule {
  readonly from?: readonly RawPeer[];
  readonly to?: readonly RawPeer[];
  readonly ports?: readonly RawPort[];
}

export interface RawNetworkPolicy {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: {
    readonly podSelector: RawSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly RawRule[];
    readonly egress?: readonly RawRule[];
  };
}

export interface PodFacts {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A label selector: every matchLabels pair and every expression must hold; `{}` selects everything. */
export function selectorMatches(selector: RawSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const values = expression.values ?? [];
    if (expression.operator === 'In' && !(has && values.includes(value as string))) return false;
    if (expression.operator === 'NotIn' && has && values.includes(value as string)) return false;
    if (expression.operator === 'Exists' && !has) return false;
    if (expression.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** policyTypes as the API server defaults them: Ingress always, Egress when spec.egress has a rule. */
export function policyTypes(policy: RawNetworkPolicy): readonly string[] {
  if (policy.spec.policyTypes !== undefined && policy.spec.policyTypes.length > 0)
    return policy.spec.policyTypes;
  return (policy.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(
  peer: RawPeer,
  policyNamespace: string,
  other: PodFacts,
  namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
): boolean {
  const namespaceOk =
    peer.namespaceSelector === undefined
      ? other.namespace === policyNamespace
      : selectorMatches(peer.namespaceSelector, namespaceLabels[other.namespace] ?? {});
  const podOk = peer.podSelector === undefined || selectorMatches(peer.podSelector, other.labels);
  return namespaceOk && podOk;
}

function portMatches(ports: readonly RawPort[] | undefined, protocol: string, port: number): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol.toUpperCase()) return false;
    if (p.port === undefined) return true;
    if (p.endPort !== undefined) return port >= p.port && port <= p.endPort;
    return port === p.port;
  });
}

/**
 * Whether `pod` admits traffic in `direction` with `other` (the source for ingress, the destination for egress):
 * not isolated in that direction, or some rule of some isolating policy matches both the peer and the port.
 */
export function networkPolicyAllows(
  policies: readonly RawNetworkPolicy[],
  direction: 'Ingress' | 'Egress',
  pod: PodFacts,
  other: PodFacts,
  namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
  protocol: string,
  port: number,
): boolean {
  const isolating = policies.filter(
    (p) =>
      p.metadata.namespace === pod.namespace &&
      selectorMatches(p.spec.podSelector, pod.labels) &&
      policyTypes(p).includes(direction),
  );
  if (isolating.length === 0) return true;
  for (const policy of isolating) {
    const rules = (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    for (const rule of rules) {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk =
        peers === undefined ||
        peers.length === 0 ||
        peers.some((peer) => peerMatches(peer, policy.metadata.namespace, other, namespaceLabels));
      if (peerOk && portMatches(rule.ports, protocol, port)) return true;
    }
  }
  return false;
}
