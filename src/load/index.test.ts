import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem, loadSnapshot, loadSnapshotFromFiles } from './index.js';

const pod = (name: string, ip: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  containers:
  - name: app
    image: nginx:1.27
status:
  podIP: ${ip}
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podreach-load-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSnapshot: folders and files', () => {
  it('reads every .json/.yaml/.yml file of any sub-folder, in sorted order, and lists the others as ignored', async () => {
    await mkdir(join(dir, 'k8s', 'nested'), { recursive: true });
    await writeFile(join(dir, 'k8s', 'nested', 'b.yml'), pod('b', '10.0.64.2'));
    await writeFile(join(dir, 'k8s', 'a.yaml'), pod('a', '10.0.64.1'));
    await writeFile(
      join(dir, 'pods.JSON'),
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c', namespace: 'shop' } }),
    );
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'dump.tar.gz'), new Uint8Array([0x1f, 0x8b, 0, 0]));
    await mkdir(join(dir, '.git'));
    const result = await loadSnapshot(dir);
    expect(result.problems).toEqual([]);
    expect(result.snapshot.kubernetes.pods.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(result.recognised).toEqual([
      { file: 'k8s/a.yaml', as: ['kubernetes Pod'] },
      { file: 'k8s/nested/b.yml', as: ['kubernetes Pod'] },
      { file: 'pods.JSON', as: ['kubernetes Pod'] },
    ]);
    expect(result.ignored).toEqual([
      { file: '.git', reason: 'hidden file or folder' },
      { file: 'dump.tar.gz', reason: 'extension .gz is not read (only .json, .yaml and .yml files are)' },
      { file: 'notes.txt', reason: 'extension .txt is not read (only .json, .yaml and .yml files are)' },
    ]);
    expect(result.snapshot.kubernetes.pods[0]?.origin).toEqual({
      file: 'k8s/a.yaml',
      line: 1,
      column: 1,
      path: '',
    });
  });

  it('reads a single file given directly, named as given', async () => {
    const file = join(dir, 'cluster.yaml');
    await writeFile(file, pod('a', '10.0.64.1'));
    const result = await loadSnapshot(file);
    expect(result.snapshot.kubernetes.pods.map((p) => p.origin.file)).toEqual([file]);
  });

  it('says an empty folder is empty', async () => {
    const result = await loadSnapshot(dir);
    expect(result.problems.map(formatProblem)).toEqual([
      `error: ${dir}: the snapshot is empty: no file found (expected kubectl -o yaml|json outputs, aliyun JSON responses and/or world.yaml) — build one as docs/snapshot.md shows, e.g. kubectl get pods,nodes,namespaces,services,endpointslices,networkpolicies -A -o yaml > k8s.yaml`,
    ]);
  });

  it('says a folder without any snapshot file has none, counting what it ignored', async () => {
    await writeFile(join(dir, 'readme.md'), '# hi');
    const result = await loadSnapshot(dir);
    expect(result.problems[0]?.message).toBe(
      'the snapshot has no .json, .yaml or .yml file (1 other file ignored)',
    );
  });

  it('says a missing path is missing', async () => {
    const result = await loadSnapshot(join(dir, 'nope'));
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: join(dir, 'nope'),
        message: 'no such file or folder',
        hint: 'pass the folder (or file) that holds the snapshot',
      },
    ]);
  });

  it('refuses a file over the size limit before reading it, and names the option that raises it', async () => {
    await writeFile(join(dir, 'big.yaml'), `${'#'.repeat(300)}\n`);
    await writeFile(
      join(dir, 'small.json'),
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ok"}}',
    );
    const result = await loadSnapshot(dir, { maxFileBytes: 100 });
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: 'big.yaml',
        message: 'the file is 301 bytes, over the limit of 100 bytes; it was not read',
        expected: 'at most 100 bytes per file',
        hint: 'split the file, or raise the limit to at least 301 bytes (CLI: PODREACH_MAX_FILE_BYTES=301; library: the loadSnapshot option maxFileBytes)',
      },
    ]);
    expect(result.snapshot.kubernetes.namespaces.map((n) => n.name)).toEqual(['ok']);
  });

  it('skips a binary file with a .yaml name as a warning and lists it as ignored', async () => {
    await writeFile(join(dir, 'oops.yaml'), new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00]));
    await writeFile(join(dir, 'pods.yaml'), pod('a', '10.0.64.1'));
    const result = await loadSnapshot(dir);
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: 'oops.yaml',
        message: 'the file holds NUL bytes: it is binary, not JSON or YAML text; it was skipped',
        expected: 'JSON or YAML text',
        hint: 'save the raw output of kubectl or aliyun (not a compressed or binary file)',
      },
    ]);
    expect(result.ignored).toEqual([
      { file: 'oops.yaml', reason: 'the file holds NUL bytes: it is binary, not JSON or YAML text' },
    ]);
    expect(result.snapshot.kubernetes.pods).toHaveLength(1);
  });
});

describe('loadSnapshotFromFiles: documents', () => {
  it('unwraps a kind: List item by item, with items[i] paths', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: a}
- apiVersion: v1
  kind: Namespace
  metadata: {name: b}
`;
    const result = loadSnapshotFromFiles([{ path: 'ns.yaml', content: list }]);
    expect(result.snapshot.kubernetes.namespaces.map((n) => n.origin)).toEqual([
      { file: 'ns.yaml', line: 4, column: 3, path: 'items[0]' },
      { file: 'ns.yaml', line: 7, column: 3, path: 'items[1]' },
    ]);
  });

  it('unwraps a typed list (PodList, as the API returns it) whose items carry no kind', () => {
    const podList = JSON.stringify({
      apiVersion: 'v1',
      kind: 'PodList',
      metadata: { resourceVersion: '123' },
      items: [{ metadata: { name: 'a', namespace: 'x' }, status: { podIP: '10.0.64.1' } }],
    });
    const result = loadSnapshotFromFiles([{ path: 'pods.json', content: podList }]);
    expect(result.problems).toEqual([]);
    expect(result.recognised).toEqual([{ file: 'pods.json', as: ['kubernetes Pod'] }]);
    expect(result.snapshot.kubernetes.pods[0]?.origin).toEqual({
      file: 'pods.json',
      line: 1,
      column: 83,
      path: 'items[0]',
    });
  });

  it('lists unknown kinds as ignored, once per file and kind, and loads the rest', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: {name: s1, namespace: x}
---
apiVersion: v1
kind: Secret
metadata: {name: s2, namespace: x}
---
${pod('a', '10.0.64.1')}`;
    const result = loadSnapshotFromFiles([{ path: 'mixed.yaml', content: text }]);
    expect(result.problems).toEqual([]);
    expect(result.ignored).toEqual([
      { file: 'mixed.yaml', reason: 'kind Secret (v1) is not used by podreach' },
    ]);
    expect(result.recognised).toEqual([{ file: 'mixed.yaml', as: ['kubernetes Pod'] }]);
  });

  it('warns about a document that is not an object beside real objects, and reads the next one', () => {
    const result = loadSnapshotFromFiles([
      { path: 'x.yaml', content: `- 1\n- 2\n---\n${pod('a', '10.0.64.1')}` },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'warning: x.yaml:1:1: document 1 is a list, not an object; it was skipped (expected a Kubernetes object, an Alibaba Cloud response body or a podreach World) — remove it, or check that the file was not cut or edited by mistake',
    ]);
    expect(result.snapshot.kubernetes.pods).toHaveLength(1);
  });

  it('ignores a file holding only lists or scalars (some other file in the folder)', () => {
    const result = loadSnapshotFromFiles([
      { path: 'expectations.yaml', content: '- check: a\n  verdict: reachable\n' },
      { path: 'pods.yaml', content: pod('a', '10.0.64.1') },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.ignored).toEqual([
      { file: 'expectations.yaml', reason: 'document 1 is a list, not an object' },
    ]);
  });

  it('keeps the good objects of a file when one is bad, and reports the bad one at its line', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: good-1, namespace: shop}
- apiVersion: v1
  kind: Pod
  metadata: {namespace: shop}
- apiVersion: v1
  kind: Pod
  metadata: {name: good-2, namespace: shop}
`;
    const result = loadSnapshotFromFiles([{ path: 'pods.yaml', content: list }]);
    expect(result.snapshot.kubernetes.pods.map((p) => p.name)).toEqual(['good-1', 'good-2']);
    expect(result.problems.map(formatProblem)).toEqual([
      'error: pods.yaml:9:13: items[1].metadata.name: Pod: required field "name" is missing (expected string) — the object was skipped; fix it and load again (the rest of the file was read)',
    ]);
  });

  it('reads a file after a broken one', () => {
    const result = loadSnapshotFromFiles([
      { path: 'a.json', content: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"' },
      { path: 'b.yaml', content: pod('b', '10.0.64.2') },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'error: a.json:1:61: the JSON ends before it is complete (truncated?) (expected one complete JSON value) — re-run the command that produced the file and save its whole output',
    ]);
    expect(result.snapshot.kubernetes.pods.map((p) => p.name)).toEqual(['b']);
  });

  it('applies the size limit in memory too', () => {
    const result = loadSnapshotFromFiles([{ path: 'a.yaml', content: 'é'.repeat(20) }], { maxFileBytes: 10 });
    // Bytes, not characters: é is two bytes in UTF-8.
    expect(result.problems[0]?.message).toBe(
      'the file is 40 bytes, over the limit of 10 bytes; it was not read',
    );
  });

  it('lists what the snapshot lacks for each check of the seed page', () => {
    const result = loadSnapshotFromFiles([{ path: 'a.yaml', content: pod('a', '10.0.64.1') }]);
    const checks = [...new Set(result.gaps.map((g) => g.check))];
    expect(checks.slice(0, 9)).toEqual([
      'pods',
      'DNS',
      'NetworkPolicy',
      'NAT/SNAT',
      'EIP',
      'IPv6',
      'VPC resource whitelists',
      'cluster facts: cni',
      'cluster facts: terwayMode',
    ]);
    expect(result.gaps).toContainEqual({
      check: 'NetworkPolicy',
      missing:
        'no NetworkPolicy in the snapshot; if the cluster has some: kubectl get networkpolicies -A -o yaml > networkpolicies.yaml',
    });
  });
});
