import { z } from 'zod';
import type { Endpoint, EndpointSlice } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import {
  isMetadata,
  isNullishArrayOf,
  isNullishBoolean,
  isObjectValue,
  isOptionalProtocol,
  isOptionalSafeInteger,
  isOptionalString,
  isStringArray,
} from './fast-shape.js';
import { namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { metadataSchema, protocolOf, protocolSchema } from './schema.js';

const schema = z.looseObject({
  metadata: metadataSchema,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z
    .array(
      z.looseObject({
        addresses: z.array(z.string()),
        conditions: z
          .looseObject({
            ready: z.boolean().nullish(),
            serving: z.boolean().nullish(),
            terminating: z.boolean().nullish(),
          })
          .optional(),
        nodeName: z.string().optional(),
        targetRef: z
          .looseObject({ kind: z.string(), namespace: z.string().optional(), name: z.string() })
          .optional(),
      }),
    )
    .nullish(),
  ports: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        port: z.number().int().optional(),
        protocol: protocolSchema.optional(),
      }),
    )
    .nullish(),
});

const ADDRESS_TYPES: ReadonlySet<unknown> = new Set(['IPv4', 'IPv6', 'FQDN']);

/** `schema` without zod, for the slices of a large cluster (the rules: fast-shape.ts). Keep the two in step. */
export function isEndpointSliceShape(value: unknown): boolean {
  return (
    isObjectValue(value) &&
    isMetadata(value.metadata) &&
    ADDRESS_TYPES.has(value.addressType) &&
    isNullishArrayOf(value.endpoints, isEndpointShape) &&
    isNullishArrayOf(
      value.ports,
      (p) => isOptionalString(p.name) && isOptionalSafeInteger(p.port) && isOptionalProtocol(p.protocol),
    )
  );
}

function isEndpointShape(endpoint: Record<string, unknown>): boolean {
  const { conditions, targetRef } = endpoint;
  return (
    isStringArray(endpoint.addresses) &&
    (conditions === undefined ||
      (isObjectValue(conditions) &&
        isNullishBoolean(conditions.ready) &&
        isNullishBoolean(conditions.serving) &&
        isNullishBoolean(conditions.terminating))) &&
    isOptionalString(endpoint.nodeName) &&
    (targetRef === undefined ||
      (isObjectValue(targetRef) &&
        typeof targetRef.kind === 'string' &&
        isOptionalString(targetRef.namespace) &&
        typeof targetRef.name === 'string'))
  );
}

/**
 * Condition defaults from the EndpointSlice API (discovery.k8s.io/v1 EndpointConditions): a nil `ready` is true,
 * a nil `serving` defers to `ready`, a nil `terminating` is false.
 */
export function readEndpointSlice(doc: RawDocument, problems: LoadProblem[]): EndpointSlice | undefined {
  const raw = validate(schema, doc, problems, 'EndpointSlice', isEndpointSliceShape);
  if (!raw) return undefined;
  const endpoints: Endpoint[] = (raw.endpoints ?? []).map((e) => {
    const ready = e.conditions?.ready ?? true;
    const target = e.targetRef;
    return {
      addresses: e.addresses,
      ready,
      serving: e.conditions?.serving ?? ready,
      terminating: e.conditions?.terminating ?? false,
      ...(e.nodeName === undefined ? {} : { nodeName: e.nodeName }),
      ...(target === undefined
        ? {}
        : {
            targetRef: {
              kind: target.kind,
              name: target.name,
              ...(target.namespace === undefined ? {} : { namespace: target.namespace }),
            },
          }),
    };
  });
  const serviceName = raw.metadata.labels?.['kubernetes.io/service-name'];
  return {
    namespace: namespaceOf(raw.metadata, doc, problems, 'EndpointSlice'),
    name: raw.metadata.name,
    ...(serviceName === undefined ? {} : { serviceName }),
    addressType: raw.addressType,
    endpoints,
    ports: (raw.ports ?? []).map((p) => ({
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.port === undefined ? {} : { port: p.port }),
      protocol: protocolOf(p.protocol),
    })),
    origin: originOf(doc),
  };
}
