import { z } from 'zod';
import type { Workload, WorkloadContainer } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import {
  isMetadata,
  isNullishArrayOf,
  isNullishStringArray,
  isObjectValue,
  isOptionalString,
} from './fast-shape.js';
import { controllerOwner, namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { metadataSchema } from './schema.js';

export const WORKLOAD_KINDS = ['DaemonSet', 'Deployment', 'StatefulSet', 'Job', 'ReplicaSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const containerSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  args: z.array(z.string()).nullish(),
  command: z.array(z.string()).nullish(),
  env: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).nullish(),
});

const schema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      template: z
        .looseObject({
          spec: z.looseObject({ containers: z.array(containerSchema).nullish() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** `schema` without zod, for the workloads of a large cluster (the rules: fast-shape.ts). Keep the two in step. */
export function isWorkloadShape(value: unknown): boolean {
  if (!isObjectValue(value) || !isMetadata(value.metadata)) return false;
  const spec = value.spec;
  if (spec === undefined) return true;
  if (!isObjectValue(spec)) return false;
  const template = spec.template;
  if (template === undefined) return true;
  if (!isObjectValue(template)) return false;
  const podSpec = template.spec;
  return (
    podSpec === undefined ||
    (isObjectValue(podSpec) && isNullishArrayOf(podSpec.containers, isContainerShape))
  );
}

function isContainerShape(container: Record<string, unknown>): boolean {
  return (
    typeof container.name === 'string' &&
    isOptionalString(container.image) &&
    isNullishStringArray(container.args) &&
    isNullishStringArray(container.command) &&
    isNullishArrayOf(container.env, (e) => typeof e.name === 'string' && isOptionalString(e.value))
  );
}

/** Kept for CNI detection (kube-system DaemonSets, their images) and to resolve a pod's workload. */
export function readWorkload(
  kind: WorkloadKind,
  doc: RawDocument,
  problems: LoadProblem[],
): Workload | undefined {
  const raw = validate(schema, doc, problems, kind, isWorkloadShape);
  if (!raw) return undefined;
  const containers: WorkloadContainer[] = (raw.spec?.template?.spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image ?? '',
    args: c.args ?? [],
    command: c.command ?? [],
    // Only literal values: valueFrom (secrets, fields) is not read.
    env: Object.fromEntries((c.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]]))),
  }));
  const owner = controllerOwner(raw.metadata);
  return {
    kind,
    namespace: namespaceOf(raw.metadata, doc, problems, kind),
    name: raw.metadata.name,
    labels: raw.metadata.labels ?? {},
    ...(owner === undefined ? {} : { owner }),
    containers,
    origin: originOf(doc),
  };
}
