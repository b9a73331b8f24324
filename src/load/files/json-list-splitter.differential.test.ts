/**
 * Differential tests of the list reader: for any input — well-formed lists printed in any layout, repeated keys,
 * escapes and non-ASCII text, and the same texts cut short or with a byte changed — `splitJsonList` gives exactly
 * what the reader before the one-pass scan gave (json-list-splitter-before.test-helpers.ts): the same value, the same
 * problems, the same line and column for every item and every key inside it, or the same refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitJsonList } from './json-list-splitter.js';
import { splitJsonListBefore } from './json-list-splitter-before.test-helpers.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** Whitespace as printers and hand edits write it. */
const whitespace = fc.constantFrom('', '', ' ', '\n', '\n    ', '\n        ', '\t', '\r\n  ', ' \n\n ');

/** Prints `value` as JSON with the given whitespace between tokens, repeating a key where `repeat` says. */
function print(value: unknown, spaces: readonly string[], repeat: readonly boolean[]): string {
  let n = 0;
  const ws = () => spaces[n++ % spaces.length] ?? '';
  let m = 0;
  const again = () => repeat[m++ % repeat.length] ?? false;
  const go = (v: unknown): string => {
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => `${go(x)}${ws()}`).join(`,${ws()}`)}]`;
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${go(x)}`);
      const first = entries[0];
      if (first !== undefined && again()) entries.push(first);
      return `{${ws()}${entries.join(`,${ws()}`)}${ws()}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return go(value);
}

const key = fc.oneof(
  fc.constantFrom('kind', 'a', 'é', 'quote"d', 'back\\slash', '__proto__', 'line\nbreak', '{', ']', ':', ','),
  fc.string({ maxLength: 6 }),
);
const item = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const list = fc.record({
  head: fc.dictionary(
    fc.constantFrom('kind', 'apiVersion', 'metadata', 'other'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  ),
  items: fc.array(item, { maxLength: 6 }),
  itemsAt: fc.nat(),
});
const layout = fc.record({
  spaces: fc.array(whitespace, { minLength: 1, maxLength: 12 }),
  repeat: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  bom: fc.boolean(),
  before: whitespace,
});

type ListCase = typeof list extends fc.Arbitrary<infer T> ? T : never;
type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function listText(l: ListCase, f: Layout): string {
  const members = Object.entries(l.head).map(
    ([k, v]) => `${JSON.stringify(k)}: ${print(v, f.spaces, [false])}`,
  );
  members.splice(l.itemsAt % (members.length + 1), 0, `"items": ${print(l.items, f.spaces, f.repeat)}`);
  return `${f.bom ? '\ufeff' : ''}${f.before}{${f.spaces[0]}${members.join(`,${f.spaces.at(-1)}`)}\n}\n`;
}

/** Every path the adapters could ask for: each item, each key of it and one level deeper, and the root. */
function pathsOf(items: readonly unknown[]): (string | number)[][] {
  const paths: (string | number)[][] = [[], ['kind'], ['items'], ['items', items.length]];
  items.forEach((value, i) => {
    paths.push(['items', i], ['items', i, 'missing']);
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      paths.push(['items', i, k]);
      if (v !== null && typeof v === 'object')
        for (const inner of Object.keys(v)) paths.push(['items', i, k, inner]);
    }
  });
  return paths;
}

function expectSameAsBefore(bytes: Uint8Array): void {
  const before = splitJsonListBefore('l.json', bytes);
  const after = splitJsonList('l.json', bytes);
  if (before === undefined) {
    expect(after).toBeUndefined();
    return;
  }
  expect(after).toBeDefined();
  if (after === undefined) return;
  expect(after.problems).toStrictEqual(before.problems);
  expect(after.doc.value).toStrictEqual(before.doc.value);
  expect(Object.getPrototypeOf(after.doc.value)).toBe(Object.getPrototypeOf(before.doc.value));
  const items = (before.doc.value as { items: unknown[] }).items;
  for (const path of pathsOf(items)) expect(after.doc.locate(path)).toStrictEqual(before.doc.locate(path));
}

describe('splitJsonList against the reader before it (differential)', () => {
  it('reads well-formed lists in any layout, with repeated keys, exactly as before', () => {
    fc.assert(
      fc.property(list, layout, (l, f) => expectSameAsBefore(encode(listText(l, f)))),
      { numRuns: 400 },
    );
  });

  it('refuses, or reads, the same texts cut short or with one byte changed, exactly as before', () => {
    const byte = fc.constantFrom(
      0x22,
      0x5c,
      0x7b,
      0x7d,
      0x5b,
      0x5d,
      0x2c,
      0x3a,
      0x0a,
      0x20,
      0x61,
      0x30,
      0xc3,
      0xff,
    );
    fc.assert(
      fc.property(list, layout, fc.nat(), byte, fc.boolean(), (l, f, at, value, cut) => {
        const bytes = encode(listText(l, f));
        const position = at % bytes.length;
        const changed = cut ? bytes.subarray(0, position) : bytes.slice();
        if (!cut) changed[position] = value;
        expectSameAsBefore(changed);
      }),
      { numRuns: 400 },
    );
  });

  it('reads kubectl-style Lists of objects with nested objects and escapes as before', () => {
    const pod = (i: number) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}`, labels: { app: 'a"b\\c', ü: 'ñ' }, annotations: { j: '{"x": [1, 2]}' } },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
    });
    const text = JSON.stringify({ apiVersion: 'v1', items: [0, 1, 2].map(pod), kind: 'List' }, null, 4);
    expectSameAsBefore(encode(text));
    expectSameAsBefore(encode(text.replace('"kind": "Pod"', '"kind": "Pod", "kind": "Pod"')));
  });
});
