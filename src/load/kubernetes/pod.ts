import { z } from 'zod';
import type { ContainerPort, DnsPolicy, Pod, PodDnsConfig } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import {
  isMetadata,
  isNullishArrayOf,
  isNullishStringArray,
  isObjectValue,
  isOptionalBoolean,
  isOptionalProtocol,
  isOptionalString,
  isPortNumber,
} from './fast-shape.js';
import { controllerOwner, namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { metadataSchema, portNumberSchema, protocolOf, protocolSchema } from './schema.js';

const containerSchema = z.looseObject({
  name: z.string(),
  ports: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        containerPort: portNumberSchema,
        protocol: protocolSchema.optional(),
      }),
    )
    .nullish(),
});

const schema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      nodeName: z.string().optional(),
      hostNetwork: z.boolean().optional(),
      dnsPolicy: z.enum(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']).optional(),
      dnsConfig: z
        .looseObject({
          nameservers: z.array(z.string()).nullish(),
          searches: z.array(z.string()).nullish(),
          options: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).nullish(),
        })
        .optional(),
      containers: z.array(containerSchema).nullish(),
    })
    .optional(),
  status: z
    .looseObject({
      podIP: z.string().optional(),
      podIPs: z.array(z.looseObject({ ip: z.string() })).nullish(),
      hostIP: z.string().optional(),
      phase: z.string().optional(),
    })
    .optional(),
});

const DNS_POLICIES: ReadonlySet<unknown> = new Set([
  'ClusterFirst',
  'ClusterFirstWithHostNet',
  'Default',
  'None',
]);

/** `schema` without zod, for the pods of a large cluster (the rules: fast-shape.ts). Keep the two in step. */
export function isPodShape(value: unknown): boolean {
  if (!isObjectValue(value) || !isMetadata(value.metadata)) return false;
  const { spec, status } = value;
  if (spec !== undefined) {
    if (!isObjectValue(spec)) return false;
    if (!isOptionalString(spec.nodeName) || !isOptionalBoolean(spec.hostNetwork)) return false;
    if (spec.dnsPolicy !== undefined && !DNS_POLICIES.has(spec.dnsPolicy)) return false;
    const dnsConfig = spec.dnsConfig;
    if (
      dnsConfig !== undefined &&
      !(
        isObjectValue(dnsConfig) &&
        isNullishStringArray(dnsConfig.nameservers) &&
        isNullishStringArray(dnsConfig.searches) &&
        isNullishArrayOf(dnsConfig.options, (o) => typeof o.name === 'string' && isOptionalString(o.value))
      )
    )
      return false;
    if (!isNullishArrayOf(spec.containers, isContainerShape)) return false;
  }
  if (status !== undefined) {
    if (!isObjectValue(status)) return false;
    if (
      !isOptionalString(status.podIP) ||
      !isOptionalString(status.hostIP) ||
      !isOptionalString(status.phase)
    )
      return false;
    if (!isNullishArrayOf(status.podIPs, (p) => typeof p.ip === 'string')) return false;
  }
  return true;
}

function isContainerShape(container: Record<string, unknown>): boolean {
  return (
    typeof container.name === 'string' &&
    isNullishArrayOf(
      container.ports,
      (p) => isOptionalString(p.name) && isPortNumber(p.containerPort) && isOptionalProtocol(p.protocol),
    )
  );
}

export function readPod(doc: RawDocument, problems: LoadProblem[]): Pod | undefined {
  const raw = validate(schema, doc, problems, 'Pod', isPodShape);
  if (!raw) return undefined;
  const { metadata, spec, status } = raw;
  const ips = status?.podIPs?.length ? status.podIPs.map((p) => p.ip) : status?.podIP ? [status.podIP] : [];
  const containerPorts: ContainerPort[] = (spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      ...(p.name === undefined ? {} : { name: p.name }),
      containerPort: p.containerPort,
      protocol: protocolOf(p.protocol),
    })),
  );
  const owner = controllerOwner(metadata);
  // API default: dnsPolicy ClusterFirst (k8s.io/kubernetes pkg/apis/core/v1/defaults.go SetDefaults_PodSpec).
  const dnsPolicy: DnsPolicy = spec?.dnsPolicy ?? 'ClusterFirst';
  const dnsConfig: PodDnsConfig | undefined = spec?.dnsConfig
    ? {
        nameservers: spec.dnsConfig.nameservers ?? [],
        searches: spec.dnsConfig.searches ?? [],
        options: (spec.dnsConfig.options ?? []).map((o) =>
          o.value === undefined ? { name: o.name } : { name: o.name, value: o.value },
        ),
      }
    : undefined;
  return {
    namespace: namespaceOf(metadata, doc, problems, 'Pod'),
    name: metadata.name,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    ...(spec?.nodeName === undefined ? {} : { nodeName: spec.nodeName }),
    hostNetwork: spec?.hostNetwork ?? false,
    ips,
    ...(status?.hostIP === undefined ? {} : { hostIP: status.hostIP }),
    ...(status?.phase === undefined ? {} : { phase: status.phase }),
    dnsPolicy,
    ...(dnsConfig === undefined ? {} : { dnsConfig }),
    containerPorts,
    ...(owner === undefined ? {} : { owner }),
    origin: originOf(doc),
  };
}
