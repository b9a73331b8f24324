import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitJsonList } from './json-list-splitter.js';
import { jsonLocator } from './json-locator.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('splitJsonList', () => {
  const text = [
    '{',
    '    "apiVersion": "v1",',
    '    "items": [',
    '        {"kind": "Pod", "metadata": {"name": "a"}},',
    '        {',
    '            "kind": "Pod",',
    '            "metadata": {"name": "ü\\"}]"}',
    '        }',
    '    ],',
    '    "kind": "List"',
    '}',
    '',
  ].join('\n');

  it('reads the items and the other members as JSON.parse does', () => {
    const split = splitJsonList('pods.json', bytes(text));
    expect(split?.problems).toEqual([]);
    expect(split?.doc.value).toEqual({
      apiVersion: 'v1',
      items: [
        { kind: 'Pod', metadata: { name: 'a' } },
        { kind: 'Pod', metadata: { name: 'ü"}]' } },
      ],
      kind: 'List',
    });
  });

  it('gives each item its line and column, and deeper paths their exact position', () => {
    const locate = splitJsonList('pods.json', bytes(text))?.doc.locate;
    expect(locate?.(['items', 0])).toEqual({ file: 'pods.json', line: 4, column: 9, path: 'items[0]' });
    expect(locate?.(['items', 1])).toEqual({ file: 'pods.json', line: 5, column: 9, path: 'items[1]' });
    expect(locate?.(['items', 0, 'metadata', 'name'])).toEqual({
      file: 'pods.json',
      line: 4,
      column: 46,
      path: 'items[0].metadata.name',
    });
    expect(locate?.(['items', 1, 'metadata'])).toEqual({
      file: 'pods.json',
      line: 7,
      column: 25,
      path: 'items[1].metadata',
    });
    expect(locate?.([])).toEqual({ file: 'pods.json', line: 1, column: 1, path: '' });
  });

  it('locates item paths as the whole-text JSON locator does (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }),
        (items) => {
          const whole = JSON.stringify({ kind: 'List', items }, null, 4);
          const split = splitJsonList('f.json', bytes(whole));
          const byText = jsonLocator('f.json', whole);
          expect(split?.doc.value).toEqual(JSON.parse(whole));
          items.forEach((item, i) => {
            expect(split?.doc.locate(['items', i])).toEqual(byText(['items', i]));
            for (const key of Object.keys(item))
              expect(split?.doc.locate(['items', i, key])).toEqual(byText(['items', i, key]));
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the other items when one holds a duplicate key, and says where', () => {
    const split = splitJsonList('l.json', bytes('{"items": [\n{"a": 1},\n{"b": 1, "b": 2},\n{"c": 3}\n]}'));
    expect(split?.doc.value).toEqual({ items: [{ a: 1 }, null, { c: 3 }] });
    expect(split?.problems).toEqual([
      {
        severity: 'error',
        file: 'l.json',
        line: 3,
        column: 10,
        message:
          'duplicate key: this mapping already has a key with this name; this list item was not read, the others were',
        expected: 'each key once per mapping',
        hint: 'remove one of the two keys (kubectl and aliyun never print duplicates: the file was edited by hand)',
      },
    ]);
  });

  it('skips a UTF-8 byte-order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"items": [{"a": 1}]}')]);
    expect(splitJsonList('l.json', withBom)?.doc.value).toEqual({ items: [{ a: 1 }] });
  });

  it('leaves everything else to the ordinary reader', () => {
    for (const other of [
      '{"NetworkInterfaceSets": {"NetworkInterfaceSet": []}}', // no items
      '[{"a": 1}]', // not an object
      '{"items": {"a": 1}}', // items not a list
      '{"items": [{"a": 1},]}', // trailing comma
      '{"items": [{"a": 1}]', // truncated
      '{"items": [{"a": 1}]} x', // text after the value
      '{"kind": "List", "kind": "x", "items": []}', // duplicate top-level key
      '{"items": [{"a": tru}]}', // invalid literal
    ])
      expect(splitJsonList('x.json', bytes(other))).toBeUndefined();
    expect(
      splitJsonList('x.json', new Uint8Array([...bytes('{"items": ["'), 0xc3, 0x28, ...bytes('"]}')])),
    ).toBe(undefined);
  });
});
