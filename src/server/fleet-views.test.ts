import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import { buildMatrixWithStats } from '../fleet/matrix.js';
import { loadSnapshot } from '../load/index.js';
import type { Query } from '../model/query.js';
import type { Snapshot } from '../model/snapshot.js';
import { matrixView } from './fleet-views.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/flannel-ipv4', import.meta.url));

describe('matrixView', () => {
  it('runs no more checks than the matrix itself: it never opens the cells’ lazy traces', async () => {
    const { snapshot } = await loadSnapshot(EXAMPLE);
    let calls = 0;
    const counting = (s: Snapshot, q: Query) => {
      calls += 1;
      return check(s, q);
    };
    const view = matrixView(snapshot, counting);
    const viewCalls = calls;
    const { stats, cells } = buildMatrixWithStats(snapshot, check);
    expect(viewCalls).toBe(stats.checks);
    // A lazy trace costs a check per cell, so the matrix must have more cells than checks for this to mean anything.
    expect(cells.flat().length).toBeGreaterThan(stats.checks);
    expect(view.cells.flat().every((cell) => !('trace' in cell))).toBe(true);
  });
});
