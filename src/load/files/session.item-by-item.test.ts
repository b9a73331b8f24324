/**
 * A large Kubernetes List is read item by item (each parsed tree dropped before the next). These tests prove the
 * result is exactly what reading the list whole gives — the same objects, problems (in the same order), recognised
 * and ignored entries — and that when the item-by-item read must give up, nothing it added remains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../adapter.js';
import { kubernetesAdapter } from '../kubernetes/index.js';
import { worldAdapter } from '../world/index.js';
import { LoadSession } from './session.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** The same adapter, without the promise that it only appends: the session then reads lists whole. */
const wholeListKubernetes: Adapter = { ...kubernetesAdapter, appendsOnly: false };

const ITEMS = [
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "n"}, "status": {"podIP": "10.0.0.1"}}',
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "n"}, "spec": {"containers": [{"name": "c", "ports": [{"containerPort": 0}]}]}}',
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c"}}',
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "n"}, "status": {"podIP": "10.0.0.1"}}',
  '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "d", "name": "e", "namespace": "n"}}',
  '{"metadata": {"name": "typed", "namespace": "n"}}',
  '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "n"}, "spec": {"ports": [{"port": 80}]}}',
  '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "x", "namespace": "n"}}',
  '{"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "rs", "namespace": "n"}}',
  '{"kind": "Pod"}',
  'null',
  '7',
  '"text"',
  '[1, 2]',
  '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}',
];

function listText(items: readonly number[], kind: string): string {
  const body = items.map((i) => `        ${ITEMS[i]}`).join(',\n');
  return `{\n    "apiVersion": "v1",\n    "items": [\n${body}\n    ],\n    "kind": "${kind}"\n}\n`;
}

function read(files: readonly [string, Uint8Array][], adapters: readonly Adapter[], fastPath = 10) {
  const session = new LoadSession({ maxFileBytes: 1e9, jsonFastPathBytes: fastPath, adapters });
  for (const [file, bytes] of files) session.addFile(file, bytes);
  session.finish();
  return {
    kubernetes: session.builder.kubernetes,
    world: session.builder.world,
    problems: session.problems,
    recognised: session.recognised,
    ignored: session.ignored,
  };
}

describe('LoadSession: a large List read item by item', () => {
  it('gives what reading the list whole gives: objects, problems in order, recognised, ignored (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: ITEMS.length - 1 }), { maxLength: 12 }),
        fc.constantFrom('List', 'PodList'),
        (items, kind) => {
          const files: [string, Uint8Array][] = [
            ['a/first.json', encode(listText([0, 6], 'List'))],
            ['b/list.json', encode(listText(items, kind))],
          ];
          expect(read(files, [kubernetesAdapter])).toStrictEqual(read(files, [wholeListKubernetes]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('puts the duplicate-key problem before the problems of the items, as the whole-list read does', () => {
    const result = read([['l.json', encode(listText([2, 4, 1], 'List'))]], [kubernetesAdapter]);
    expect(result.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [5, 'duplicate key: this mapping al'],
      [4, 'Pod c has no metadata.namespac'],
      [6, 'Pod: "containerPort" is out of'],
    ]);
  });

  it('gives up on an item an adapter that does more than append recognises, and reads the list whole', () => {
    const world = '{"apiVersion": "podreach/v1", "kind": "World", "dns": {"x.example": {"a": ["1.2.3.4"]}}}';
    const text = `{"apiVersion": "v1", "kind": "List", "items": [${ITEMS[0]}, ${world}, ${ITEMS[2]}]}`;
    const files: [string, Uint8Array][] = [['l.json', encode(text)]];
    const itemByItem = read(files, [worldAdapter, kubernetesAdapter]);
    expect(itemByItem).toStrictEqual(read(files, [worldAdapter, wholeListKubernetes]));
    expect(itemByItem.kubernetes.pods.map((p) => p.name)).toEqual(['a', 'c']);
    expect(itemByItem.world.dns.map((r) => r.name)).toEqual(['x.example']);
    expect(itemByItem.recognised).toEqual([{ file: 'l.json', as: ['kubernetes Pod', 'podreach World'] }]);
  });

  it('undoes what it read when a later item is not valid JSON, and the file is read the ordinary way', () => {
    const broken = `{"apiVersion": "v1", "kind": "List", "items": [${ITEMS[14]}, ${ITEMS[0]}, ${ITEMS[7]}, ${ITEMS[2]}, {"a": tru}]}`;
    const files: [string, Uint8Array][] = [
      ['a.json', encode(listText([6], 'List'))],
      ['b.json', encode(broken)],
    ];
    const result = read(files, [kubernetesAdapter]);
    // The ordinary reader refuses the whole file with V8's message; the first file's Service stays.
    expect(result).toStrictEqual(read(files, [kubernetesAdapter], 1e12));
    expect(result.kubernetes.pods).toEqual([]);
    expect(result.kubernetes.namespaces).toEqual([]);
    expect(result.kubernetes.services.map((s) => s.name)).toEqual(['s']);
    expect(result.recognised).toEqual([{ file: 'a.json', as: ['kubernetes Service'] }]);
    expect(result.ignored).toEqual([]);
    expect(result.problems.map((p) => [p.file, p.message])).toEqual([
      ['b.json', 'the JSON ends before it is complete (truncated?)'],
    ]);
  });
});
