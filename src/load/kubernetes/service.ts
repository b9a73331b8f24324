import { z } from 'zod';
import type { LoadBalancerIngress, Service, ServicePort } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { namespaceOf, originOf } from './object.js';
import { validate } from './problems.js';
import { labelsSchema, metadataSchema, portNumberSchema, protocolOf, protocolSchema } from './schema.js';

const schema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
      clusterIP: z.string().optional(),
      clusterIPs: z.array(z.string()).nullish(),
      selector: labelsSchema.nullish(),
      ports: z
        .array(
          z.looseObject({
            name: z.string().optional(),
            protocol: protocolSchema.optional(),
            port: portNumberSchema,
            targetPort: z.union([z.number().int(), z.string()]).optional(),
            nodePort: z.number().int().optional(),
          }),
        )
        .nullish(),
      externalIPs: z.array(z.string()).nullish(),
      externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      externalName: z.string().optional(),
    })
    .optional(),
  status: z
    .looseObject({
      loadBalancer: z
        .looseObject({
          ingress: z
            .array(
              z.looseObject({
                ip: z.string().optional(),
                hostname: z.string().optional(),
                ipMode: z.enum(['VIP', 'Proxy']).optional(),
              }),
            )
            .nullish(),
        })
        .optional(),
    })
    .optional(),
});

/**
 * API defaults applied (pkg/apis/core/v1/defaults.go): type ClusterIP, port protocol TCP, targetPort = port,
 * externalTrafficPolicy Cluster (it only matters for NodePort/LoadBalancer), internalTrafficPolicy Cluster.
 */
export function readService(doc: RawDocument, problems: LoadProblem[]): Service | undefined {
  const raw = validate(schema, doc, problems, 'Service');
  if (!raw) return undefined;
  const { metadata, spec, status } = raw;
  const type = spec?.type ?? 'ClusterIP';
  const written = spec?.clusterIPs?.length ? spec.clusterIPs : spec?.clusterIP ? [spec.clusterIP] : [];
  const headless = written.includes('None');
  const ports: ServicePort[] = (spec?.ports ?? []).map((p) => ({
    ...(p.name === undefined ? {} : { name: p.name }),
    protocol: protocolOf(p.protocol),
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
  }));
  const loadBalancerIngress: LoadBalancerIngress[] = (status?.loadBalancer?.ingress ?? []).map((i) => ({
    ...(i.ip === undefined ? {} : { ip: i.ip }),
    ...(i.hostname === undefined ? {} : { hostname: i.hostname }),
    ...(i.ipMode === undefined ? {} : { ipMode: i.ipMode }),
  }));
  return {
    namespace: namespaceOf(metadata, doc, problems, 'Service'),
    name: metadata.name,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    type,
    clusterIPs: type === 'ExternalName' ? [] : written.filter((ip) => ip !== 'None' && ip !== ''),
    headless,
    ...(spec?.selector ? { selector: spec.selector } : {}),
    ports,
    externalIPs: spec?.externalIPs ?? [],
    loadBalancerIngress,
    externalTrafficPolicy: spec?.externalTrafficPolicy ?? 'Cluster',
    internalTrafficPolicy: spec?.internalTrafficPolicy ?? 'Cluster',
    ...(spec?.externalName === undefined ? {} : { externalName: spec.externalName }),
    origin: originOf(doc),
  };
}
