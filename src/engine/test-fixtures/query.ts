/**
 * Test helpers: FROM/TO strings as the CLI spells them, turned into a Query, and one-call tracing over the fixture.
 */
import type {
  Hop,
  HopKind,
  Protocol,
  Query,
  QueryDestination,
  QuerySource,
  Snapshot,
  Trace,
  WorkloadTrace,
} from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import { check } from '../check.js';
import { type FixtureOptions, fixtureSnapshot } from './cluster.js';

const WORKLOAD_KINDS = ['deployment', 'statefulset', 'daemonset', 'job'] as const;

export function parseFrom(text: string): QuerySource {
  if (ipFamily(text) !== undefined) return { kind: 'address', address: text };
  const parts = text.split('/');
  if (parts.length === 3) {
    const kind = WORKLOAD_KINDS.find((k) => k === parts[1]);
    if (kind !== undefined)
      return { kind: 'workload', namespace: parts[0] ?? '', workloadKind: kind, name: parts[2] ?? '' };
  }
  return { kind: 'pod', namespace: parts[0] ?? '', name: parts[1] ?? '' };
}

export function parseTo(text: string): QueryDestination {
  if (ipFamily(text) !== undefined) return { kind: 'address', address: text };
  if (text.startsWith('svc/')) {
    const [, namespace = '', name = ''] = text.split('/');
    return { kind: 'service', namespace, name };
  }
  if (/^(i|rm|pgm|lb)-[a-z0-9-]+$/.test(text)) return { kind: 'cloud-resource', id: text };
  if (text.includes('/')) {
    const [namespace = '', name = ''] = text.split('/');
    return { kind: 'pod', namespace, name };
  }
  return { kind: 'name', name: text };
}

export interface QueryExtras {
  readonly port?: number | null;
  readonly protocol?: Protocol;
  readonly family?: 4 | 6;
}

export function query(from: string, to: string, extras: QueryExtras = {}): Query {
  return {
    from: parseFrom(from),
    to: parseTo(to),
    protocol: extras.protocol ?? 'tcp',
    port: extras.port === undefined ? 443 : extras.port,
    ...(extras.family === undefined ? {} : { family: extras.family }),
  };
}

/** Traces a pod query and returns the Trace; throws on a query error or a workload answer. */
export function traceOn(snapshot: Snapshot, from: string, to: string, extras: QueryExtras = {}): Trace {
  const result = check(snapshot, query(from, to, extras));
  if (!result.ok) throw new Error(`query error: ${result.error.message} (${result.error.hint ?? ''})`);
  if (!('trace' in result)) throw new Error('expected a single trace');
  return result.trace;
}

export function trace(options: FixtureOptions, from: string, to: string, extras: QueryExtras = {}): Trace {
  return traceOn(fixtureSnapshot(options), from, to, extras);
}

export function workload(
  options: FixtureOptions,
  from: string,
  to: string,
  extras: QueryExtras = {},
): WorkloadTrace {
  const result = check(fixtureSnapshot(options), query(from, to, extras));
  if (!result.ok || !('workload' in result)) throw new Error('expected a workload answer');
  return result.workload;
}

/** The single hop of a kind; throws when absent so a test names what it expected. */
export function hop(t: Trace, kind: HopKind): Hop {
  const found = t.hops.find((h) => h.kind === kind);
  if (found === undefined)
    throw new Error(`no ${kind} hop in: ${t.hops.map((h) => `${h.kind}:${h.result}`).join(', ')}`);
  return found;
}

/** Compact view for assertions: `kind:result` per hop. */
export function path(t: Trace): string[] {
  return t.hops.map((h) => `${h.kind}:${h.result}`);
}
