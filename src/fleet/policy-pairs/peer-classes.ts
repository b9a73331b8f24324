/**
 * Peer classes: pods that every rule peer of every policy sees alike, as the other end of a connection
 * (src/eval/network-policy-peers.ts). A pod peer is read through its namespace (and that namespace's labels), the
 * labels some peer podSelector reads (label-signature.ts), and which ipBlocks hold one of its IPs (a pod matches an
 * ipBlock when ANY of its IPs is inside the cidr and outside every except). A host-network pod is evaluated as its
 * node address (network-policy.ts, hostNetworkPeer: hostIP, else its first IP): selectors never match it and only
 * ipBlock membership of that one address counts.
 */
import { hostNetworkPeerAddress } from '../../eval/network-policy.js';
import { ipInBlock, type MatchPeer } from '../../eval/network-policy-peers.js';
import type { IpBlock, Labels, NetworkPolicy, Pod } from '../../model/kubernetes.js';
import { cidrBounds, parseCidr } from '../../net/ip.js';
import { type LabelReads, labelSignature, peerPodSelectors, selectorReads } from './label-signature.js';

export interface PeerClass {
  readonly id: number;
  /** What the matcher sees for every member (one member, as the evaluator would build it). */
  readonly representative: MatchPeer;
  /** Index (in the pod list) of the member used as representative. */
  readonly representativeIndex: number;
  readonly size: number;
  /** Which of `PeerClassing.ipBlocks` hold the member's address(es). */
  readonly inBlock: readonly boolean[];
}

export interface PeerClassing {
  readonly classes: readonly PeerClass[];
  /** Peer class of each pod. */
  readonly classOf: Int32Array;
  /** Distinct ipBlocks of every rule peer (by cidr and except list). */
  readonly ipBlocks: readonly IpBlock[];
  /** Pod-peer classes by namespace (host-network classes are not in any). */
  readonly byNamespace: ReadonlyMap<string, readonly number[]>;
}

/**
 * The value of a strict dotted-quad IPv4 text (no leading zeros, each part ≤ 255), else undefined. Every text it
 * accepts is one parseIp (src/net/ip.ts, ipaddr.js isValidFourPartDecimal) reads as the same IPv4 value; any other
 * text takes the general path.
 */
export function strictIpv4(text: string): number | undefined {
  let value = 0;
  let part = -1; // -1: no digit yet in this part
  let dots = 0;
  let leadingZero = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (part < 0 || dots === 3) return undefined;
      value = value * 256 + part;
      dots++;
      part = -1;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    if (part < 0) {
      part = c - 48;
      leadingZero = part === 0;
    } else {
      if (leadingZero) return undefined;
      part = part * 10 + (c - 48);
      if (part > 255) return undefined;
    }
  }
  if (part < 0 || dots !== 3) return undefined;
  return value * 256 + part;
}

type Range = readonly [start: number, end: number];

/** An ipBlock's IPv4 ranges as numbers: the cidr (undefined when it is not an IPv4 CIDR) and every IPv4 except. */
interface CompiledBlock {
  readonly block: IpBlock;
  readonly cidr: Range | undefined;
  readonly except: readonly Range[];
}

function ipv4Range(text: string): Range | undefined {
  const cidr = parseCidr(text);
  if (cidr === undefined || cidr.family !== 4) return undefined;
  const [start, end] = cidrBounds(cidr);
  return [Number(start), Number(end)];
}

function compileBlock(block: IpBlock): CompiledBlock {
  const except: Range[] = [];
  for (const e of block.except) {
    const range = ipv4Range(e);
    if (range !== undefined) except.push(range);
  }
  return { block, cidr: ipv4Range(block.cidr), except };
}

/** ipInBlock (network-policy-peers.ts) for one address text; IPv4 texts by number (an IPv6 cidr or except never holds an IPv4 address). */
function textInBlock(compiled: CompiledBlock, text: string): boolean {
  const v4 = strictIpv4(text);
  if (v4 === undefined) return ipInBlock(compiled.block, text).in;
  const cidr = compiled.cidr;
  if (cidr === undefined || v4 < cidr[0] || v4 > cidr[1]) return false;
  return !compiled.except.some(([start, end]) => v4 >= start && v4 <= end);
}

function ruleIpBlocks(policies: readonly NetworkPolicy[]): IpBlock[] {
  const blocks = new Map<string, IpBlock>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.ipBlock !== undefined) blocks.set(ipBlockKey(peer.ipBlock), peer.ipBlock);
      }
    }
  }
  return [...blocks.values()];
}

export function ipBlockKey(block: IpBlock): string {
  return JSON.stringify([block.cidr, block.except]);
}

export function classifyPeers(
  pods: readonly Pod[],
  policies: readonly NetworkPolicy[],
  namespaceLabels: (namespace: string) => Labels,
): PeerClassing {
  const reads: LabelReads = selectorReads(peerPodSelectors(policies));
  const ipBlocks = ruleIpBlocks(policies);
  const compiled = ipBlocks.map(compileBlock);
  const classOf = new Int32Array(pods.length);
  const byKey = new Map<string, number>();
  const classes: {
    id: number;
    representative: MatchPeer;
    representativeIndex: number;
    size: number;
    inBlock: boolean[];
  }[] = [];
  const byNamespace = new Map<string, number[]>();
  pods.forEach((pod, index) => {
    const addresses = pod.hostNetwork ? [hostNetworkPeerAddress(pod)] : pod.ips;
    const inBlock = compiled.map((block) => addresses.some((ip) => textInBlock(block, ip)));
    const blockBits = inBlock.map((b) => (b ? '1' : '0')).join('');
    const key = pod.hostNetwork
      ? `h\u0000${blockBits}`
      : `p\u0000${pod.namespace}\u0000${labelSignature(reads, pod.labels)}\u0000${blockBits}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = classes.length;
      byKey.set(key, id);
      const representative: MatchPeer = pod.hostNetwork
        ? { kind: 'address', address: hostNetworkPeerAddress(pod), nodeIp: true }
        : { kind: 'pod', pod, namespaceLabels: namespaceLabels(pod.namespace) };
      classes.push({ id, representative, representativeIndex: index, size: 0, inBlock });
      if (!pod.hostNetwork) {
        const list = byNamespace.get(pod.namespace) ?? [];
        list.push(id);
        byNamespace.set(pod.namespace, list);
      }
    }
    const entry = classes[id];
    if (entry !== undefined) entry.size++;
    classOf[index] = id;
  });
  return { classes, classOf, ipBlocks, byNamespace };
}
