/**
 * The `from`/`to` half of a NetworkPolicy rule (netpol-semantics.md §6-§9, §13-§14):
 * - an empty peer list matches every peer (pods and addresses alike);
 * - inside one peer, namespaceSelector and podSelector are ANDed; peers in one list are ORed;
 * - a peer with only podSelector selects pods of the POLICY's namespace; namespaceSelector `{}` selects every
 *   namespace; a peer with only namespaceSelector selects every pod of the matching namespaces;
 * - selectors never match an address that is not a pod;
 * - ipBlock matches addresses in `cidr` and outside every `except`. Whether it also matches pod IPs is
 *   implementation-defined (API docs); the upstream e2e suite and cyclonus expect it to (`ipBlockMatchesPods`),
 *   Cilium-based datapaths do not. A pod with several IPs matches when any one of them does.
 */

import type { IpBlock, Labels, NetworkPolicy, NetworkPolicyPeer, Pod } from '../model/kubernetes.js';
import { cidrContains, parseCidr } from '../net/ip.js';
import { explainSelectorMismatch, formatSelector } from './label-selector.js';

/** A peer as the matcher sees it: a pod with its namespace's labels, or a bare address. */
export type MatchPeer =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly namespaceLabels: Labels; readonly address?: string }
  | { readonly kind: 'address'; readonly address: string; readonly nodeIp?: boolean };

export type PeerMatch =
  | { readonly ok: true; readonly peerIndex: number | null; readonly viaIpBlockOnPod: boolean }
  | {
      readonly ok: false;
      readonly failed: 'peer' | 'except';
      readonly detail: string;
      /** Set when an ipBlock covered a pod IP but the datapath does not match ipBlocks against pods. */
      readonly ipBlockIgnoredForPod?: { readonly peerIndex: number; readonly ip: string };
    };

export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock !== undefined) {
    const except = peer.ipBlock.except.length === 0 ? '' : ` except ${peer.ipBlock.except.join(', ')}`;
    return `ipBlock ${peer.ipBlock.cidr}${except}`;
  }
  const namespaces =
    peer.namespaceSelector === undefined
      ? `namespace ${policyNamespace}`
      : `namespaces ${formatSelector(peer.namespaceSelector)}`;
  const pods = peer.podSelector === undefined ? 'all pods' : `pods ${formatSelector(peer.podSelector)}`;
  return `${pods} in ${namespaces}`;
}

export function describePeerList(peers: readonly NetworkPolicyPeer[], policyNamespace: string): string {
  return peers.length === 0 ? 'any peer' : peers.map((p) => describePeer(p, policyNamespace)).join(' | ');
}

export function describeMatchPeer(peer: MatchPeer): string {
  return peer.kind === 'pod' ? `pod ${peer.pod.namespace}/${peer.pod.name}` : `address ${peer.address}`;
}

type IpBlockResult =
  | { readonly in: true }
  | { readonly in: false; readonly excepted?: string; readonly cidrHit: boolean };

/** One IP against one ipBlock: inside the cidr and outside every except. */
export function ipInBlock(block: IpBlock, ip: string): IpBlockResult {
  const cidr = parseCidr(block.cidr);
  if (cidr === undefined || !cidrContains(cidr, ip)) return { in: false, cidrHit: false };
  const excepted = block.except.find((e) => cidrContains(e, ip));
  return excepted === undefined ? { in: true } : { in: false, excepted, cidrHit: true };
}

interface SinglePeerResult {
  readonly ok: boolean;
  readonly viaIpBlockOnPod: boolean;
  readonly failed?: 'peer' | 'except';
  readonly detail?: string;
  readonly ignoredIp?: string;
}

function matchOnePeer(
  peer: NetworkPolicyPeer,
  policy: NetworkPolicy,
  target: MatchPeer,
  ipBlockMatchesPods: boolean,
): SinglePeerResult {
  if (peer.ipBlock !== undefined) {
    // A pod is matched on the address the packet carries when the caller knows it, else on any of its IPs.
    const ips =
      target.kind === 'address'
        ? [target.address]
        : target.address !== undefined
          ? [target.address]
          : target.pod.ips;
    const results = ips.map((ip) => ({ ip, result: ipInBlock(peer.ipBlock as IpBlock, ip) }));
    const hit = results.find((r) => r.result.in);
    // Cilium (docs: Documentation/policy/language.rst, "IP/CIDR based") maps pods to label identities and node IPs
    // (host-network pods included) to host/remote-node identities; CIDR rules only describe other peers.
    if (!ipBlockMatchesPods && (target.kind === 'pod' || target.nodeIp === true)) {
      const who =
        target.kind === 'pod'
          ? `pod ${target.pod.namespace}/${target.pod.name}`
          : `node IP ${target.address}`;
      const detail = `ipBlock ${peer.ipBlock.cidr} does not select ${who} on this datapath (CIDR rules apply only to peers outside the cluster's pods and nodes)`;
      if (hit !== undefined)
        return { ok: false, viaIpBlockOnPod: false, failed: 'peer', detail, ignoredIp: hit.ip };
    }
    if (hit !== undefined)
      return { ok: true, viaIpBlockOnPod: target.kind === 'pod' || target.nodeIp === true };
    const excepted = results.find((r) => !r.result.in && r.result.excepted !== undefined);
    if (excepted !== undefined && !excepted.result.in) {
      return {
        ok: false,
        viaIpBlockOnPod: false,
        failed: 'except',
        detail: `${excepted.ip} is in ${peer.ipBlock.cidr} but excepted by ${excepted.result.excepted}`,
      };
    }
    const shown = ips.length === 0 ? 'no IP' : ips.join(', ');
    return {
      ok: false,
      viaIpBlockOnPod: false,
      failed: 'peer',
      detail: `${shown} not in ipBlock ${peer.ipBlock.cidr}`,
    };
  }
  if (target.kind === 'address') {
    return {
      ok: false,
      viaIpBlockOnPod: false,
      failed: 'peer',
      detail: `${describePeer(peer, policy.namespace)} selects pods only, and ${target.address} is not a pod`,
    };
  }
  if (peer.namespaceSelector === undefined) {
    if (target.pod.namespace !== policy.namespace) {
      return {
        ok: false,
        viaIpBlockOnPod: false,
        failed: 'peer',
        detail: `a podSelector without namespaceSelector selects namespace ${policy.namespace} only, and the pod is in ${target.pod.namespace}`,
      };
    }
  } else {
    const why = explainSelectorMismatch(peer.namespaceSelector, target.namespaceLabels);
    if (why !== undefined) {
      return {
        ok: false,
        viaIpBlockOnPod: false,
        failed: 'peer',
        detail: `namespaceSelector ${why} (namespace ${target.pod.namespace})`,
      };
    }
  }
  if (peer.podSelector !== undefined) {
    const why = explainSelectorMismatch(peer.podSelector, target.pod.labels);
    if (why !== undefined) {
      return {
        ok: false,
        viaIpBlockOnPod: false,
        failed: 'peer',
        detail: `podSelector ${why} (pod ${target.pod.namespace}/${target.pod.name})`,
      };
    }
  }
  return { ok: true, viaIpBlockOnPod: false };
}

/**
 * Whether a rule's peer list admits `target`. When several peers match, a label-selector peer is preferred over an
 * ipBlock that matched a pod IP, so an allow is only reported as implementation-defined when it truly depends on it.
 */
export function matchPeers(
  peers: readonly NetworkPolicyPeer[],
  policy: NetworkPolicy,
  target: MatchPeer,
  ipBlockMatchesPods: boolean,
): PeerMatch {
  if (peers.length === 0) return { ok: true, peerIndex: null, viaIpBlockOnPod: false };
  const results = peers.map((peer) => matchOnePeer(peer, policy, target, ipBlockMatchesPods));
  const plain = results.findIndex((r) => r.ok && !r.viaIpBlockOnPod);
  if (plain !== -1) return { ok: true, peerIndex: plain, viaIpBlockOnPod: false };
  const viaIpBlock = results.findIndex((r) => r.ok);
  if (viaIpBlock !== -1) return { ok: true, peerIndex: viaIpBlock, viaIpBlockOnPod: true };
  // Report an except first: it is the most specific reason ("the cidr covered you, but ...").
  const exceptIndex = results.findIndex((r) => r.failed === 'except');
  const chosenIndex = exceptIndex === -1 ? 0 : exceptIndex;
  const chosen = results[chosenIndex] as SinglePeerResult;
  const ignoredIndex = results.findIndex((r) => r.ignoredIp !== undefined);
  const ignored = ignoredIndex === -1 ? undefined : results[ignoredIndex];
  const prefix = peers.length === 1 ? '' : `peer ${chosenIndex}: `;
  const base = {
    ok: false as const,
    failed: chosen.failed ?? 'peer',
    detail: `${prefix}${chosen.detail ?? 'does not match'}`,
  };
  return ignored?.ignoredIp === undefined
    ? base
    : { ...base, ipBlockIgnoredForPod: { peerIndex: ignoredIndex, ip: ignored.ignoredIp } };
}
