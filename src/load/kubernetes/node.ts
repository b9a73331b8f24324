import { z } from 'zod';
import type { Node } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import {
  isMetadata,
  isNullishArrayOf,
  isNullishStringArray,
  isObjectValue,
  isOptionalString,
} from './fast-shape.js';
import { originOf } from './object.js';
import { validate } from './problems.js';
import { metadataSchema } from './schema.js';

const schema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      providerID: z.string().optional(),
      podCIDR: z.string().optional(),
      podCIDRs: z.array(z.string()).nullish(),
    })
    .optional(),
  status: z
    .looseObject({ addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).nullish() })
    .optional(),
});

/** `schema` without zod, for the nodes of a large cluster (the rules: fast-shape.ts). Keep the two in step. */
export function isNodeShape(value: unknown): boolean {
  if (!isObjectValue(value) || !isMetadata(value.metadata)) return false;
  const { spec, status } = value;
  if (
    spec !== undefined &&
    !(
      isObjectValue(spec) &&
      isOptionalString(spec.providerID) &&
      isOptionalString(spec.podCIDR) &&
      isNullishStringArray(spec.podCIDRs)
    )
  )
    return false;
  return (
    status === undefined ||
    (isObjectValue(status) &&
      isNullishArrayOf(status.addresses, (a) => typeof a.type === 'string' && typeof a.address === 'string'))
  );
}

export function readNode(doc: RawDocument, problems: LoadProblem[]): Node | undefined {
  const raw = validate(schema, doc, problems, 'Node', isNodeShape);
  if (!raw) return undefined;
  const { metadata, spec, status } = raw;
  const labels = metadata.labels ?? {};
  const addresses = status?.addresses ?? [];
  const providerId = spec?.providerID;
  const instanceId = providerId === undefined ? undefined : instanceIdFromProviderId(providerId);
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
  return {
    name: metadata.name,
    labels,
    annotations: metadata.annotations ?? {},
    internalIPs: addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
    externalIPs: addresses.filter((a) => a.type === 'ExternalIP').map((a) => a.address),
    ...(providerId === undefined ? {} : { providerId }),
    ...(instanceId === undefined ? {} : { instanceId }),
    podCIDRs: spec?.podCIDRs?.length ? spec.podCIDRs : spec?.podCIDR ? [spec.podCIDR] : [],
    ...(zone === undefined ? {} : { zone }),
    origin: originOf(doc),
  };
}

/** ACK writes `spec.providerID` as `<region>.<instance-id>`, e.g. `cn-hangzhou.i-bp67acfmxazb4p1abcde`. */
export function instanceIdFromProviderId(providerId: string): string | undefined {
  const last = providerId.slice(providerId.lastIndexOf('.') + 1);
  return last.startsWith('i-') ? last : undefined;
}

/** The region prefix of an ACK providerID (`cn-hangzhou.i-…` → `cn-hangzhou`). */
export function regionFromProviderId(providerId: string): string | undefined {
  const withoutScheme = providerId.replace(/^[a-z]+:\/\//, '');
  const dot = withoutScheme.indexOf('.');
  if (dot <= 0 || !withoutScheme.slice(dot + 1).startsWith('i-')) return undefined;
  return withoutScheme.slice(0, dot);
}
