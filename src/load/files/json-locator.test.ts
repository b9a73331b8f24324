import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { findDuplicateKey, jsonLocator } from './json-locator.js';
import { yamlLocator } from './locate.js';

describe('jsonLocator', () => {
  const text =
    '{\n  "kind": "List",\n  "items": [\n    {"metadata": {"name": "a\\"b"}},\n    {"metadata": {"name": "c", "labels": {"x": "}]"}}}\n  ]\n}\n';
  const locate = jsonLocator('l.json', text);

  it('finds values in nested objects and arrays, past strings holding quotes and brackets', () => {
    expect(locate(['items', 1, 'metadata', 'labels', 'x'])).toEqual({
      file: 'l.json',
      line: 5,
      column: 48,
      path: 'items[1].metadata.labels.x',
    });
    expect(locate(['items', 0, 'metadata', 'name'])).toEqual({
      file: 'l.json',
      line: 4,
      column: 27,
      path: 'items[0].metadata.name',
    });
  });

  it('cites the nearest existing parent for a path past the document', () => {
    expect(locate(['items', 0, 'spec', 'containers'])).toEqual({
      file: 'l.json',
      line: 4,
      column: 5,
      path: 'items[0].spec.containers',
    });
  });

  it('agrees with the YAML locator on any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const json = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
        const lineCounter = new LineCounter();
        const doc = parseDocument(json, { lineCounter, uniqueKeys: false });
        const byYaml = yamlLocator('f.json', doc, lineCounter);
        const byJson = jsonLocator('f.json', json);
        for (const path of pathsOf(value)) expect(byJson(path)).toEqual(byYaml(path));
      }),
      { numRuns: 200 },
    );
  });
});

describe('findDuplicateKey', () => {
  it('finds a repeated key of one object', () => {
    expect(findDuplicateKey('{"a": 1, "b": {"a": 2}, "a": 3}')).toBe(24);
  });

  it('compares keys by their value, escapes decoded', () => {
    expect(findDuplicateKey('{"a": 1, "\\u0061": 2}')).toBe(9);
    expect(findDuplicateKey('{"a\\"": 1, "a": 2}')).toBeUndefined();
  });

  it('accepts equal keys in different objects and equal strings as values', () => {
    expect(findDuplicateKey('{"a": "a", "b": [{"a": 1}, {"a": 2}], "c": {"a": "b"}}')).toBeUndefined();
  });
});

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      paths.push(...pathsOf(item, [...prefix, i]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}
