import { describe, expect, it } from 'vitest';
import { type RowCells, refineRows } from './row-refinement.js';
import type { SourceFacts } from './source-profile.js';
import type { SourceRow } from './sources.js';

function row(workload: string, pods: string[]): SourceRow {
  return {
    id: workload,
    workload,
    namespace: 'ns',
    representative: pods[0] ?? '',
    pods,
    hostNetwork: false,
    node: 'node-a',
    vSwitch: 'vsw-1',
    securityGroups: ['sg-1'],
  };
}

/**
 * Two columns. Pod ns/b runs on the node of column 0's destination (a relation), and its cell there differs from
 * its row-mates' (template y, not x); ns/d relates to column 1 but answers like its row-mate.
 */
function cells(): RowCells {
  const facts = (label: string) =>
    ({
      label,
      profile: 1,
      pod: { hostNetwork: false, nodeName: label === 'ns/b' ? 'node-b' : 'node-a' },
      source: { vSwitch: { id: 'vsw-1' }, groups: { known: true, ids: ['sg-1'] } },
    }) as unknown as SourceFacts;
  const related = (f: SourceFacts, c: number) =>
    (c === 0 && f.label === 'ns/b') || (c === 1 && f.label === 'ns/d');
  return {
    columnCount: 2,
    factsOf: facts,
    relation: (f, c) => (related(f, c) ? `node of ${f.label}` : ''),
    classKey: (f, c) => (related(f, c) ? `1|${f.label}` : '1|'),
    template: (f, c) =>
      ({ key: c === 0 && f.label === 'ns/b' ? 'y' : 'x' }) as ReturnType<RowCells['template']>,
  };
}

describe('refineRows', () => {
  it('splits a row only where a pod’s answer differs, and numbers the workload’s rows again', () => {
    const rows = [row('ns/deployment/w', ['ns/a', 'ns/b', 'ns/c']), row('ns/deployment/z', ['ns/d', 'ns/e'])];
    const refined = refineRows(rows, cells());
    expect(refined.map((r) => [r.id, r.representative, r.pods, r.node])).toEqual([
      ['ns/deployment/w#1', 'ns/a', ['ns/a', 'ns/c'], 'node-a'],
      ['ns/deployment/w#2', 'ns/b', ['ns/b'], 'node-b'],
      ['ns/deployment/z', 'ns/d', ['ns/d', 'ns/e'], 'node-a'],
    ]);
  });

  it('leaves rows whose pods all agree untouched', () => {
    const rows = [row('ns/deployment/z', ['ns/d', 'ns/e'])];
    expect(refineRows(rows, cells())).toEqual(rows);
  });
});
