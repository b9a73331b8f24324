/**
 * Runs an example's hand-written queries (expectations.yaml) on a loaded snapshot and summarises each answer, so a
 * collected snapshot can be compared with the example it was served from. `rename` maps names for redacted runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { check } from '../../engine/index.js';
import type { Query, QueryDestination, QuerySource } from '../../model/query.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { Trace, WorkloadTrace } from '../../model/trace.js';
import { ipFamily } from '../../net/ip.js';
import { EXAMPLES_ROOT } from './example-files.js';

interface Expectation {
  name: string;
  from: string;
  to: string;
  port?: number;
  protocol?: Query['protocol'];
  family?: 4 | 6;
}

export function exampleQueries(example: string): Expectation[] {
  return parse(readFileSync(join(EXAMPLES_ROOT, example, 'expectations.yaml'), 'utf8')) as Expectation[];
}

const KINDS = ['deployment', 'statefulset', 'daemonset', 'job'] as const;

type Rename = (name: string) => string;

function source(text: string, rename: Rename): QuerySource {
  if (ipFamily(text) !== undefined) return { kind: 'address', address: text };
  const parts = text.split('/');
  const kind = KINDS.find((k) => k === parts[1]);
  if (parts.length === 3 && kind !== undefined)
    return {
      kind: 'workload',
      namespace: rename(parts[0] ?? ''),
      workloadKind: kind,
      name: rename(parts[2] ?? ''),
    };
  return { kind: 'pod', namespace: rename(parts[0] ?? ''), name: rename(parts[1] ?? '') };
}

function destination(text: string, rename: Rename): QueryDestination {
  if (ipFamily(text) !== undefined) return { kind: 'address', address: text };
  if (text.startsWith('svc/')) {
    const [, namespace = '', name = ''] = text.split('/');
    return { kind: 'service', namespace: rename(namespace), name: rename(name) };
  }
  if (/^(i|rm|pgm|lb)-[a-z0-9]+$/.test(text)) return { kind: 'cloud-resource', id: text };
  if (text.includes('/')) {
    const [namespace = '', name = ''] = text.split('/');
    return { kind: 'pod', namespace: rename(namespace), name: rename(name) };
  }
  // A cluster DNS name carries the Service and namespace names: `web.shop.svc.cluster.local`.
  const svc = /^([^.]+)\.([^.]+)(\.svc\..+)$/.exec(text);
  if (svc !== null)
    return { kind: 'name', name: `${rename(svc[1] ?? '')}.${rename(svc[2] ?? '')}${svc[3] ?? ''}` };
  return { kind: 'name', name: text };
}

/** One line per query: verdict, blocking hop and source address of every trace (workloads: each group). */
export function verdictLines(snapshot: Snapshot, example: string, rename: Rename = (n) => n): string[] {
  return exampleQueries(example).map((e) => {
    const query: Query = {
      from: source(e.from, rename),
      to: destination(e.to, rename),
      protocol: e.protocol ?? 'tcp',
      port: e.port ?? null,
      ...(e.family === undefined ? {} : { family: e.family }),
    };
    const result = check(snapshot, query);
    if (!result.ok) return `${e.name}: query error ${result.error.message}`;
    const traces: Trace[] =
      'trace' in result ? [result.trace] : (result.workload as WorkloadTrace).groups.map((g) => g.trace);
    const answers = traces.map(
      (t) => `${t.verdict}@${t.blockedAt?.kind ?? '-'} as ${t.sourceAddressSeen ?? '-'}`,
    );
    return `${e.name}: ${answers.join(' | ')}`;
  });
}
