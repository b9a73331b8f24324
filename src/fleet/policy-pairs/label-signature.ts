/**
 * What the peer selectors of a set of policies can tell apart in a pod's labels. A label selector
 * (src/eval/label-selector.ts) only ever asks, per key: is it present, and is its value one of the values the
 * selector names (`matchLabels` equality, `In`/`NotIn` membership; `Exists`/`DoesNotExist` ask presence only).
 * So two pods whose labels agree on every read key, as "absent", "one of the named values (which)" or "another
 * value", are matched by exactly the same peer selectors.
 */
import type { LabelSelector, Labels, NetworkPolicy } from '../../model/kubernetes.js';

export interface LabelReads {
  /** Keys any selector reads, sorted. */
  readonly keys: readonly string[];
  /** Per key, the values some selector names. */
  readonly values: ReadonlyMap<string, ReadonlySet<string>>;
}

export function selectorReads(selectors: Iterable<LabelSelector>): LabelReads {
  const values = new Map<string, Set<string>>();
  const named = (key: string): Set<string> => {
    let set = values.get(key);
    if (set === undefined) {
      set = new Set();
      values.set(key, set);
    }
    return set;
  };
  for (const selector of selectors) {
    for (const [key, value] of Object.entries(selector.matchLabels)) named(key).add(value);
    for (const requirement of selector.matchExpressions) {
      const set = named(requirement.key);
      for (const value of requirement.values) set.add(value);
    }
  }
  return { keys: [...values.keys()].sort(), values };
}

/** Every podSelector inside a rule peer (ingress and egress) of `policies`. */
export function peerPodSelectors(policies: readonly NetworkPolicy[]): LabelSelector[] {
  const out: LabelSelector[] = [];
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) if (peer.podSelector !== undefined) out.push(peer.podSelector);
    }
  }
  return out;
}

/**
 * The labels as the selectors see them: per read key, `-` when absent, `*` for a value no selector names, and
 * `<length>:<value>` for a named value (length-prefixed, so any value text stays unambiguous). Equal signatures ⇒
 * every selector built from the read keys and values answers the same. Built by concatenation: it runs for every
 * pod, three times.
 */
export function labelSignature(reads: LabelReads, labels: Labels): string {
  let out = '';
  for (const key of reads.keys) {
    if (!Object.hasOwn(labels, key)) {
      out += '-';
      continue;
    }
    const value = labels[key];
    out +=
      value !== undefined && reads.values.get(key)?.has(value) === true ? `${value.length}:${value}` : '*';
  }
  return out;
}
