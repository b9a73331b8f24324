import { z } from 'zod';
import type { Protocol } from '../../model/protocol.js';

/** Schemas of only the fields podreach reads; `looseObject` lets every other field through untouched. */

export const labelsSchema = z.record(z.string(), z.string());

export const ownerReferenceSchema = z.looseObject({
  kind: z.string(),
  name: z.string(),
  controller: z.boolean().optional(),
});

export const metadataSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: labelsSchema.nullish(),
  annotations: labelsSchema.nullish(),
  ownerReferences: z.array(ownerReferenceSchema).nullish(),
});

export const protocolSchema = z.enum(['TCP', 'UDP', 'SCTP']);

export const portNumberSchema = z.number().int().min(1).max(65535);

export const labelSelectorRequirementSchema = z.looseObject({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).nullish(),
});

export const labelSelectorSchema = z.looseObject({
  matchLabels: labelsSchema.nullish(),
  matchExpressions: z.array(labelSelectorRequirementSchema).nullish(),
});

/** API default: a port without a protocol is TCP. */
export function protocolOf(value: 'TCP' | 'UDP' | 'SCTP' | undefined | null): Protocol {
  return value === 'UDP' ? 'udp' : value === 'SCTP' ? 'sctp' : 'tcp';
}

export type Metadata = z.infer<typeof metadataSchema>;
