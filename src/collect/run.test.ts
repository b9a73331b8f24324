import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../load/index.js';
import { runCollect } from './run.js';
import { type Harness, startHarness } from './test-servers/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('collect against the recorded terway-dualstack servers', () => {
  it('writes a snapshot that loads without errors', async () => {
    harness = await startHarness('terway-dualstack');
    const io = harness.io();
    const code = await runCollect(harness.options(), io, harness.deps);
    console.log(io.err.join(''), io.out.join(''));
    const out = harness.options().out;
    console.log(readdirSync(out, { recursive: true }));
    const loaded = await loadSnapshot(out);
    console.log(loaded.problems.slice(0, 10), loaded.ignored);
    expect(code).toBe(0);
  });
});
