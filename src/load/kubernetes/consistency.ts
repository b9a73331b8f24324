import type { Pod } from '../../model/kubernetes.js';
import type { Origin } from '../../model/origin.js';
import { formatOrigin } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';
import { problemAtOrigin } from './problems.js';

interface Keyed {
  readonly origin: Origin;
}

/**
 * Drops the later copies of an object defined twice (same kind, namespace and name), keeping the first in file
 * order, and warns with both places named. Two copies usually mean two dumps taken at different times.
 */
export function dropDuplicates<T extends Keyed>(
  items: T[],
  kind: string,
  keyOf: (item: T) => string,
  problems: LoadProblem[],
): void {
  const first = new Map<string, T>();
  const kept: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, item);
      kept.push(item);
      continue;
    }
    problems.push(
      problemAtOrigin(item.origin, {
        severity: 'warning',
        message: `${kind} ${key} is defined twice; this copy was ignored, the first is at ${formatOrigin(earlier.origin)}`,
        expected: 'each object once in the snapshot',
        hint: 'remove one of the two copies (two dumps of different times?)',
      }),
    );
  }
  if (kept.length === items.length) return;
  // Not splice(...kept): spreading 150,000 pods as call arguments overflows the stack.
  items.length = 0;
  for (const item of kept) items.push(item);
}

/**
 * Two running pods cannot hold one IP. Host-network pods share their node's IP by design and finished pods
 * (Succeeded/Failed) keep a stale IP that may have been reused, so neither is reported.
 */
export function warnSharedPodIps(pods: readonly Pod[], problems: LoadProblem[]): void {
  const owners = new Map<string, Pod>();
  for (const pod of pods) {
    if (pod.hostNetwork || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    for (const ip of pod.ips) {
      const other = owners.get(ip);
      if (other === undefined) {
        owners.set(ip, pod);
        continue;
      }
      problems.push(
        problemAtOrigin(pod.origin, {
          severity: 'warning',
          message: `Pod ${pod.namespace}/${pod.name} has IP ${ip}, which Pod ${other.namespace}/${other.name} also has (${formatOrigin(other.origin)})`,
          expected: 'one running pod per IP',
          hint: 'the snapshot mixes dumps of different times, or one pod is stale; collect the pods again in one command',
        }),
      );
    }
  }
}
