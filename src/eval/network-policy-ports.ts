/**
 * The `ports` half of a NetworkPolicy rule. Upstream rules (kubernetes.io/docs/concepts/services-networking/
 * network-policies and the e2e suite, netpol-semantics.md §10-§12):
 * - an empty list matches every port and protocol;
 * - protocol is part of the match (the loader already applied the TCP default);
 * - an entry without `port` matches every port of its protocol;
 * - `port`..`endPort` is an inclusive range;
 * - a named port is resolved on the DESTINATION pod's container ports by name AND protocol; a name the destination
 *   does not declare (or a destination that is not a pod) matches nothing.
 * A connection without a port (ICMP) can only match a rule whose port list is empty: entries always name a
 * TCP/UDP/SCTP protocol.
 */
import type { NetworkPolicyPort, Pod } from '../model/kubernetes.js';
import type { Protocol } from '../model/protocol.js';

export type PortMatch =
  | { readonly ok: true }
  | { readonly ok: false; readonly failed: 'port' | 'protocol'; readonly detail: string };

export function protocolName(protocol: Protocol): string {
  return protocol.toUpperCase();
}

export function describePortEntry(entry: NetworkPolicyPort): string {
  const protocol = protocolName(entry.protocol);
  if (entry.port === undefined) return `${protocol} (all ports)`;
  if (entry.endPort !== undefined) return `${protocol} ${entry.port}-${entry.endPort}`;
  return `${protocol} ${entry.port}`;
}

export function describePortList(ports: readonly NetworkPolicyPort[]): string {
  return ports.length === 0 ? 'all ports' : ports.map(describePortEntry).join(', ');
}

function describeWanted(protocol: Protocol, port: number | null): string {
  return port === null ? protocolName(protocol) : `${protocolName(protocol)} ${port}`;
}

/** The container port number a named port stands for on `destination`, matching name and protocol. */
export function resolveNamedPort(
  name: string,
  protocol: Protocol,
  destination: Pod | undefined,
): number | undefined {
  return destination?.containerPorts.find((p) => p.name === name && p.protocol === protocol)?.containerPort;
}

function entryMatches(
  entry: NetworkPolicyPort,
  protocol: Protocol,
  port: number | null,
  destination: Pod | undefined,
): boolean {
  if (entry.protocol !== protocol || port === null) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') return resolveNamedPort(entry.port, protocol, destination) === port;
  const end = entry.endPort ?? entry.port;
  return port >= entry.port && port <= end;
}

/**
 * Whether a rule's port list admits `protocol`/`port` towards `destination` (undefined when the destination is not a
 * pod). On failure, `protocol` means no entry names the connection's protocol; `port` means one does, for other ports.
 */
export function matchPorts(
  ports: readonly NetworkPolicyPort[],
  protocol: Protocol,
  port: number | null,
  destination: Pod | undefined,
): PortMatch {
  if (ports.length === 0) return { ok: true };
  if (ports.some((entry) => entryMatches(entry, protocol, port, destination))) return { ok: true };
  const sameProtocol = ports.filter((entry) => entry.protocol === protocol);
  const wanted = describeWanted(protocol, port);
  if (sameProtocol.length === 0) {
    return { ok: false, failed: 'protocol', detail: `allows only ${describePortList(ports)}, not ${wanted}` };
  }
  const named = sameProtocol.filter((entry) => typeof entry.port === 'string');
  const unresolved = named.filter(
    (entry) => resolveNamedPort(String(entry.port), protocol, destination) === undefined,
  );
  let note = '';
  if (unresolved.length > 0) {
    const names = unresolved.map((entry) => String(entry.port)).join(', ');
    note =
      destination === undefined
        ? ` (named port ${names} cannot match: the destination is not a pod, so it has no port names)`
        : ` (named port ${names}: ${destination.namespace}/${destination.name} declares no ${protocolName(protocol)} container port of that name)`;
  }
  return { ok: false, failed: 'port', detail: `allows ${describePortList(ports)}, not ${wanted}${note}` };
}
