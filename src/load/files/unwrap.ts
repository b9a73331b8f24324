import type { RawDocument } from '../raw-document.js';

/**
 * `kubectl get a,b -o yaml` prints a `List` (`kind: List`, or a typed list such as `PodList` from the API), whose
 * `items` are the objects. Each item becomes its own document whose paths start with `items[i]`, so problems and
 * origins still point into the file as written. Cloud responses have no `kind` and pass through unchanged.
 */
export function unwrapLists(doc: RawDocument): RawDocument[] {
  const list = doc.value;
  if (!isKubernetesList(list)) return [doc];
  return list.items.map((item, i) => listItemDocument(doc, list, i, item));
}

/** What a List says about its items: the kind and apiVersion an item without its own inherits. */
export interface ListHeader {
  readonly kind: string;
  readonly apiVersion: string;
}

/** Item `index` of the List `list` (read from the document `doc`) as its own document. */
export function listItemDocument(
  doc: RawDocument,
  list: ListHeader,
  index: number,
  item: unknown,
): RawDocument {
  const itemKind = list.kind === 'List' ? undefined : list.kind.slice(0, -'List'.length);
  return {
    file: doc.file,
    docIndex: doc.docIndex,
    value: withKind(item, itemKind, list.apiVersion),
    locate: (path) => doc.locate(['items', index, ...path]),
  };
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

/** A `List` header (kind `…List`, an apiVersion); its items are checked to be a list separately. */
export function isListHeader(value: unknown): value is ListHeader {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, apiVersion } = value as Record<string, unknown>;
  return typeof kind === 'string' && kind.endsWith('List') && typeof apiVersion === 'string';
}

function isKubernetesList(value: unknown): value is ListHeader & { items: unknown[] } {
  return isListHeader(value) && Array.isArray((value as unknown as Record<string, unknown>).items);
}
