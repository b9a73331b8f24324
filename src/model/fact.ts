import type { Origin } from './origin.js';

/**
 * A cluster fact derived from the snapshot. It is either known, with the evidence it was read from, or unknown,
 * with what to add to the snapshot to settle it. There is no third state: podreach never defaults silently.
 */
export type Fact<T> = KnownFact<T> | UnknownFact;

export interface KnownFact<T> {
  readonly known: true;
  readonly value: T;
  /** Plain words: which object and field said so, e.g. `DaemonSet kube-system/terway-eniip exists`. */
  readonly evidence: string;
  readonly origin?: Origin;
}

export interface UnknownFact {
  readonly known: false;
  /** What to add to the snapshot, as a command or file, e.g. `kubectl get configmap -n kube-system eni-config -o yaml`. */
  readonly missing: string;
}

export function known<T>(value: T, evidence: string, origin?: Origin): KnownFact<T> {
  return origin === undefined ? { known: true, value, evidence } : { known: true, value, evidence, origin };
}

export function unknown(missing: string): UnknownFact {
  return { known: false, missing };
}
