/**
 * The change files of docs/whatif-examples, applied to the example clusters they are written for: each query's
 * verdict before and after is written by hand from the example's README/expectations and the change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import { query } from '../engine/test-fixtures/query.js';
import { parseChangeFile } from '../load/changes/index.js';
import { loadSnapshot } from '../load/index.js';
import type { Snapshot, Trace } from '../model/index.js';
import { applyChanges } from './apply.js';

function changedBy(snapshot: Snapshot, file: string): Snapshot {
  const parsed = parseChangeFile(file, readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const applied = applyChanges(snapshot, parsed.changes);
  if (!applied.ok) throw new Error(applied.error);
  return applied.snapshot;
}

function traceOf(snapshot: Snapshot, from: string, to: string, port: number): Trace {
  const result = check(snapshot, query(from, to, { port }));
  if (!result.ok || !('trace' in result)) throw new Error('expected a single trace');
  return result.trace;
}

describe('docs/whatif-examples/clb-port-8080.yaml on examples/terway-ipvlan-legacy', async () => {
  const { snapshot } = await loadSnapshot('examples/terway-ipvlan-legacy');
  const after = changedBy(snapshot, 'docs/whatif-examples/clb-port-8080.yaml');
  const from = 'shop/web-7d9c8b6f5-kp8z6';

  it('before: the CLB has no listener on 8080', () => {
    const t = traceOf(snapshot, from, '10.1.1.200', 8080);
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.reason).toBe(
      'lb-bp1svcapi0l7m8n9p0q has no tcp listener on port 8080 (listeners: 80/tcp): nothing answers there',
    );
  });

  it('after: listener 8080 forwards to nodePort 31090, which reaches the api pod with the client IP kept', () => {
    const t = traceOf(after, from, '10.1.1.200', 8080);
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('10.1.128.6');
  });

  it('port 80 is as it was', () => {
    expect(traceOf(after, from, '10.1.1.200', 80).verdict).toBe('reachable');
  });
});

describe('docs/whatif-examples/snat-for-new-vswitch.yaml on examples/terway-dualstack', async () => {
  const { snapshot } = await loadSnapshot('examples/terway-dualstack');
  const after = changedBy(snapshot, 'docs/whatif-examples/snat-for-new-vswitch.yaml');

  it('the pod on the new pod vSwitch reaches the Internet as one of the NAT EIPs', () => {
    const from = 'shop/checkout-5b8c7d9f4-c3v4b';
    expect(traceOf(snapshot, from, '140.82.112.5', 443).verdict).toBe('blocked');
    const t = traceOf(after, from, '140.82.112.5', 443);
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressCandidates).toEqual(['47.98.210.15', '47.98.210.16']);
  });
});
