import { z } from 'zod';
import type { Namespace } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { originOf } from './object.js';
import { validate } from './problems.js';
import { metadataSchema } from './schema.js';

const schema = z.looseObject({ metadata: metadataSchema });

/** The API server always sets `kubernetes.io/metadata.name` (Kubernetes ≥ 1.21); older dumps may lack it. */
export function readNamespace(doc: RawDocument, problems: LoadProblem[]): Namespace | undefined {
  const raw = validate(schema, doc, problems, 'Namespace');
  if (!raw) return undefined;
  const labels = { ...(raw.metadata.labels ?? {}), 'kubernetes.io/metadata.name': raw.metadata.name };
  return { name: raw.metadata.name, labels, origin: originOf(doc) };
}
