/**
 * The peer set of a rule: the peer classes its `from`/`to` list admits, as a bitset, computed once per distinct
 * peer list (and policy namespace, and ipBlock semantics) — the verdict half of matchPeers
 * (src/eval/network-policy-peers.ts), against one representative per class:
 * - an empty list admits every peer;
 * - an ipBlock (which takes precedence over selectors in the same peer) admits the classes whose address(es) it
 *   holds — unless the datapath does not match ipBlocks against pods and node IPs (`ipBlockMatchesPods: false`),
 *   and every peer here is a pod or a host-network pod's node IP, so it then admits none;
 * - otherwise only pod peers (never a host-network pod's node address): in the policy's namespace when there is no
 *   namespaceSelector, else in the namespaces it selects; and the podSelector, when present, must match.
 */
import { matchesSelector } from '../../eval/label-selector.js';
import type { LabelSelector, Labels, NetworkPolicyPeer } from '../../model/kubernetes.js';
import { type Bitset, emptyBitset, fullBitset, orInto, setBit } from './bitset.js';
import { ipBlockKey, type PeerClassing } from './peer-classes.js';

export class RulePeerSets {
  /** Selector evaluations against class representatives (the verdict-only work). */
  matches = 0;
  private readonly size: number;
  private readonly full: Bitset;
  private readonly empty: Bitset;
  private readonly blockIndex = new Map<string, number>();
  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly entrySets = new Map<string, Bitset>();
  private readonly listSets = new Map<string, Bitset>();
  private readonly namespacesBySelector = new Map<string, readonly string[]>();

  constructor(private readonly peering: PeerClassing) {
    this.size = peering.classes.length;
    this.full = fullBitset(this.size);
    this.empty = emptyBitset(this.size);
    for (const [i, block] of peering.ipBlocks.entries()) this.blockIndex.set(ipBlockKey(block), i);
    for (const [namespace, ids] of peering.byNamespace) {
      const first = peering.classes[ids[0] ?? -1]?.representative;
      if (first?.kind === 'pod') this.namespaceLabels.set(namespace, first.namespaceLabels);
    }
  }

  /** The classes a rule's peer list admits. Shared bitsets: never mutate the result. */
  forRule(peers: readonly NetworkPolicyPeer[], policyNamespace: string, ipBlockMatchesPods: boolean): Bitset {
    if (peers.length === 0) return this.full;
    const keys = peers.map((peer) => this.entryKey(peer, policyNamespace, ipBlockMatchesPods));
    const listKey = keys.join('\u0001');
    let set = this.listSets.get(listKey);
    if (set === undefined) {
      if (peers.length === 1) {
        set = this.forEntry(
          peers[0] as NetworkPolicyPeer,
          keys[0] as string,
          policyNamespace,
          ipBlockMatchesPods,
        );
      } else {
        const union = emptyBitset(this.size);
        for (const [i, peer] of peers.entries()) {
          orInto(union, this.forEntry(peer, keys[i] as string, policyNamespace, ipBlockMatchesPods));
        }
        set = union;
      }
      this.listSets.set(listKey, set);
    }
    return set;
  }

  private entryKey(peer: NetworkPolicyPeer, policyNamespace: string, ipBlockMatchesPods: boolean): string {
    if (peer.ipBlock !== undefined) return `b${ipBlockMatchesPods ? 1 : 0}${ipBlockKey(peer.ipBlock)}`;
    const ns = peer.namespaceSelector === undefined ? policyNamespace : '';
    return `s${JSON.stringify([ns, peer.namespaceSelector ?? null, peer.podSelector ?? null])}`;
  }

  private forEntry(
    peer: NetworkPolicyPeer,
    key: string,
    policyNamespace: string,
    ipBlockMatchesPods: boolean,
  ): Bitset {
    const known = this.entrySets.get(key);
    if (known !== undefined) return known;
    let set: Bitset;
    if (peer.ipBlock !== undefined) {
      const index = this.blockIndex.get(ipBlockKey(peer.ipBlock));
      if (!ipBlockMatchesPods || index === undefined) set = this.empty;
      else {
        set = emptyBitset(this.size);
        for (const c of this.peering.classes) if (c.inBlock[index] === true) setBit(set, c.id);
      }
    } else {
      set = emptyBitset(this.size);
      const namespaces =
        peer.namespaceSelector === undefined ? [policyNamespace] : this.namespacesFor(peer.namespaceSelector);
      for (const namespace of namespaces) {
        for (const id of this.peering.byNamespace.get(namespace) ?? []) {
          const rep = this.peering.classes[id]?.representative;
          if (rep?.kind !== 'pod') continue;
          if (peer.podSelector !== undefined) {
            this.matches++;
            if (!matchesSelector(peer.podSelector, rep.pod.labels)) continue;
          }
          setBit(set, id);
        }
      }
    }
    this.entrySets.set(key, set);
    return set;
  }

  private namespacesFor(selector: LabelSelector): readonly string[] {
    const key = JSON.stringify(selector);
    const known = this.namespacesBySelector.get(key);
    if (known !== undefined) return known;
    const list: string[] = [];
    for (const [namespace, labels] of this.namespaceLabels) {
      this.matches++;
      if (matchesSelector(selector, labels)) list.push(namespace);
    }
    this.namespacesBySelector.set(key, list);
    return list;
  }
}
