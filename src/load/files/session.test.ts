import { describe, expect, it } from 'vitest';
import { kubernetesAdapter } from '../kubernetes/index.js';
import { LoadSession } from './session.js';

const podList = (names: string[]) =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'List',
      items: names.map((name, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop' },
        spec: { nodeName: 'n1', containers: [{ name: 'c' }] },
        status: { phase: 'Running', podIP: `10.0.0.${i + 5}`, podIPs: [{ ip: `10.0.0.${i + 5}` }] },
      })),
    },
    null,
    4,
  );

describe('LoadSession: large JSON lists', () => {
  it('reads a list above the fast-path size item by item, keeping each pod line', () => {
    const session = new LoadSession({
      maxFileBytes: 1e9,
      jsonFastPathBytes: 10,
      adapters: [kubernetesAdapter],
    });
    session.addFile('pods.json', new TextEncoder().encode(podList(['a', 'b'])));
    session.finish();
    expect(session.problems).toEqual([]);
    expect(session.builder.kubernetes.pods.map((p) => [p.name, p.origin])).toEqual([
      ['a', { file: 'pods.json', line: 5, column: 9, path: 'items[0]' }],
      ['b', { file: 'pods.json', line: 30, column: 9, path: 'items[1]' }],
    ]);
  });

  it('reads the same list given as text (under the size) with the same lines', () => {
    const session = new LoadSession({
      maxFileBytes: 1e9,
      jsonFastPathBytes: 1e9,
      adapters: [kubernetesAdapter],
    });
    session.addFile('pods.json', podList(['a', 'b']));
    expect(session.builder.kubernetes.pods.map((p) => p.origin.line)).toEqual([5, 30]);
  });
});
