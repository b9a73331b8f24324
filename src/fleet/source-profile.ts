/**
 * A source pod's *profile*: everything the engine's hops read about the source, except the tokens that name it
 * (source-identity.ts). Read from src/engine/hops/* (source, egress-policy, egress-security-group, source-nat,
 * route, internet-exit, destination-access, ingress-policy, service, load-balancer) and src/engine/dns:
 * - namespace, phase, hostNetwork, node-network use, the ENI's presence, vSwitch, security groups, CNI and Terway
 *   mode (resolvePodSource, the engine's own), the PodNetworking it matches, its Alibaba/Terway annotations (pod
 *   EIP requests, the RDS whitelist injector);
 * - its resolv.conf inputs (column-reach.ts resolverKey: dnsPolicy, dnsConfig, the NodeLocal DNSCache injection label);
 * - the NetworkPolicies isolating it for egress (ingress-only ones matter only when it is the destination, and a
 *   source that is one of the column's destinations is a class of its own) and how they are enforced for it;
 * - the public addresses on its own addresses (a pod with its own EIP is a class of its own) or, on the node
 *   network, on its node;
 * - for every rule CIDR of the snapshot, whether each of its addresses (pod and node) is inside (cidr-signature.ts).
 * The parts that depend on a column — the explanations NetworkPolicy ingress peers would give about it, and
 * whether its node or itself is one the destination relates to — are added per column (shared-cells.ts).
 * Over-splitting costs only time; when unsure a fact is in.
 */
import type { SourceInfo } from '../engine/context.js';
import { podNetworkingFor, resolvePodSource } from '../engine/hops/source.js';
import type { SnapshotIndex } from '../engine/snapshot-index.js';
import { explainSelectorMismatch } from '../eval/label-selector.js';
import { isolatingPoliciesFor } from '../eval/network-policy.js';
import { networkPolicyEnforcement } from '../eval/policy-enforcement.js';
import type { Labels, NetworkPolicy, Pod } from '../model/kubernetes.js';
import { cidrSignature, ruleCidrs } from './cidr-signature.js';
import { resolverKey } from './column-reach.js';
import { Interner } from './interner.js';
import { identityShape, type SourceIdentity, sourceIdentity } from './source-identity.js';
import { RELEVANT_ANNOTATION, sortedEntries } from './sources.js';

export interface SourceFacts {
  readonly pod: Pod;
  readonly label: string;
  readonly source: SourceInfo;
  readonly identity: SourceIdentity;
  /** Interned profile: equal numbers, equal profiles. */
  readonly profile: number;
  /** Namespace and labels, as a cache key for what selectors say about the pod (and that key, interned). */
  readonly labelsKey: string;
  readonly labelsId: number;
  /** What its resolv.conf is made of (column-reach.ts). */
  readonly resolverKey: string;
}

/** Identity roles holding node addresses (source-identity.ts): nodeIpv4/6, canonical forms, hostIP. */
const NODE_ADDRESS_ROLES = new Set([6, 7, 8, 9, 12, 13]);

/** An ingress peer's selectors, as the evaluator reads them about a source. */
interface PeerSelectors {
  readonly policyNamespace: string;
  readonly podSelector?: Parameters<typeof explainSelectorMismatch>[0];
  readonly namespaceSelector?: Parameters<typeof explainSelectorMismatch>[0];
}

export class SourceProfiler {
  private readonly cidrs;
  private readonly profiles = new Interner<string>();
  private readonly facts = new Map<Pod, SourceFacts>();
  private readonly peersByList = new Map<string, PeerSelectors[]>();
  private readonly ingressKeys = new Map<string, string>();
  private readonly labelsIds = new Interner<string>();
  private readonly listIds = new Interner<string>();

  constructor(readonly index: SnapshotIndex) {
    this.cidrs = ruleCidrs(index.snapshot);
  }

  private namespaceLabels(namespace: string): Labels {
    return this.index.namespace(namespace)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
  }

  of(pod: Pod): SourceFacts {
    const cached = this.facts.get(pod);
    if (cached !== undefined) return cached;
    const index = this.index;
    const source = resolvePodSource(index, pod);
    const identity = sourceIdentity(index, source);
    const label = `${pod.namespace}/${pod.name}`;
    const ownIps = [...pod.ips, ...[source.ipv4, source.ipv6].filter((ip): ip is string => ip !== undefined)];
    // A public address bound to the pod's own IP (EIP, PodEIP, ENI-associated) makes it a class of its own.
    const ownPublic =
      (!source.usesNodeNetwork &&
        ownIps.some(
          (ip) =>
            index.eipsByPrivateIp(ip).length > 0 ||
            index
              .eniByPrivateIp(ip)
              ?.privateIps.some((p) => p.address === ip && p.associatedPublicIp !== undefined) === true,
        )) ||
      index.snapshot.kubernetes.podEips.some((p) => p.namespace === pod.namespace && p.name === pod.name);
    const nodeIps = [source.nodeIpv4, source.nodeIpv6, pod.hostIP].filter(
      (ip): ip is string => ip !== undefined,
    );
    const nodePublic = source.usesNodeNetwork
      ? [
          ...nodeIps.flatMap((ip) =>
            index.eipsByPrivateIp(ip).map((e) => [e.ipAddress, e.status ?? '', e.instanceId ?? '']),
          ),
          ...(source.instance === undefined
            ? []
            : [
                index.eipsByInstance(source.instance.id).map((e) => [e.ipAddress, e.status ?? '']),
                source.instance.publicIps,
                source.instance.eipAddress ?? '',
              ]),
          ...nodeIps.flatMap((ip) =>
            (index.eniByPrivateIp(ip)?.privateIps ?? [])
              .filter((p) => p.address === ip)
              .map((p) => p.associatedPublicIp ?? ''),
          ),
        ]
      : [];
    const v6 = source.ipv6 === undefined ? undefined : index.ipv6Address(source.ipv6);
    const node = pod.nodeName === undefined ? undefined : index.node(pod.nodeName);
    const enforcement = JSON.stringify(
      networkPolicyEnforcement(
        index.snapshot.facts,
        pod,
        index.snapshot.kubernetes.workloads,
        ...(node === undefined ? [] : [node]),
      ),
    );
    const groups = source.groups;
    // The policies isolating it for egress, by the evaluator's own selection (Egress in policyTypes, its namespace):
    // ingress-only policies selecting the pod are read only when it is the destination (column-reach.ts).
    const egressSubjects = isolatingPoliciesFor(index.snapshot.kubernetes.networkPolicies, pod, 'egress').map(
      (p) => p.name,
    );
    const resolver = resolverKey(pod);
    const key = JSON.stringify([
      pod.namespace,
      ownPublic ? label : '',
      pod.phase ?? '',
      pod.hostNetwork,
      source.usesNodeNetwork,
      source.eni === undefined,
      source.vSwitch?.id ?? '',
      groups.known
        ? [
            [...groups.ids].sort(),
            groups.from.startsWith('ENI ') ? 'eni' : groups.from.startsWith('ECS ') ? 'ecs' : groups.from,
          ]
        : ['unknown', label],
      source.cni.known ? source.cni.value : 'unknown',
      source.terwayMode ?? '',
      podNetworkingFor(index, pod)?.name ?? '',
      sortedEntries(pod.annotations, (k) => RELEVANT_ANNOTATION.test(k)),
      // What its resolv.conf is made of, by the same key column-reach.ts reads, so the two cannot disagree.
      resolver,
      egressSubjects,
      // The enforcement text may name the node; the node itself is compared per column.
      enforcement.split(identity[5] || '\u0000').join('\u0001'),
      nodePublic,
      v6 === undefined
        ? ''
        : [
            v6.networkType ?? '',
            v6.status ?? '',
            v6.vSwitchId ?? '',
            v6.ipv6GatewayId ?? '',
            v6.associatedInstanceType ?? '',
            v6.internetBandwidth === undefined ? '' : JSON.stringify({ ...v6.internetBandwidth, id: '' }),
          ],
      // Addresses a rule may match: the pod's own, and the node's when it uses the node network (the engine reads
      // node addresses only then: source-nat.ts, destination-access.ts).
      identity.map((token, role) =>
        token === '' || (!source.usesNodeNetwork && NODE_ADDRESS_ROLES.has(role))
          ? ''
          : cidrSignature(this.cidrs, token),
      ),
      identityShape(identity),
    ]);
    const profile = this.profiles.id(key);
    const labelsKey = JSON.stringify([pod.namespace, sortedEntries(pod.labels, () => true)]);
    const facts: SourceFacts = {
      pod,
      label,
      source,
      identity,
      profile,
      labelsKey,
      labelsId: this.labelsIds.id(labelsKey),
      resolverKey: resolver,
    };
    this.facts.set(pod, facts);
    return facts;
  }

  /**
   * What these ingress NetworkPolicies would say about the source: for every peer, the evaluator's own mismatch
   * explanation of its pod selector and namespace selector (they are printed in reasons, label values included),
   * and whether the source is in the policy's namespace. `policiesKey` names the list (a cache key).
   */
  ingressKey(facts: SourceFacts, policies: readonly NetworkPolicy[] | 'all', policiesKey: string): string {
    if (policies !== 'all' && policies.length === 0) return '';
    const pod = facts.pod;
    const cacheKey = `${facts.labelsId}:${this.listIds.id(policiesKey)}`;
    const cached = this.ingressKeys.get(cacheKey);
    if (cached !== undefined) return cached;
    let peers = this.peersByList.get(policiesKey);
    if (peers === undefined) {
      peers = peersOf(policies === 'all' ? this.index.snapshot.kubernetes.networkPolicies : policies);
      this.peersByList.set(policiesKey, peers);
    }
    const nsLabels = this.namespaceLabels(pod.namespace);
    const parts: string[] = [];
    for (const peer of peers) {
      parts.push(
        peer.namespaceSelector === undefined
          ? String(peer.policyNamespace === pod.namespace)
          : (explainSelectorMismatch(peer.namespaceSelector, nsLabels) ?? '+'),
        peer.podSelector === undefined ? '' : (explainSelectorMismatch(peer.podSelector, pod.labels) ?? '+'),
      );
    }
    const key = parts.join('\u0000');
    this.ingressKeys.set(cacheKey, key);
    return key;
  }
}

function peersOf(policies: readonly NetworkPolicy[]): PeerSelectors[] {
  const list: PeerSelectors[] = [];
  for (const policy of policies) {
    for (const rule of policy.ingress) {
      for (const peer of rule.peers) {
        list.push({
          policyNamespace: policy.namespace,
          ...(peer.podSelector === undefined ? {} : { podSelector: peer.podSelector }),
          ...(peer.namespaceSelector === undefined ? {} : { namespaceSelector: peer.namespaceSelector }),
        });
      }
    }
  }
  return list;
}
