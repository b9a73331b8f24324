/**
 * Differential tests of the fast shape checks (fast-shape.ts and the `is…Shape` checks beside each schema): the
 * same inputs loaded with them and without them (every document through zod, `withoutFastShapes`) give the same
 * LoadResult — snapshot, every origin, problems word for word and in order, recognised, ignored, gaps. Inputs: the
 * example clusters, a generated cluster (also read item by item against the ordinary whole-text reader), and the
 * Kubernetes bodies of the fuzz corpus with random type changes, removals and extra fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSnapshot, snapshotToMemory } from '../../../bench/generate.mjs';
import { CORPUS, serialise } from '../../../test/fuzz/corpus.js';
import { mutate, mutation, strangeValue } from '../../../test/fuzz/mutate.js';
import { exampleFiles } from '../../../test/reference/example-files.js';
import { type LoadOptions, loadSnapshotFromFiles } from '../index.js';
import { withoutFastShapes } from './problems.js';

type Files = Parameters<typeof loadSnapshotFromFiles>[0];

function expectSameBothWays(files: Files, options: LoadOptions = {}): void {
  const fast = loadSnapshotFromFiles(files, options);
  const zod = withoutFastShapes(() => loadSnapshotFromFiles(files, options));
  expect(fast).toStrictEqual(zod);
}

const HOT_KINDS = /\b(Pod|EndpointSlice|Node|Deployment|DaemonSet|StatefulSet|ReplicaSet|Job)\b/;
const KUBERNETES = CORPUS.filter((f) => f.path.includes('kubernetes') || f.path.includes('fixtures/load'))
  .filter((f) => HOT_KINDS.test(f.text))
  .sort((a, b) => (a.path < b.path ? -1 : 1));

describe('fast shape checks against zod (differential)', () => {
  it.each(['flannel-ipv4', 'terway-dualstack', 'terway-in-cluster-lb', 'terway-ipvlan-legacy'])(
    'load the example %s exactly as zod alone does',
    (name) => {
      expectSameBothWays(exampleFiles(name));
    },
  );

  it('load a generated cluster exactly as zod alone does, read item by item or as whole text', () => {
    const files = snapshotToMemory(
      generateSnapshot({
        nodes: 6,
        podsPerNode: 8,
        namespaces: 3,
        policies: 30,
        securityGroups: 2,
        rulesPerGroup: 20,
      }),
    );
    const asBytes = files.map((f) => ({ path: f.path, content: new TextEncoder().encode(f.content) }));
    const itemByItem = { jsonFastPathBytes: 4096 };
    expectSameBothWays(asBytes, itemByItem);
    // The whole-text reader of before (no list reader, no fast check) reads the Kubernetes Lists the same way (the
    // aliyun bodies over jsonFastPathBytes would lose their lines there: left out).
    const lists = files.filter((f) => f.path.startsWith('kubernetes/'));
    const listBytes = asBytes.filter((f) => f.path.startsWith('kubernetes/'));
    const wholeText = withoutFastShapes(() => loadSnapshotFromFiles(lists, { jsonFastPathBytes: 1e12 }));
    expect(loadSnapshotFromFiles(listBytes, itemByItem)).toStrictEqual(wholeText);
    expect(wholeText.snapshot.kubernetes.pods.length).toBe(6 * 8 + 2);
  });

  it('load mutated Kubernetes bodies exactly as zod alone does (property)', () => {
    expect(KUBERNETES.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.nat({ max: KUBERNETES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (i, mutations) => {
          const file = KUBERNETES[i];
          if (file === undefined) return;
          expectSameBothWays([
            { path: file.path, content: serialise(file.format, mutate(file.body, mutations)) },
          ]);
        },
      ),
      { numRuns: 150 },
    );
  });

  /** The sample with `replacement` at `path`, in a List beside the sample itself, loaded both ways. */
  function expectSameWithFieldReplaced(
    kind: string,
    path: Path,
    replacement: unknown,
    asBytes: boolean,
  ): void {
    const sample = SAMPLES[kind];
    if (sample === undefined) throw new Error(`no sample of ${kind}`);
    const object: Record<string, unknown> = structuredClone(sample.object);
    let parent = object as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    parent[path[path.length - 1] as string | number] = replacement;
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [object, sample.object] }, null, 4);
    expectSameBothWays([{ path: 'list.json', content: asBytes ? encode(text) : text }], {
      jsonFastPathBytes: 100,
    });
  }

  it.each(Object.keys(SAMPLES))(
    'load a %s with each edge value at each field its check reads exactly as zod alone does',
    (kind) => {
      for (const path of SAMPLES[kind]?.fields ?? [])
        for (const [i, replacement] of EDGE_VALUES.entries())
          expectSameWithFieldReplaced(kind, path, replacement, i % 2 === 0);
    },
  );

  it.each(Object.keys(SAMPLES))(
    'load a %s with any value at any field its check reads exactly as zod alone does (property)',
    (kind) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...(SAMPLES[kind]?.fields ?? [])),
          strangeValue,
          fc.boolean(),
          (path, v, b) => expectSameWithFieldReplaced(kind, path, v, b),
        ),
        { numRuns: 150 },
      );
    },
  );

  it('leave string maps with a "__proto__" or "constructor" key, and odd members, to zod', () => {
    const pod = (labels: string, extra = '') =>
      `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "n", "labels": ${labels}}${extra}}`;
    for (const text of [
      pod('{"__proto__": "x", "app": "a"}'),
      pod('{"__proto__": {"app": "b"}}'),
      pod('{"constructor": "c", "app": "a"}'),
      pod('{"constructor": {"prototype": 1}}'),
      pod('{"1": "one", "a": "b", "0": "zero"}'),
      pod('null', ', "spec": null'),
      pod('{}', ', "status": {"podIPs": [{"ip": "10.0.0.1"}, null]}'),
      pod('{}', ', "__proto__": {"spec": {"nodeName": 5}}'),
    ]) {
      expectSameBothWays([{ path: 'p.json', content: text }]);
      expectSameBothWays(
        [{ path: 'p.json', content: encode(`{"apiVersion": "v1", "kind": "List", "items": [${text}]}`) }],
        {
          jsonFastPathBytes: 10,
        },
      );
    }
  });
});

const encode = (text: string) => new TextEncoder().encode(text);

/** Values at the edge of what the schemas accept (and `undefined`: the member removed). */
const EDGE_VALUES: unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  65535,
  65536,
  8080.5,
  2 ** 53,
  true,
  '',
  'x',
  'TCP',
  'UDP',
  'SCTP',
  'tcp',
  'None',
  'Default',
  'ClusterFirst',
  'IPv4',
  'FQDN',
  'ipv4',
  [],
  ['a'],
  [1],
  [null],
  {},
  { a: 'b' },
  { a: 1 },
  { name: 'n', kind: 'k' },
];

type Path = readonly (string | number)[];

/** One valid object of each kind with a fast check, and the paths of every field its check reads. */
const SAMPLES: Record<string, { object: Record<string, unknown>; fields: Path[] } | undefined> = {
  Pod: {
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': 'abc' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', controller: true }],
      },
      spec: {
        nodeName: 'n1',
        hostNetwork: false,
        dnsPolicy: 'ClusterFirst',
        dnsConfig: {
          nameservers: ['169.254.20.10'],
          searches: ['shop.svc.cluster.local'],
          options: [{ name: 'ndots', value: '3' }],
        },
        containers: [{ name: 'web', ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }] }],
      },
      status: { phase: 'Running', hostIP: '10.0.1.1', podIP: '10.0.64.2', podIPs: [{ ip: '10.0.64.2' }] },
    },
    fields: [
      ['metadata'],
      ['metadata', 'name'],
      ['metadata', 'namespace'],
      ['metadata', 'labels'],
      ['metadata', 'labels', 'app'],
      ['metadata', 'annotations'],
      ['metadata', 'annotations', 'note'],
      ['metadata', 'ownerReferences'],
      ['metadata', 'ownerReferences', 0],
      ['metadata', 'ownerReferences', 0, 'kind'],
      ['metadata', 'ownerReferences', 0, 'name'],
      ['metadata', 'ownerReferences', 0, 'controller'],
      ['spec'],
      ['spec', 'nodeName'],
      ['spec', 'hostNetwork'],
      ['spec', 'dnsPolicy'],
      ['spec', 'dnsConfig'],
      ['spec', 'dnsConfig', 'nameservers'],
      ['spec', 'dnsConfig', 'nameservers', 0],
      ['spec', 'dnsConfig', 'searches'],
      ['spec', 'dnsConfig', 'options'],
      ['spec', 'dnsConfig', 'options', 0],
      ['spec', 'dnsConfig', 'options', 0, 'name'],
      ['spec', 'dnsConfig', 'options', 0, 'value'],
      ['spec', 'containers'],
      ['spec', 'containers', 0],
      ['spec', 'containers', 0, 'name'],
      ['spec', 'containers', 0, 'ports'],
      ['spec', 'containers', 0, 'ports', 0],
      ['spec', 'containers', 0, 'ports', 0, 'name'],
      ['spec', 'containers', 0, 'ports', 0, 'containerPort'],
      ['spec', 'containers', 0, 'ports', 0, 'protocol'],
      ['status'],
      ['status', 'podIP'],
      ['status', 'hostIP'],
      ['status', 'podIPs'],
      ['status', 'podIPs', 0],
      ['status', 'podIPs', 0, 'ip'],
      ['status', 'phase'],
    ],
  },
  EndpointSlice: {
    object: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-x1', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.0.64.2'],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: 'n1',
          targetRef: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
    fields: [
      ['metadata', 'labels'],
      ['addressType'],
      ['endpoints'],
      ['endpoints', 0],
      ['endpoints', 0, 'addresses'],
      ['endpoints', 0, 'addresses', 0],
      ['endpoints', 0, 'conditions'],
      ['endpoints', 0, 'conditions', 'ready'],
      ['endpoints', 0, 'conditions', 'serving'],
      ['endpoints', 0, 'conditions', 'terminating'],
      ['endpoints', 0, 'nodeName'],
      ['endpoints', 0, 'targetRef'],
      ['endpoints', 0, 'targetRef', 'kind'],
      ['endpoints', 0, 'targetRef', 'namespace'],
      ['endpoints', 0, 'targetRef', 'name'],
      ['ports'],
      ['ports', 0],
      ['ports', 0, 'name'],
      ['ports', 0, 'port'],
      ['ports', 0, 'protocol'],
    ],
  },
  Node: {
    object: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'cn-hangzhou-h' } },
      spec: { providerID: 'cn-hangzhou.i-abc', podCIDR: '10.0.0.0/25', podCIDRs: ['10.0.0.0/25'] },
      status: { addresses: [{ type: 'InternalIP', address: '10.0.1.1' }] },
    },
    fields: [
      ['metadata', 'name'],
      ['spec'],
      ['spec', 'providerID'],
      ['spec', 'podCIDR'],
      ['spec', 'podCIDRs'],
      ['spec', 'podCIDRs', 0],
      ['status'],
      ['status', 'addresses'],
      ['status', 'addresses', 0],
      ['status', 'addresses', 0, 'type'],
      ['status', 'addresses', 0, 'address'],
    ],
  },
  Deployment: {
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx',
                args: ['-a'],
                command: ['run'],
                env: [{ name: 'A', value: '1' }],
              },
            ],
          },
        },
      },
    },
    fields: [
      ['metadata', 'namespace'],
      ['spec'],
      ['spec', 'template'],
      ['spec', 'template', 'spec'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'template', 'spec', 'containers', 0],
      ['spec', 'template', 'spec', 'containers', 0, 'name'],
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      ['spec', 'template', 'spec', 'containers', 0, 'args'],
      ['spec', 'template', 'spec', 'containers', 0, 'command'],
      ['spec', 'template', 'spec', 'containers', 0, 'command', 0],
      ['spec', 'template', 'spec', 'containers', 0, 'env'],
      ['spec', 'template', 'spec', 'containers', 0, 'env', 0],
      ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'name'],
      ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
    ],
  },
};
