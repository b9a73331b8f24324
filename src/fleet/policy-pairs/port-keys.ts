/**
 * Ports, exactly as src/eval/network-policy-ports.ts matches them, reduced to what a rule can see. A rule's port
 * list is read against (protocol, port number, the destination's named ports): a named entry matches when the
 * destination's first container port of that name AND protocol has that number (resolveNamedPort). So a question
 * "protocol/port towards pod q" is fully described by its PORT KEY: the protocol, the number, and the names —
 * among those some rule mentions — that resolve on q to that number. A host-network destination is evaluated as
 * its node address (src/eval/network-policy.ts, hostNetworkPeer), which has no port names; for ingress such a
 * pod is never restricted, so only the egress side reads its key.
 */
import type { NetworkPolicy, NetworkPolicyPort, Pod } from '../../model/kubernetes.js';
import type { Protocol } from '../../model/protocol.js';

/** One connection question: protocol and destination port (null: no port, e.g. ICMP). */
export interface PortQuery {
  readonly protocol: Protocol;
  readonly port: number | null;
}

export interface PortKey {
  readonly protocol: Protocol;
  readonly port: number | null;
  /** Named ports (mentioned by some rule) that resolve to `port` on the destination. */
  readonly names: ReadonlySet<string>;
}

/** Every port name some rule of `policies` mentions. */
export function mentionedPortNames(policies: readonly NetworkPolicy[]): Set<string> {
  const names = new Set<string>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const entry of rule.ports) if (typeof entry.port === 'string') names.add(entry.port);
    }
  }
  return names;
}

/** The names among `mentioned` that resolve to `query` on `destination` (first container port per name+protocol). */
export function resolvingNames(mentioned: ReadonlySet<string>, destination: Pod, query: PortQuery): string[] {
  if (destination.hostNetwork || query.port === null || mentioned.size === 0) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const cp of destination.containerPorts) {
    if (cp.name === undefined || cp.protocol !== query.protocol || !mentioned.has(cp.name)) continue;
    if (seen.has(cp.name)) continue; // resolveNamedPort takes the first port of a name and protocol
    seen.add(cp.name);
    if (cp.containerPort === query.port) out.push(cp.name);
  }
  return out.sort();
}

/** Without names (the usual case) `tcp/80`; with names the JSON form, which starts with `[` and cannot collide. */
export function portKeyText(query: PortQuery, names: readonly string[]): string {
  return names.length === 0
    ? `${query.protocol}/${query.port ?? ''}`
    : JSON.stringify([query.protocol, query.port, names]);
}

function entryAdmits(entry: NetworkPolicyPort, key: PortKey): boolean {
  if (entry.protocol !== key.protocol || key.port === null) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') return key.names.has(entry.port);
  const end = entry.endPort ?? entry.port;
  return key.port >= entry.port && key.port <= end;
}

/** Verdict-only matchPorts: an empty list admits everything; otherwise some entry must admit the key. */
export function portsAdmit(ports: readonly NetworkPolicyPort[], key: PortKey): boolean {
  return ports.length === 0 || ports.some((entry) => entryAdmits(entry, key));
}

/** The distinct (protocol, port) a pod declares, in declaration order. */
export function declaredPorts(pod: Pod): PortQuery[] {
  const seen = new Set<string>();
  const out: PortQuery[] = [];
  for (const cp of pod.containerPorts) {
    const text = `${cp.protocol}/${cp.containerPort}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ protocol: cp.protocol, port: cp.containerPort });
  }
  return out;
}
