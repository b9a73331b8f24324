import { describe, expect, it } from 'vitest';
import { parseDocuments } from './parse.js';

const options = { jsonFastPathBytes: 20 * 1024 * 1024 };

describe('parseDocuments: YAML', () => {
  it('reads every document of a multi-document stream and locates values by path', () => {
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n';
    const { docs, problems } = parseDocuments('k8s.yaml', text, options);
    expect(problems).toEqual([]);
    expect(docs.map((d) => d.docIndex)).toEqual([0, 1]);
    expect(docs[1]?.locate(['metadata', 'labels', 'app'])).toEqual({
      file: 'k8s.yaml',
      line: 11,
      column: 10,
      path: 'metadata.labels.app',
    });
  });

  it('cites the nearest existing parent when the path goes past the document', () => {
    const { docs } = parseDocuments('k8s.yaml', 'kind: Pod\nmetadata:\n  labels: {}\n', options);
    expect(docs[0]?.locate(['metadata', 'name'])).toEqual({
      file: 'k8s.yaml',
      line: 3,
      column: 3,
      path: 'metadata.name',
    });
  });

  it('reports a syntax error with its position and still reads the other documents', () => {
    const text = 'kind: A\n---\nkind: B\nlabels: {app: [x\n---\nkind: C\n';
    const { docs, problems } = parseDocuments('bad.yaml', text, options);
    expect(docs.map((d) => (d.value as { kind: string }).kind)).toEqual(['A', 'C']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'error',
      file: 'bad.yaml',
      line: 5,
      column: 1,
      message:
        'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      expected: 'valid YAML',
    });
  });

  it('refuses a document with a duplicate key', () => {
    const { docs, problems } = parseDocuments('dup.yaml', 'metadata:\n  name: a\n  name: b\n', options);
    expect(docs).toEqual([]);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'dup.yaml',
        line: 3,
        column: 3,
        message: 'duplicate key: this mapping already has a key with this name; the document was not read',
        expected: 'each key once per mapping',
        hint: 'remove one of the two keys (kubectl and aliyun never print duplicates: the file was edited by hand)',
      },
    ]);
  });

  it('refuses only the list item holding a duplicate key; the other items load', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- kind: Pod',
      '  metadata: {name: a}',
      '- kind: Pod',
      '  metadata: {name: b, name: c}',
      '- kind: Pod',
      '  metadata: {name: d}',
    ].join('\n');
    const { docs, problems } = parseDocuments('list.yaml', text, options);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'list.yaml',
        line: 7,
        column: 23,
        message:
          'duplicate key: this mapping already has a key with this name; this list item was not read, the others were',
        expected: 'each key once per mapping',
        hint: 'remove one of the two keys (kubectl and aliyun never print duplicates: the file was edited by hand)',
      },
    ]);
    expect((docs[0]?.value as { items: unknown[] } | undefined)?.items).toEqual([
      { kind: 'Pod', metadata: { name: 'a' } },
      null,
      { kind: 'Pod', metadata: { name: 'd' } },
    ]);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const text = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const { docs, problems } = parseDocuments('bomb.yaml', text, options);
    expect(docs).toEqual([]);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'bomb.yaml',
        line: 1,
        column: 1,
        message: 'document 1 expands YAML aliases more than 100 times (an alias bomb); it was not read',
        expected: 'at most 100 alias expansions',
        hint: 'use the raw output of kubectl or aliyun, which never uses aliases',
      },
    ]);
  });

  it('reads a few aliases (legal YAML) normally', () => {
    const { docs, problems } = parseDocuments('ok.yaml', 'a: &x {k: v}\nb: *x\n', options);
    expect(problems).toEqual([]);
    expect(docs[0]?.value).toEqual({ a: { k: 'v' }, b: { k: 'v' } });
  });
});

describe('parseDocuments: JSON', () => {
  it('keeps JSON values exactly and locates them by line', () => {
    const text =
      '{\n  "kind": "Pod",\n  "metadata": {\n    "name": "web",\n    "labels": {"version": "1"}\n  }\n}\n';
    const { docs, problems } = parseDocuments('pod.json', text, options);
    expect(problems).toEqual([]);
    expect(docs[0]?.value).toEqual({ kind: 'Pod', metadata: { name: 'web', labels: { version: '1' } } });
    expect(docs[0]?.locate(['metadata', 'name'])).toEqual({
      file: 'pod.json',
      line: 4,
      column: 13,
      path: 'metadata.name',
    });
  });

  it('says a cut JSON file is truncated, at its end', () => {
    const text = '{\n  "kind": "Pod",\n  "metadata": {"name": "web"';
    const { docs, problems } = parseDocuments('pod.json', text, options);
    expect(docs).toEqual([]);
    expect(problems).toEqual([
      {
        severity: 'error',
        file: 'pod.json',
        line: 3,
        column: 29,
        message: 'the JSON ends before it is complete (truncated?)',
        expected: 'one complete JSON value',
        hint: 're-run the command that produced the file and save its whole output',
      },
    ]);
  });

  it('points at the character where JSON goes wrong', () => {
    const text = '{\n  "kind": "Pod",\n  "metadata": {"name": "web",}\n}\n';
    const { problems } = parseDocuments('pod.json', text, options);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      severity: 'error',
      file: 'pod.json',
      line: 3,
      column: 30,
      // The reason is V8's own JSON.parse message (Node 20+).
      message: 'invalid JSON: Expected double-quoted property name',
      expected: 'valid JSON',
    });
  });

  it('refuses duplicate keys in JSON too (JSON.parse would silently keep the last)', () => {
    const { docs, problems } = parseDocuments('x.json', '{"a": 1, "a": 2}', options);
    expect(docs).toEqual([]);
    expect(problems[0]).toMatchObject({
      line: 1,
      column: 10,
      message: 'duplicate key: this mapping already has a key with this name; the document was not read',
    });
  });

  it('takes the fast path for large JSON: paths without lines', () => {
    const { docs, problems } = parseDocuments('big.json', '{"items": [{"a": 1}]}', { jsonFastPathBytes: 10 });
    expect(problems).toEqual([]);
    expect(docs[0]?.locate(['items', 0, 'a'])).toEqual({ file: 'big.json', path: 'items[0].a' });
  });

  it('locates a syntax error of a large JSON file', () => {
    const { problems } = parseDocuments('big.json', '{"items": [\n  {"a": 1}\n  {"b": 2}\n]}', {
      jsonFastPathBytes: 10,
    });
    expect(problems[0]).toMatchObject({
      line: 3,
      column: 3,
      message: "invalid JSON: Expected ',' or ']' after array element",
    });
  });

  it('reads a .yaml file that starts with a YAML flow mapping as YAML', () => {
    const { docs, problems } = parseDocuments('flow.yaml', '{kind: Pod, metadata: {name: web}}', options);
    expect(problems).toEqual([]);
    expect(docs[0]?.value).toEqual({ kind: 'Pod', metadata: { name: 'web' } });
  });
});
