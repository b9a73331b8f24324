import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Origin } from '../../model/origin.js';
import { formatPath } from '../../model/origin.js';

export type Locate = (path: readonly (string | number)[]) => Origin;

/**
 * Finds where the value at `path` is written. When the path goes further than the document (a missing field, as
 * in "metadata.name is required"), the deepest existing ancestor is cited: that is the object the user must edit.
 */
export function yamlLocator(file: string, doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    const node = deepestNode(doc, path);
    const offset = node?.range?.[0];
    const origin: Origin = { file, path: formatPath(path) };
    if (offset === undefined) return origin;
    const { line, col } = lineCounter.linePos(offset);
    return { ...origin, line, column: col };
  };
}

/** For documents read on the JSON fast path: no positions, only the path. */
export function pathOnlyLocator(file: string): Locate {
  return (path) => ({ file, path: formatPath(path) });
}

function deepestNode(doc: Document, path: readonly (string | number)[]): Node | undefined {
  let node = resolve(doc, doc.contents);
  for (const part of path) {
    if (node === undefined) return undefined;
    const next = child(doc, node, part);
    if (next === undefined) return node;
    node = next;
  }
  return node;
}

function resolve(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return resolve(doc, node.resolve(doc));
  return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
}

function child(doc: Document, node: Node, part: string | number): Node | undefined {
  if (isSeq(node) && typeof part === 'number') return resolve(doc, node.items[part]);
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(key) !== String(part)) continue;
    // `key:` with no value has no value node: cite the key instead.
    return resolve(doc, pair.value) ?? resolve(doc, pair.key);
  }
  return undefined;
}
