/**
 * Mutations of real raw bodies for the loader fuzz suite: a random field path is picked in the parsed body and its
 * value is changed (another type, removed, an extra field beside it, hostile unicode, a huge value), or the text is
 * cut short. Arbitraries only: the fuzz test decides what must hold.
 */
import fc from 'fast-check';

export type Path = readonly (string | number)[];

/** Every path of a JSON-like value, the root included, in document order. */
export function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, item] of value.entries()) allPaths(item, [...prefix, i], out);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) allPaths(item, [...prefix, key], out);
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

type Container = Record<string | number, unknown>;

function parentOf(root: unknown, path: Path): { parent: Container; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let node = root as Container;
  for (const step of path.slice(0, -1)) node = node[step] as Container;
  return { parent: node, key: path[path.length - 1] as string | number };
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u001b[31mred\u001b[0m',
  '\u202eevil\u202c',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '💥🧨',
  'e\u0301',
  '\ud800',
  '0',
  '-1',
  '1e400',
  'NaN',
  'true',
  'null',
  '0.0.0.0/0',
  '::/0',
  '999.999.999.999',
  '10.0.0.1/33',
  '65536',
  '-1/-1',
  '1/0',
  'a'.repeat(70_000),
];

/** A replacement value of any type, biased towards what parsers and schemas get wrong. */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(0, -1, 1.5, 65536, 2 ** 53 + 1, 1e308, -1e308, true, false, null),
  fc.constantFrom([], {}, [null], { '': 1 }, [[[[[]]]]], { __proto__: { polluted: true } }),
  fc.jsonValue({ maxDepth: 3 }),
);

export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'remove'; readonly at: number }
  | { readonly kind: 'extra'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'duplicate-item'; readonly at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: strangeValue }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('extra' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'kind', 'items', ''),
      fc.string({ maxLength: 8 }),
    ),
    value: strangeValue,
  }),
  fc.record({ kind: fc.constant('duplicate-item' as const), at: fc.nat() }),
);

/** Applies mutations one after the other to a copy of `body`. */
export function mutate(body: unknown, mutations: readonly Mutation[]): unknown {
  let root = clone(body);
  for (const m of mutations) {
    const paths = allPaths(root);
    const path = paths[m.at % paths.length] ?? [];
    const slot = parentOf(root, path);
    switch (m.kind) {
      case 'replace':
        if (slot === undefined) root = clone(m.value);
        else slot.parent[slot.key] = clone(m.value);
        break;
      case 'remove':
        if (slot === undefined) break;
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key];
        break;
      case 'extra': {
        const target = slot === undefined ? root : slot.parent[slot.key];
        if (target !== null && typeof target === 'object' && !Array.isArray(target))
          Object.defineProperty(target, m.key, {
            value: clone(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        break;
      }
      case 'duplicate-item':
        if (slot !== undefined && Array.isArray(slot.parent)) slot.parent.push(clone(slot.parent[slot.key]));
        break;
    }
  }
  return root;
}

/** Cuts the text at a point given as a fraction of its length (0 ≤ cut < 1). */
export function truncate(text: string, cut: number): string {
  return text.slice(0, Math.floor(text.length * cut));
}
