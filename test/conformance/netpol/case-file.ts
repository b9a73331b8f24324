/**
 * One conformance case = one YAML file. Its first document describes the case (kind NetworkPolicyConformanceCase:
 * name, upstream citation, expected reachability matrix); every further document is a Kubernetes object as
 * `kubectl get -o yaml` prints it. Namespaces and Pods in a case replace the base objects of the same name
 * (label updates in the upstream "updated pod/namespace" tests); NetworkPolicies are added.
 *
 * The matrix is the e2e "reachability" truth table: one row per source pod, one column per destination pod, each
 * cell four characters for TCP/80, TCP/81, UDP/80, UDP/81: `+` connected, `.` blocked. Loopback cells (a pod to
 * itself) are `----`: upstream leaves them undefined and ignores them (network_policy.go, ignoreLoopback).
 */
import { parseAllDocuments } from 'yaml';
import type { Protocol } from '../../../src/model/protocol.js';

export const PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'] as const;
export const PROBES: readonly {
  readonly protocol: Protocol;
  readonly port: number;
  readonly label: string;
}[] = [
  { protocol: 'tcp', port: 80, label: 'TCP/80' },
  { protocol: 'tcp', port: 81, label: 'TCP/81' },
  { protocol: 'udp', port: 80, label: 'UDP/80' },
  { protocol: 'udp', port: 81, label: 'UDP/81' },
];

export interface ConformanceCase {
  readonly file: string;
  readonly name: string;
  readonly upstream: readonly string[];
  readonly ipBlockMatchesPods: boolean;
  /** expected[from][to][probe]: true connected, false blocked, undefined loopback (not checked). */
  readonly expected: ReadonlyMap<string, ReadonlyMap<string, readonly (boolean | undefined)[]>>;
  /** The Kubernetes documents of the case: plain value and YAML text. */
  readonly documents: readonly { readonly value: unknown; readonly text: string }[];
}

export function objectKey(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const o = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  return `${String(o.kind)} ${String(o.metadata?.namespace ?? '')}/${String(o.metadata?.name)}`;
}

export function parseMatrix(text: string, file: string): Map<string, Map<string, (boolean | undefined)[]>> {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const [header, ...rows] = lines;
  const columns = header?.split(/\s+/).slice(1) ?? [];
  if (columns.join(' ') !== PODS.join(' '))
    throw new Error(`${file}: matrix header must list ${PODS.join(' ')}`);
  if (rows.length !== PODS.length)
    throw new Error(`${file}: matrix needs ${PODS.length} rows, has ${rows.length}`);
  const matrix = new Map<string, Map<string, (boolean | undefined)[]>>();
  rows.forEach((row, r) => {
    const [rowLabel, ...cells] = row.split(/\s+/);
    const from = rowLabel ?? '';
    if (from !== PODS[r]) throw new Error(`${file}: row ${r + 1} must be ${PODS[r]}, is ${from}`);
    if (cells.length !== PODS.length) throw new Error(`${file}: row ${from} needs ${PODS.length} cells`);
    const line = new Map<string, (boolean | undefined)[]>();
    cells.forEach((cell, c) => {
      const to = PODS[c] as string;
      if (from === to) {
        if (cell !== '----') throw new Error(`${file}: loopback cell ${from}->${to} must be ----`);
        line.set(to, [undefined, undefined, undefined, undefined]);
        return;
      }
      if (!/^[+.]{4}$/.test(cell))
        throw new Error(`${file}: cell ${from}->${to} must be four of + or ., is ${cell}`);
      line.set(
        to,
        [...cell].map((ch) => ch === '+'),
      );
    });
    matrix.set(from, line);
  });
  return matrix;
}

export function parseCaseFile(text: string, file: string): ConformanceCase {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error(`${file}: not YAML documents`);
  const values = docs.map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]?.message}`);
    return { value: d.toJS() as unknown, text: d.toString() };
  });
  const [head, ...documents] = values;
  const meta = (head?.value ?? {}) as Record<string, unknown>;
  if (meta.kind !== 'NetworkPolicyConformanceCase')
    throw new Error(`${file}: first document must be the case`);
  const upstream = Array.isArray(meta.upstream) ? meta.upstream.map(String) : [];
  if (typeof meta.name !== 'string' || upstream.length === 0 || typeof meta.reachability !== 'string') {
    throw new Error(`${file}: a case needs name, upstream and reachability`);
  }
  return {
    file,
    name: meta.name,
    upstream,
    ipBlockMatchesPods: meta.ipBlockMatchesPods !== false,
    expected: parseMatrix(meta.reachability, file),
    documents: documents.filter((d) => d.value !== null && d.value !== undefined),
  };
}
