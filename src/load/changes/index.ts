/**
 * The what-if change file (docs/whatif.md): a YAML stream whose `apiVersion: podreach/v1, kind: Changes` documents
 * list Alibaba Cloud and cluster changes, one key per item (items.ts), and whose other documents are extra or
 * replacement Kubernetes manifests (`kubectl get -o yaml` shapes; same kind, namespace and name replaces). Errors
 * are values: one line each, `FILE:LINE: changes[N]: ITEM.FIELD: what was expected`, the line being the field's
 * (else the item's) in the file.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments, stringify } from 'yaml';
import type { SnapshotChange } from '../../remedy/change.js';
import { ITEM_KEYS, type ItemKey, toChange } from './items.js';

export type ChangeFileResult =
  | { readonly ok: true; readonly changes: readonly SnapshotChange[] }
  | { readonly ok: false; readonly errors: readonly string[] };

function isChangesDocument(value: unknown): value is { kind: string; changes?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>).kind === 'Changes' &&
    (value as Record<string, unknown>).apiVersion === 'podreach/v1'
  );
}

/** For a document whose apiVersion is podreach/…, but not podreach/v1 Changes: the field at fault and what was found. */
function podreachMismatch(value: unknown): { field: 'apiVersion' | 'kind'; found: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { apiVersion, kind } = value as Record<string, unknown>;
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('podreach/')) return undefined;
  const found = `${apiVersion}, ${String(kind)}`;
  return { field: apiVersion === 'podreach/v1' ? 'kind' : 'apiVersion', found };
}

/** The node at `path` under `node` (map keys and sequence indexes), as deep as the path exists. */
function deepest(node: unknown, path: readonly (string | number)[]): Node | undefined {
  let current = node as Node | undefined;
  for (const step of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
      if (pair === undefined) return current;
      // The line of the field is the line of its key.
      const next = pair.value as Node | null;
      if (next === null || isScalar(next)) return (pair.key as Node | null) ?? current;
      current = next;
    } else if (isSeq(current) && typeof step === 'number') {
      const next = current.items[step] as Node | undefined;
      if (next === undefined) return current;
      current = next;
    } else return current;
  }
  return current;
}

/** Parses one change file. Kubernetes documents become one `kubernetes-manifests` change, after the others. */
export function parseChangeFile(file: string, text: string): ChangeFileResult {
  const errors: string[] = [];
  const changes: SnapshotChange[] = [];
  const manifests: unknown[] = [];
  const lines = new LineCounter();
  const lineOf = (node: Node | undefined, fallback: number): number =>
    node?.range === undefined || node.range === null ? fallback : lines.linePos(node.range[0]).line;
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, docIndex) => {
    const docLine = lineOf((doc.contents ?? undefined) as Node | undefined, 1);
    for (const e of doc.errors) {
      const line = e.linePos?.[0].line ?? docLine;
      errors.push(`${file}:${line}: document ${docIndex + 1}: ${e.message.split('\n')[0]}`);
    }
    if (doc.errors.length > 0) return;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    if (!isChangesDocument(value)) {
      // A podreach document of another kind or version is a typo, not a Kubernetes object: say so at its line.
      const wrong = podreachMismatch(value);
      if (wrong !== undefined) {
        const field = doc.get(wrong.field, true) as Node | undefined;
        const at = isScalar(field) ? lineOf(field, docLine) : docLine;
        errors.push(
          `${file}:${at}: document ${docIndex + 1}: a podreach document is apiVersion: podreach/v1, kind: Changes; found ${wrong.found}`,
        );
        return;
      }
      manifests.push(value);
      return;
    }
    const items = value.changes;
    const seq = doc.get('changes', true) as Node | undefined;
    if (!Array.isArray(items) || !isSeq(seq)) {
      errors.push(`${file}:${lineOf(seq, docLine)}: document ${docIndex + 1}: changes must be a list`);
      return;
    }
    items.forEach((item, i) => {
      const node = seq.items[i] as Node | undefined;
      const itemLine = lineOf(node, docLine);
      const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
      const key = keys[0];
      if (keys.length !== 1 || key === undefined || !ITEM_KEYS.includes(key as ItemKey)) {
        errors.push(
          `${file}:${itemLine}: changes[${i}]: expected one key of ${ITEM_KEYS.join(', ')}; found ${keys.join(', ') || 'none'}`,
        );
        return;
      }
      const change = toChange(key as ItemKey, (item as Record<string, unknown>)[key]);
      if (!Array.isArray(change)) {
        changes.push(change as SnapshotChange);
        return;
      }
      for (const e of change) {
        const line = lineOf(deepest(node, [key, ...e.path]), itemLine);
        errors.push(`${file}:${line}: changes[${i}]: ${[key, ...e.path].join('.')}: ${e.message}`);
      }
    });
  });
  if (manifests.length > 0) {
    changes.push({
      kind: 'kubernetes-manifests',
      file,
      yaml: manifests.map((m) => stringify(m)).join('---\n'),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (changes.length === 0)
    return { ok: false, errors: [`${file}: no change and no Kubernetes object in the file`] };
  return { ok: true, changes };
}
