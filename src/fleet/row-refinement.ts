/**
 * Rows must be sound: every pod a row stands for gets, in every column, the row's cell with its own name and
 * addresses. sources.ts groups pods by what every trace reads about them, but not by how they relate to a
 * particular destination (the same node as the target pod, an endpoint of the Service asked for). Where pods of
 * one row relate differently to a column, their cells are compared (as templates, identity left out) and the row is
 * split between pods whose cells differ; a row whose pods all agree stays whole, so rows split only when an answer
 * really differs.
 */
import type { SharedCells } from './shared-cells.js';
import type { SourceRow } from './sources.js';

/** What refinement reads of the shared cells (shared-cells.ts). */
export type RowCells = Pick<SharedCells, 'columnCount' | 'factsOf' | 'relation' | 'classKey' | 'template'>;

export function refineRows(rows: readonly SourceRow[], shared: RowCells): SourceRow[] {
  const parts: SourceRow[] = [];
  const columnCount = shared.columnCount;
  for (const row of rows) {
    if (row.pods.length === 1) {
      parts.push(row);
      continue;
    }
    const facts = row.pods.map((label) => shared.factsOf(label));
    const signatures = facts.map(() => '');
    const sameProfile = facts.every((f) => f.profile === facts[0]?.profile);
    for (let c = 0; c < columnCount; c++) {
      if (sameProfile && facts.every((f) => shared.relation(f, c) === '')) continue;
      const keys = facts.map((f) => shared.classKey(f, c));
      if (keys.every((k) => k === keys[0])) continue;
      const templates = facts.map((f) => shared.template(f, c).key);
      if (templates.every((t) => t === templates[0])) continue;
      templates.forEach((t, i) => {
        signatures[i] += `\u0000${c}:${t}`;
      });
    }
    const groups = new Map<string, number[]>();
    signatures.forEach((s, i) => {
      const list = groups.get(s) ?? [];
      list.push(i);
      groups.set(s, list);
    });
    if (groups.size === 1) {
      parts.push(row);
      continue;
    }
    for (const members of groups.values()) {
      const first = facts[members[0] as number];
      if (first === undefined) continue;
      const source = first.source;
      parts.push({
        ...row,
        representative: first.label,
        pods: members.map((i) => row.pods[i] as string),
        hostNetwork: first.pod.hostNetwork,
        node: first.pod.nodeName ?? null,
        vSwitch: source.vSwitch?.id ?? null,
        securityGroups: source.groups.known ? [...source.groups.ids].sort() : null,
      });
    }
  }
  // Ids as sources.ts gives them: the workload, with #n when it has several rows.
  const perWorkload = new Map<string, number>();
  for (const row of parts) perWorkload.set(row.workload, (perWorkload.get(row.workload) ?? 0) + 1);
  const seen = new Map<string, number>();
  return parts.map((row) => {
    const n = (seen.get(row.workload) ?? 0) + 1;
    seen.set(row.workload, n);
    const id = (perWorkload.get(row.workload) ?? 1) === 1 ? row.workload : `${row.workload}#${n}`;
    return id === row.id ? row : { ...row, id };
  });
}
