import type { RawDocument } from '../raw-document.js';

/**
 * `kubectl get a,b -o yaml` prints a `List` (`kind: List`, or a typed list such as `PodList` from the API), whose
 * `items` are the objects. Each item becomes its own document whose paths start with `items[i]`, so problems and
 * origins still point into the file as written. Cloud responses have no `kind` and pass through unchanged.
 */
export function unwrapLists(doc: RawDocument): RawDocument[] {
  if (!isKubernetesList(doc.value)) return [doc];
  return doc.value.items.map((item, i) => ({
    file: doc.file,
    docIndex: doc.docIndex,
    value: item,
    locate: (path) => doc.locate(['items', i, ...path]),
  }));
}

function isKubernetesList(value: unknown): value is { kind: string; items: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, apiVersion, items } = value as Record<string, unknown>;
  return (
    typeof kind === 'string' &&
    kind.endsWith('List') &&
    typeof apiVersion === 'string' &&
    Array.isArray(items)
  );
}
