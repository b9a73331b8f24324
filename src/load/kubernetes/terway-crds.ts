import { z } from 'zod';
import type { PodEip, PodNetworking } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { labelSelectorSchema, metadataSchema } from './schema.js';
import { toLabelSelector } from './selector.js';

const podNetworkingSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      selector: z
        .looseObject({
          podSelector: labelSelectorSchema.nullish(),
          namespaceSelector: labelSelectorSchema.nullish(),
        })
        .nullish(),
      vSwitchOptions: z.array(z.string()).nullish(),
      securityGroupIDs: z.array(z.string()).nullish(),
    })
    .optional(),
});

/** PodNetworking (network.alibabacloud.com/v1beta1), Terway repo docs/terway-trunk.md; cluster-scoped. */
export function readPodNetworking(doc: RawDocument, problems: LoadProblem[]): PodNetworking | undefined {
  const raw = validate(podNetworkingSchema, doc, problems, 'PodNetworking');
  if (!raw) return undefined;
  const selector = raw.spec?.selector;
  const at = ['spec', 'selector'];
  const podSelector = selector?.podSelector
    ? toLabelSelector(selector.podSelector, doc, [...at, 'podSelector'], problems)
    : undefined;
  const namespaceSelector = selector?.namespaceSelector
    ? toLabelSelector(selector.namespaceSelector, doc, [...at, 'namespaceSelector'], problems)
    : undefined;
  if ((selector?.podSelector && !podSelector) || (selector?.namespaceSelector && !namespaceSelector))
    return undefined;
  return {
    name: raw.metadata.name,
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    vSwitchIds: raw.spec?.vSwitchOptions ?? [],
    securityGroupIds: raw.spec?.securityGroupIDs ?? [],
    origin: originOf(doc),
  };
}

const podEipSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({ allocationID: z.string().optional() }).optional(),
  status: z
    .looseObject({
      eipAddress: z.string().optional(),
      networkInterfaceID: z.string().optional(),
      privateIPAddress: z.string().optional(),
      status: z.string().optional(),
    })
    .optional(),
});

/** PodEIP (alibabacloud.com/v1beta1), same name and namespace as its pod (alibaba-semantics.md §1.4). */
export function readPodEip(doc: RawDocument, problems: LoadProblem[]): PodEip | undefined {
  const raw = validate(podEipSchema, doc, problems, 'PodEIP');
  if (!raw) return undefined;
  const { spec, status } = raw;
  return {
    namespace: namespaceOf(raw.metadata, doc, problems, 'PodEIP'),
    name: raw.metadata.name,
    ...(spec?.allocationID === undefined ? {} : { allocationId: spec.allocationID }),
    ...(status?.eipAddress === undefined ? {} : { eipAddress: status.eipAddress }),
    ...(status?.networkInterfaceID === undefined ? {} : { networkInterfaceId: status.networkInterfaceID }),
    ...(status?.privateIPAddress === undefined ? {} : { privateIpAddress: status.privateIPAddress }),
    ...(status?.status === undefined ? {} : { status: status.status }),
    origin: originOf(doc),
  };
}
