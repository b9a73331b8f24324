import type { OwnerRef } from '../../model/kubernetes.js';
import type { Origin } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { problemAt } from './problems.js';
import type { Metadata } from './schema.js';

/**
 * The namespace of a namespaced object. `kubectl get` always prints it; a hand-written manifest may not, and then
 * `kubectl apply` would use `default`. That is said as a warning, never assumed silently.
 */
export function namespaceOf(
  metadata: Metadata,
  doc: RawDocument,
  problems: LoadProblem[],
  kind: string,
): string {
  if (metadata.namespace !== undefined) return metadata.namespace;
  problems.push(
    problemAt(doc, ['metadata'], {
      severity: 'warning',
      message: `${kind} ${metadata.name} has no metadata.namespace; read as namespace "default"`,
      expected: 'metadata.namespace, as kubectl get prints it',
      hint: 'use the raw output of kubectl get rather than a manifest',
    }),
  );
  return 'default';
}

/** The controller owner (ownerReferences with controller: true), else the first owner. */
export function controllerOwner(metadata: Metadata): OwnerRef | undefined {
  const refs = metadata.ownerReferences ?? [];
  const owner = refs.find((r) => r.controller === true) ?? refs[0];
  return owner === undefined ? undefined : { kind: owner.kind, name: owner.name };
}

export function originOf(doc: RawDocument): Origin {
  return doc.locate([]);
}
