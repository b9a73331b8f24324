import type { RawDocument } from '../raw-document.js';

/**
 * `kubectl get a,b -o yaml` prints a `List` (`kind: List`, or a typed list such as `PodList` from the API), whose
 * `items` are the objects. Each item becomes its own document whose paths start with `items[i]`, so problems and
 * origins still point into the file as written. Cloud responses have no `kind` and pass through unchanged.
 */
export function unwrapLists(doc: RawDocument): RawDocument[] {
  const list = doc.value;
  if (!isKubernetesList(list)) return [doc];
  const itemKind = list.kind === 'List' ? undefined : list.kind.slice(0, -'List'.length);
  return list.items.map((item, i) => ({
    file: doc.file,
    docIndex: doc.docIndex,
    value: withKind(item, itemKind, list.apiVersion),
    locate: (path) => doc.locate(['items', i, ...path]),
  }));
}

/**
 * Items of a typed list read from the API itself (`kubectl get --raw /api/v1/pods`) carry no kind or apiVersion:
 * they are the list's.
 */
function withKind(item: unknown, kind: string | undefined, apiVersion: string): unknown {
  if (kind === undefined || typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const record = item as Record<string, unknown>;
  if (record.kind !== undefined) return item;
  return { ...record, kind, apiVersion: record.apiVersion ?? apiVersion };
}

function isKubernetesList(value: unknown): value is { kind: string; apiVersion: string; items: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, apiVersion, items } = value as Record<string, unknown>;
  return (
    typeof kind === 'string' &&
    kind.endsWith('List') &&
    typeof apiVersion === 'string' &&
    Array.isArray(items)
  );
}
