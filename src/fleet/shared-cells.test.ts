/**
 * Differential tests of the shared matrix cells against the plain path (one engine `check` per cell): on the five
 * example clusters and on tiny generated clusters of each CNI, for EVERY pod and column,
 * - the cell the sharing gives that pod is exactly the cell of a direct `check` of that pod;
 * - the pod's row cell, with the representative's name and addresses replaced by the pod's, is that same cell;
 * - the matrix equals the per-row algorithm on the same rows (fields and kept traces).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../../bench/generate.mjs';
import { check } from '../engine/index.js';
import { loadSnapshotFromFiles } from '../load/index.js';
import type { Snapshot } from '../model/snapshot.js';
import { type Column, customColumns, defaultColumns } from './columns.js';
import { buildMatrixPerRow, buildMatrixWithStats, cellOf, type MatrixCell, podQuery } from './matrix.js';
import { SharedCells } from './shared-cells.js';
import { fill, IdentityMatcher, type SourceIdentity } from './source-identity.js';
import { EXAMPLES, loadExample } from './test-fixtures/examples.js';

function fields(cell: MatrixCell) {
  return {
    verdict: cell.verdict,
    sourceAddressSeen: cell.sourceAddressSeen,
    sourceAddressCandidates: [...cell.sourceAddressCandidates],
    blockedAt: cell.blockedAt === null ? null : { ...cell.blockedAt },
    error: cell.error,
  };
}

/** The cell of one pod restated for another: every token naming `from` replaced by the same token of `to`. */
function restated(cell: MatrixCell, from: SourceIdentity, to: SourceIdentity) {
  const m = new IdentityMatcher(from);
  const t = (text: string) => fill(m.template(text), to);
  const f = fields(cell);
  return {
    ...f,
    sourceAddressSeen: f.sourceAddressSeen === null ? null : t(f.sourceAddressSeen),
    sourceAddressCandidates: f.sourceAddressCandidates.map(t),
    blockedAt:
      f.blockedAt === null
        ? null
        : {
            ...f.blockedAt,
            resource: f.blockedAt.resource === null ? null : t(f.blockedAt.resource),
            rule: f.blockedAt.rule === null ? null : t(f.blockedAt.rule),
            reason: t(f.blockedAt.reason),
          },
    error: f.error === undefined ? undefined : t(f.error),
  };
}

function nameColumns(snapshot: Snapshot): Column[] {
  const svc = snapshot.kubernetes.services.find((s) => s.clusterIPs.length > 0 && s.ports.length > 0);
  const names = [
    'api.github.com',
    ...(svc === undefined ? [] : [`${svc.name}.${svc.namespace}.svc.cluster.local`]),
  ];
  return customColumns(
    names.map((name) => ({ text: name, to: { kind: 'name' as const, name } })),
    [443, ...(svc?.ports[0] === undefined ? [] : [svc.ports[0].port])],
  );
}

function differential(snapshot: Snapshot, columns: readonly Column[]) {
  const m = buildMatrixWithStats(snapshot, check, { columns });
  const shared = new SharedCells(snapshot, check, columns, snapshot.kubernetes.pods);
  const rowOf = new Map<string, number>();
  m.rows.forEach((row, r) => {
    for (const pod of row.pods) rowOf.set(pod, r);
  });
  let compared = 0;
  const mismatches: string[] = [];
  for (const pod of snapshot.kubernetes.pods) {
    const label = `${pod.namespace}/${pod.name}`;
    const r = rowOf.get(label);
    if (r === undefined) {
      mismatches.push(`${label}: in no row`);
      continue;
    }
    const row = m.rows[r];
    if (row === undefined) continue;
    const facts = shared.factsOf(label);
    const repFacts = shared.factsOf(row.representative);
    columns.forEach((column, c) => {
      const direct = fields(cellOf(check(snapshot, podQuery(label, column))));
      const own = fields(shared.cell(facts, c));
      const fromRow = restated(m.cells[r]?.[c] as MatrixCell, repFacts.identity, facts.identity);
      compared++;
      if (JSON.stringify(own) !== JSON.stringify(direct))
        mismatches.push(
          `${label} → ${column.id}: shared ${JSON.stringify(own)} direct ${JSON.stringify(direct)}`,
        );
      if (JSON.stringify(fromRow) !== JSON.stringify(direct))
        mismatches.push(
          `${label} → ${column.id}: row ${row.id} ${JSON.stringify(fromRow)} direct ${JSON.stringify(direct)}`,
        );
    });
  }
  return { m, compared, mismatches };
}

function samePerRow(snapshot: Snapshot, columns: readonly Column[]) {
  const m = buildMatrixWithStats(snapshot, check, { columns });
  const plain = buildMatrixPerRow(snapshot, check, m.rows, columns);
  const strip = (cells: readonly (readonly MatrixCell[])[]) => cells.map((row) => row.map(fields));
  expect(strip(m.cells)).toEqual(strip(plain.cells));
  // The kept traces too: the leader's own, or traced on first read.
  m.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      expect(cell.trace).toEqual(plain.cells[r]?.[c]?.trace);
    });
  });
}

const EXAMPLE_NAMES = [
  'terway-dualstack',
  'flannel-ipv4',
  'terway-ipvlan-legacy',
  'terway-no-in-cluster-lb',
  'terway-in-cluster-lb',
];

describe.each(EXAMPLE_NAMES)('shared cells on examples/%s', (name) => {
  it('every pod × column: its shared cell and its row cell are a direct check', async () => {
    const snapshot = await loadExample(join(EXAMPLES, name));
    const columns = [...defaultColumns(snapshot), ...nameColumns(snapshot)];
    const { compared, mismatches } = differential(snapshot, columns);
    expect(mismatches).toEqual([]);
    expect(compared).toBe(snapshot.kubernetes.pods.length * columns.length);
  });

  it('equals the per-row algorithm on the same rows, traces included', async () => {
    const snapshot = await loadExample(join(EXAMPLES, name));
    samePerRow(snapshot, [...defaultColumns(snapshot), ...nameColumns(snapshot)]);
  });
});

const tiny = { nodes: 4, podsPerNode: 5, namespaces: 3, policies: 30, securityGroups: 3, rulesPerGroup: 40 };

describe.each(['terway', 'flannel'] as const)('shared cells on a tiny generated %s cluster', (cni) => {
  const snapshot = loadSnapshotFromFiles(snapshotToMemory(generateSnapshot({ ...tiny, cni }))).snapshot;
  const columns = [...defaultColumns(snapshot), ...nameColumns(snapshot)];

  it('every pod × column: its shared cell and its row cell are a direct check', () => {
    const { m, compared, mismatches } = differential(snapshot, columns);
    expect(mismatches).toEqual([]);
    expect(compared).toBe(snapshot.kubernetes.pods.length * columns.length);
    // Never more checks than one per pod and column.
    expect(m.stats.checks).toBeLessThanOrEqual(snapshot.kubernetes.pods.length * columns.length);
  });

  it('equals the per-row algorithm on the same rows, traces included', () => {
    samePerRow(snapshot, columns);
  });
});
