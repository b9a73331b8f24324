/**
 * Policy-only all-pairs reachability (issue 9): which pod may open a connection to which pod, by NetworkPolicy
 * alone, on the destination's declared ports — by equivalence classes, never pods² evaluations.
 *
 * A connection p → q on a port needs p's egress AND q's ingress (src/eval/network-policy.ts). For each direction:
 * - a SUBJECT class (subject-classes.ts) holds pods with the same isolating policies and enforcement;
 * - a PEER class (peer-classes.ts) holds pods every rule peer sees alike;
 * - a PORT KEY (port-keys.ts) is the question's protocol/port plus the named ports that resolve to it on q.
 * A rule's peer set is computed once per distinct peer list (rule-peers.ts); the row of a subject class for a port
 * key is the OR of the peer sets of its rules that admit the key. Then any (p, q, port) is two bit tests.
 * Semantics are those of src/eval plus the engine's ACK enforcement reading (direct-verdict.ts is the plain path;
 * policy-pairs.differential.test.ts checks one against the other).
 */
import type { NetworkPolicy, NetworkPolicyRule, Pod } from '../../model/kubernetes.js';
import { Interner } from '../interner.js';
import { type Bitset, emptyBitset, fullBitset, hasBit, orInto } from './bitset.js';
import { namespaceLabelsOf, type PairVerdict } from './direct-verdict.js';
import { type PolicySnapshot, snapshotEnforcement } from './enforcement.js';
import { classifyPeers, type PeerClass } from './peer-classes.js';
import {
  declaredPorts,
  mentionedPortNames,
  type PortKey,
  type PortQuery,
  portKeyText,
  portsAdmit,
  resolvingNames,
} from './port-keys.js';
import { RulePeerSets } from './rule-peers.js';
import { classifySubjects, type PodEnforcement, type SubjectClass } from './subject-classes.js';

export type { PairVerdict } from './direct-verdict.js';
export type { PortQuery } from './port-keys.js';

export interface PolicyPairsOptions {
  /** Which pods take part. Default: Running pods with at least one IP. */
  readonly includePod?: (pod: Pod) => boolean;
  /** Enforcement per pod. Default: the snapshot's ACK facts (src/eval/policy-enforcement.ts). */
  readonly enforcementOf?: (pod: Pod) => PodEnforcement;
  /** Questions asked of a destination that declares no container port. Default: none. */
  readonly portsWhenNoneDeclared?: readonly PortQuery[];
}

export interface PairCounts {
  readonly pods: number;
  /** pods² ordered pairs (a pod to itself included: upstream leaves loopback undefined, the evaluator does not). */
  readonly podPairs: number;
  /** (source, destination, declared port of the destination) questions. */
  readonly portPairs: number;
  readonly allowedPortPairs: number;
  /** Denied by a policy whose enforcement is unknown (and allowed by the other side). */
  readonly unknownPortPairs: number;
  /** Pairs with at least one allowed declared port. */
  readonly allowedPairs: number;
  /** Pairs with no allowed port and at least one unknown. */
  readonly unknownPairs: number;
  /** Destinations with no question (no declared port and no `portsWhenNoneDeclared`). */
  readonly podsWithoutPorts: number;
}

export interface NamespaceMatrix {
  readonly namespaces: readonly string[];
  /** Pods per namespace. */
  readonly pods: readonly number[];
  /** allowedPairs[s][d]: pairs from namespace s to namespace d with at least one allowed declared port. */
  readonly allowedPairs: readonly (readonly number[])[];
  /** unknownPairs[s][d]: no allowed port, at least one unknown. */
  readonly unknownPairs: readonly (readonly number[])[];
}

export interface PolicyPairsStats {
  /** Selector evaluations against class representatives (namespace and pod selectors). */
  readonly selectorEvaluations: number;
  /** Subject rows (subject class × port key) built, and how many were OR-ed from more than one rule. */
  readonly subjectRows: number;
  /** Distinct port keys seen. */
  readonly portKeys: number;
  /** Groups the last count() summed over: sources (egress × peer class), destinations (ingress × peer × ports). */
  readonly sourceGroups: number;
  readonly destinationGroups: number;
}

export interface PolicyPairs {
  readonly pods: readonly Pod[];
  readonly peerClasses: readonly PeerClass[];
  readonly peerClassOf: Int32Array;
  readonly egressClasses: readonly SubjectClass[];
  readonly egressClassOf: Int32Array;
  readonly ingressClasses: readonly SubjectClass[];
  readonly ingressClassOf: Int32Array;
  /** Index of a pod in `pods`, by namespace and name. */
  indexOf(namespace: string, name: string): number | undefined;
  /** The questions asked of a destination: its declared ports (or the fallback). */
  portsOf(destination: number): readonly PortQuery[];
  /** p → q on `port`, by index into `pods`. O(1) once the row is built (rows are built on first use). */
  verdict(source: number, destination: number, port: PortQuery): PairVerdict;
  /** `verdict === 'allow'`; without a port: on at least one of the destination's questions. */
  allowed(source: number, destination: number, port?: PortQuery): boolean;
  count(): PairCounts;
  /** Pairs counted per (source namespace, destination namespace), namespaces sorted. */
  namespaceMatrix(): NamespaceMatrix;
  stats(): PolicyPairsStats;
}

const DENY = 0;
const UNKNOWN = 1;
const ALLOW = 2;
const CODE: readonly PairVerdict[] = ['deny', 'unknown', 'allow'];

function defaultIncludePod(pod: Pod): boolean {
  return pod.phase === 'Running' && pod.ips.length > 0;
}

export function buildPolicyPairs(snapshot: PolicySnapshot, options: PolicyPairsOptions = {}): PolicyPairs {
  const k = snapshot.kubernetes;
  const policies: readonly NetworkPolicy[] = k.networkPolicies;
  const pods = k.pods.filter(options.includePod ?? defaultIncludePod);
  const enforcementOf = options.enforcementOf ?? snapshotEnforcement(snapshot);
  const fallbackPorts = options.portsWhenNoneDeclared ?? [];

  const namespaceLabels = new Map(k.namespaces.map((n) => [n.name, n.labels]));
  const labelsOf = (namespace: string) =>
    namespaceLabels.get(namespace) ?? namespaceLabelsOf(snapshot, namespace);
  const peering = classifyPeers(pods, policies, labelsOf);
  const { egress, ingress } = classifySubjects(pods, policies, enforcementOf);
  const peerSets = new RulePeerSets(peering);
  const peerCount = peering.classes.length;
  const full = fullBitset(peerCount);
  const empty = emptyBitset(peerCount);

  // Port keys, and each pod's questions as key ids.
  const mentioned = mentionedPortNames(policies);
  const keyIds = new Map<string, number>();
  const keys: PortKey[] = [];
  const keyOf = (pod: Pod, query: PortQuery): number => {
    const names = resolvingNames(mentioned, pod, query);
    const text = portKeyText(query, names);
    let id = keyIds.get(text);
    if (id === undefined) {
      id = keys.length;
      keyIds.set(text, id);
      keys.push({ protocol: query.protocol, port: query.port, names: new Set(names) });
    }
    return id;
  };
  const questions = pods.map((pod) => {
    const declared = declaredPorts(pod);
    return declared.length > 0 ? declared : fallbackPorts;
  });
  const questionKeys = pods.map((pod, i) => (questions[i] ?? []).map((q) => keyOf(pod, q)));

  // Subject rows, built on first use: row[class][key] = OR of the peer sets of the rules admitting the key.
  const ruleIds = new Interner<NetworkPolicyRule>();
  const rowMemo = new Map<string, Bitset>();
  let subjectRows = 0;
  let groupCounts = { sources: 0, destinations: 0 };
  const makeRows = () => new Map<number, Bitset>();
  const egressRows = egress.classes.map(makeRows);
  const ingressRows = ingress.classes.map(makeRows);
  const rowOf = (
    cls: SubjectClass,
    rowsOfClass: Map<number, Bitset>,
    direction: 'egress' | 'ingress',
    keyId: number,
  ): Bitset => {
    if (cls.open) return full;
    const known = rowsOfClass.get(keyId);
    if (known !== undefined) return known;
    const key = keys[keyId] as PortKey;
    const admitted: { rule: NetworkPolicyRule; policy: NetworkPolicy }[] = [];
    for (const policy of cls.policies) {
      for (const rule of direction === 'egress' ? policy.egress : policy.ingress) {
        if (portsAdmit(rule.ports, key)) admitted.push({ rule, policy });
      }
    }
    let row: Bitset;
    if (admitted.length === 0) row = empty;
    else if (admitted.length === 1) {
      const only = admitted[0] as { rule: NetworkPolicyRule; policy: NetworkPolicy };
      row = peerSets.forRule(only.rule.peers, only.policy.namespace, cls.ipBlockMatchesPods);
    } else {
      const memoKey = `${cls.ipBlockMatchesPods ? 1 : 0}|${admitted
        .map(({ rule }) => ruleIds.id(rule))
        .join(',')}`;
      let memo = rowMemo.get(memoKey);
      if (memo === undefined) {
        memo = emptyBitset(peerCount);
        for (const { rule, policy } of admitted) {
          orInto(memo, peerSets.forRule(rule.peers, policy.namespace, cls.ipBlockMatchesPods));
        }
        rowMemo.set(memoKey, memo);
      }
      row = memo;
    }
    subjectRows++;
    rowsOfClass.set(keyId, row);
    return row;
  };
  const egressCode = (classId: number, keyId: number, peerClass: number): number => {
    const cls = egress.classes[classId] as SubjectClass;
    if (hasBit(rowOf(cls, egressRows[classId] as Map<number, Bitset>, 'egress', keyId), peerClass))
      return ALLOW;
    return cls.enforcementUnknown ? UNKNOWN : DENY;
  };
  const ingressCode = (classId: number, keyId: number, peerClass: number): number => {
    const cls = ingress.classes[classId] as SubjectClass;
    if (hasBit(rowOf(cls, ingressRows[classId] as Map<number, Bitset>, 'ingress', keyId), peerClass))
      return ALLOW;
    return cls.enforcementUnknown ? UNKNOWN : DENY;
  };
  const code = (source: number, destination: number, keyId: number): number =>
    Math.min(
      egressCode(egress.classOf[source] as number, keyId, peering.classOf[destination] as number),
      ingressCode(ingress.classOf[destination] as number, keyId, peering.classOf[source] as number),
    );

  // Per (key, destination peer class): the egress code of every egress class; per (ingress class, key): the
  // ingress code of every source peer class.
  const egressColumn = new Map<number, Uint8Array>();
  const ingressLine = new Map<number, Uint8Array>();
  const egressCodes = (keyId: number, peerClass: number): Uint8Array => {
    const memoKey = keyId * peerCount + peerClass;
    let codes = egressColumn.get(memoKey);
    if (codes === undefined) {
      codes = new Uint8Array(egress.classes.length);
      for (let e = 0; e < codes.length; e++) codes[e] = egressCode(e, keyId, peerClass);
      egressColumn.set(memoKey, codes);
    }
    return codes;
  };
  const ingressCodes = (classId: number, keyId: number): Uint8Array => {
    const memoKey = keyId * ingress.classes.length + classId; // class count is fixed; keys may grow
    let codes = ingressLine.get(memoKey);
    if (codes === undefined) {
      const cls = ingress.classes[classId] as SubjectClass;
      const row = rowOf(cls, ingressRows[classId] as Map<number, Bitset>, 'ingress', keyId);
      const miss = cls.enforcementUnknown ? UNKNOWN : DENY;
      codes = new Uint8Array(peerCount);
      for (let p = 0; p < peerCount; p++) codes[p] = hasBit(row, p) ? ALLOW : miss;
      ingressLine.set(memoKey, codes);
    }
    return codes;
  };
  let podIndex: Map<string, number> | undefined;
  const checkIndex = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= pods.length) throw new RangeError(`no pod at index ${i}`);
  };

  return {
    pods,
    peerClasses: peering.classes,
    peerClassOf: peering.classOf,
    egressClasses: egress.classes,
    egressClassOf: egress.classOf,
    ingressClasses: ingress.classes,
    ingressClassOf: ingress.classOf,
    indexOf(namespace, name) {
      if (podIndex === undefined) {
        podIndex = new Map();
        for (const [i, p] of pods.entries()) podIndex.set(`${p.namespace}/${p.name}`, i);
      }
      return podIndex.get(`${namespace}/${name}`);
    },
    portsOf(destination) {
      checkIndex(destination);
      return questions[destination] ?? [];
    },
    verdict(source, destination, port) {
      checkIndex(source);
      checkIndex(destination);
      return CODE[code(source, destination, keyOf(pods[destination] as Pod, port))] as PairVerdict;
    },
    allowed(source, destination, port) {
      checkIndex(source);
      checkIndex(destination);
      if (port !== undefined)
        return code(source, destination, keyOf(pods[destination] as Pod, port)) === ALLOW;
      return (questionKeys[destination] ?? []).some((keyId) => code(source, destination, keyId) === ALLOW);
    },
    count() {
      return countPairs();
    },
    namespaceMatrix() {
      return namespaceCounts();
    },
    stats() {
      return {
        selectorEvaluations: peerSets.matches,
        subjectRows,
        portKeys: keys.length,
        sourceGroups: groupCounts.sources,
        destinationGroups: groupCounts.destinations,
      };
    },
  };

  /**
   * Counts over groups instead of pods: sources grouped by (egress class, peer class), destinations by (ingress
   * class, peer class, question keys); a group pair's answer holds for every member pair.
   */
  function countPairs(): PairCounts {
    const sourceGroups = new Map<number, number>();
    pods.forEach((_, i) => {
      const key = (egress.classOf[i] as number) * peerCount + (peering.classOf[i] as number);
      sourceGroups.set(key, (sourceGroups.get(key) ?? 0) + 1);
    });
    const sE = Int32Array.from(sourceGroups.keys(), (key) => Math.floor(key / peerCount));
    const sP = Int32Array.from(sourceGroups.keys(), (key) => key % peerCount);
    const sSize = Float64Array.from(sourceGroups.values());
    const destinationGroups = new Map<
      string,
      { i: number; p: number; keys: readonly number[]; size: number }
    >();
    let podsWithoutPorts = 0;
    pods.forEach((_, j) => {
      const keysOfJ = questionKeys[j] ?? [];
      if (keysOfJ.length === 0) {
        podsWithoutPorts++;
        return;
      }
      const i = ingress.classOf[j] as number;
      const p = peering.classOf[j] as number;
      const key = `${i}|${p}|${keysOfJ.join(',')}`;
      const group = destinationGroups.get(key);
      if (group === undefined) destinationGroups.set(key, { i, p, keys: keysOfJ, size: 1 });
      else group.size++;
    });
    let portPairs = 0;
    let allowedPortPairs = 0;
    let unknownPortPairs = 0;
    let allowedPairs = 0;
    let unknownPairs = 0;
    const sources = sSize.length;
    // Destinations asked on one port (the usual case) are summed without visiting source groups one by one:
    // for a (port key, destination peer class), weigh each source peer class by the sources whose egress class
    // admits it (u2: allowed, u1: allowed or unknown); a destination group then costs one pass over peer classes.
    const single = new Map<number, { i: number; size: number }[]>();
    for (const d of destinationGroups.values()) {
      portPairs += pods.length * d.size * d.keys.length;
      if (d.keys.length !== 1) continue;
      const memoKey = (d.keys[0] as number) * peerCount + d.p;
      const list = single.get(memoKey);
      if (list === undefined) single.set(memoKey, [{ i: d.i, size: d.size }]);
      else list.push({ i: d.i, size: d.size });
    }
    const u2 = new Float64Array(peerCount);
    const u1 = new Float64Array(peerCount);
    for (const [memoKey, list] of single) {
      const keyId = Math.floor(memoKey / peerCount);
      const column = egressCodes(keyId, memoKey % peerCount);
      u2.fill(0);
      u1.fill(0);
      for (let s = 0; s < sources; s++) {
        const a = column[sE[s] as number] as number;
        if (a === DENY) continue;
        const p = sP[s] as number;
        u1[p] = (u1[p] as number) + (sSize[s] as number);
        if (a === ALLOW) u2[p] = (u2[p] as number) + (sSize[s] as number);
      }
      for (const d of list) {
        const line = ingressCodes(d.i, keyId);
        let allowed = 0;
        let atLeastUnknown = 0;
        for (let p = 0; p < peerCount; p++) {
          const b = line[p] as number;
          if (b === DENY) continue;
          atLeastUnknown += u1[p] as number;
          if (b === ALLOW) allowed += u2[p] as number;
        }
        allowedPortPairs += allowed * d.size;
        allowedPairs += allowed * d.size;
        unknownPortPairs += (atLeastUnknown - allowed) * d.size;
        unknownPairs += (atLeastUnknown - allowed) * d.size;
      }
    }
    for (const d of destinationGroups.values()) {
      if (d.keys.length === 1) continue;
      const eCodes = d.keys.map((keyId) => egressCodes(keyId, d.p));
      const iCodes = d.keys.map((keyId) => ingressCodes(d.i, keyId));
      for (let s = 0; s < sources; s++) {
        const e = sE[s] as number;
        const p = sP[s] as number;
        const weight = (sSize[s] as number) * d.size;
        let best = DENY;
        for (let j = 0; j < eCodes.length; j++) {
          const a = (eCodes[j] as Uint8Array)[e] as number;
          const b = (iCodes[j] as Uint8Array)[p] as number;
          const c = Math.min(a, b);
          if (c === ALLOW) allowedPortPairs += weight;
          else if (c === UNKNOWN) unknownPortPairs += weight;
          if (c > best) best = c;
        }
        if (best === ALLOW) allowedPairs += weight;
        else if (best === UNKNOWN) unknownPairs += weight;
      }
    }
    groupCounts = { sources, destinations: destinationGroups.size };
    return {
      pods: pods.length,
      podPairs: pods.length * pods.length,
      portPairs,
      allowedPortPairs,
      unknownPortPairs,
      allowedPairs,
      unknownPairs,
      podsWithoutPorts,
    };
  }

  /**
   * Per namespace pair, over groups that also carry the namespace (a host-network peer class spans namespaces):
   * sources by (egress class, peer class, namespace), destinations by (ingress class, peer class, questions,
   * namespace).
   */
  function namespaceCounts(): NamespaceMatrix {
    const namespaces = [...new Set(pods.map((p) => p.namespace))].sort();
    const nsIndex = new Map(namespaces.map((n, i) => [n, i]));
    const podsPer = namespaces.map(() => 0);
    const sources = new Map<string, { e: number; p: number; ns: number; size: number }>();
    const destinations = new Map<
      string,
      { i: number; p: number; keys: readonly number[]; ns: number; size: number }
    >();
    for (const [index, pod] of pods.entries()) {
      const ns = nsIndex.get(pod.namespace) as number;
      podsPer[ns] = (podsPer[ns] as number) + 1;
      const e = egress.classOf[index] as number;
      const p = peering.classOf[index] as number;
      const sKey = `${e}|${p}|${ns}`;
      const s = sources.get(sKey);
      if (s === undefined) sources.set(sKey, { e, p, ns, size: 1 });
      else s.size++;
      const keysOf = questionKeys[index] ?? [];
      if (keysOf.length === 0) continue;
      const i = ingress.classOf[index] as number;
      const dKey = `${i}|${p}|${keysOf.join(',')}|${ns}`;
      const d = destinations.get(dKey);
      if (d === undefined) destinations.set(dKey, { i, p, keys: keysOf, ns, size: 1 });
      else d.size++;
    }
    const allowed = namespaces.map(() => namespaces.map(() => 0));
    const unknown = namespaces.map(() => namespaces.map(() => 0));
    const sourceList = [...sources.values()];
    for (const d of destinations.values()) {
      const eCodes = d.keys.map((keyId) => egressCodes(keyId, d.p));
      const iCodes = d.keys.map((keyId) => ingressCodes(d.i, keyId));
      for (const s of sourceList) {
        let best = DENY;
        for (let j = 0; j < eCodes.length && best !== ALLOW; j++) {
          const c = Math.min(
            (eCodes[j] as Uint8Array)[s.e] as number,
            (iCodes[j] as Uint8Array)[s.p] as number,
          );
          if (c > best) best = c;
        }
        if (best === DENY) continue;
        const row = (best === ALLOW ? allowed : unknown)[s.ns] as number[];
        row[d.ns] = (row[d.ns] as number) + s.size * d.size;
      }
    }
    return { namespaces, pods: podsPer, allowedPairs: allowed, unknownPairs: unknown };
  }
}
