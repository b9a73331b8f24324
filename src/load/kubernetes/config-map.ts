import { z } from 'zod';
import type { ConfigMap } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { labelsSchema, metadataSchema } from './schema.js';

const schema = z.looseObject({ metadata: metadataSchema, data: labelsSchema.nullish() });

/**
 * kube-system ConfigMaps whose data decides cluster facts (alibaba-semantics.md §1, §2, §11). Any other ConfigMap
 * is kept by name only: application config has no bearing on reachability and may hold secrets.
 */
export function keepsData(namespace: string, name: string, data: Readonly<Record<string, string>>): boolean {
  if (namespace !== 'kube-system') return false;
  if (['coredns', 'eni-config', 'node-local-dns', 'ip-masq-agent', 'kube-flannel-cfg'].includes(name))
    return true;
  if (name.startsWith('eni-config-') || name.startsWith('kube-proxy')) return true;
  // Node-level Terway config (node label `terway-config: <name>`) may have any name; it holds `eni_conf`.
  return 'eni_conf' in data;
}

export function readConfigMap(doc: RawDocument, problems: LoadProblem[]): ConfigMap | undefined {
  const raw = validate(schema, doc, problems, 'ConfigMap');
  if (!raw) return undefined;
  const namespace = namespaceOf(raw.metadata, doc, problems, 'ConfigMap');
  const data = raw.data ?? {};
  if (!keepsData(namespace, raw.metadata.name, data)) {
    return { namespace, name: raw.metadata.name, data: {}, origin: originOf(doc) };
  }
  const dataOrigins = Object.fromEntries(Object.keys(data).map((key) => [key, doc.locate(['data', key])]));
  return { namespace, name: raw.metadata.name, data, dataOrigins, origin: originOf(doc) };
}
