/**
 * Which endpoints of a Service kube-proxy sends a packet to, per the EndpointSlice API and kube-proxy's
 * CategorizeEndpoints (pkg/proxy/topology.go): ready endpoints; when none is ready, the ones that are serving and
 * terminating ("ProxyTerminatingEndpoints", GA in 1.28). A policy "Local" first keeps only the endpoints on the
 * client's node, and the fallback applies to that subset. EndpointSlices count only with the
 * `kubernetes.io/service-name` label (the index keys slices by it), so a selector-less Service uses exactly the
 * slices written for it by hand.
 */
import type { Endpoint, EndpointSlice, IpFamily, Service, ServicePort } from '../../model/index.js';
import { ipFamily } from '../../net/ip.js';
import type { SnapshotIndex } from '../snapshot-index.js';

export interface ServiceEndpoint {
  readonly address: string;
  /** The port the endpoint listens on for this Service port (resolved per slice for a named targetPort). */
  readonly port: number | null;
  readonly endpoint: Endpoint;
  readonly slice: EndpointSlice;
  /** True when taken only because no endpoint was ready (serving and terminating). */
  readonly terminatingFallback: boolean;
}

export type EndpointSelection =
  | { readonly kind: 'endpoints'; readonly endpoints: readonly ServiceEndpoint[] }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'missing'; readonly collect: string };

export function endpointSlicesCommand(service: Service): string {
  return `kubectl get endpointslices -n ${service.namespace} -l kubernetes.io/service-name=${service.name} -o yaml`;
}

/** The Service port a packet to `port`/`protocol` uses (the only one when the port is not given). */
export function servicePortFor(
  service: Service,
  protocol: string,
  port: number | null,
): ServicePort | undefined {
  if (port === null) return service.ports.length === 1 ? service.ports[0] : undefined;
  return service.ports.find((p) => p.port === port && p.protocol === protocol);
}

/** The Service port whose nodePort is `port`. */
export function servicePortByNodePort(
  service: Service,
  protocol: string,
  port: number | null,
): ServicePort | undefined {
  return port === null
    ? undefined
    : service.ports.find((p) => p.nodePort === port && p.protocol === protocol);
}

/**
 * The endpoint port of a slice for a Service port: EndpointSlice ports carry the Service port's name and the
 * number it resolved to on these endpoints (a named targetPort may resolve differently per pod, one slice each).
 * A slice without that port name serves nothing on this Service port.
 */
function slicePort(slice: EndpointSlice, servicePort: ServicePort): number | null | undefined {
  const match = slice.ports.find(
    (p) => (p.name ?? '') === (servicePort.name ?? '') && p.protocol === servicePort.protocol,
  );
  if (match === undefined) return undefined;
  return match.port ?? (typeof servicePort.targetPort === 'number' ? servicePort.targetPort : null);
}

/**
 * The endpoints kube-proxy uses for a Service port, in slice-name then list order (deterministic). `onlyNode`
 * keeps the endpoints on that node (traffic policy Local); `why` names the policy in the reason.
 */
export function usableEndpoints(
  index: SnapshotIndex,
  service: Service,
  servicePort: ServicePort,
  family: IpFamily,
  onlyNode?: { readonly node: string | undefined; readonly why: string },
): EndpointSelection {
  const slices = index.endpointSlices(service.namespace, service.name);
  const name = `${service.namespace}/${service.name}`;
  if (slices.length === 0) {
    if (service.selector === undefined) {
      return {
        kind: 'none',
        reason: `Service ${name} has no selector and no EndpointSlice labelled kubernetes.io/service-name=${service.name}`,
      };
    }
    return { kind: 'missing', collect: endpointSlicesCommand(service) };
  }
  const familyType = family === 4 ? 'IPv4' : 'IPv6';
  const ready: ServiceEndpoint[] = [];
  const terminating: ServiceEndpoint[] = [];
  let portless = 0;
  for (const slice of slices) {
    if (slice.addressType !== familyType) continue;
    const port = slicePort(slice, servicePort);
    if (port === undefined) {
      portless += slice.endpoints.length;
      continue;
    }
    for (const endpoint of slice.endpoints) {
      if (onlyNode !== undefined && (onlyNode.node === undefined || endpoint.nodeName !== onlyNode.node))
        continue;
      for (const address of endpoint.addresses) {
        if (ipFamily(address) !== family) continue;
        if (endpoint.ready) ready.push({ address, port, endpoint, slice, terminatingFallback: false });
        else if (endpoint.serving && endpoint.terminating)
          terminating.push({ address, port, endpoint, slice, terminatingFallback: true });
      }
    }
  }
  if (ready.length > 0) return { kind: 'endpoints', endpoints: ready };
  if (terminating.length > 0) return { kind: 'endpoints', endpoints: terminating };
  const where = onlyNode === undefined ? '' : ` on node ${onlyNode.node ?? '(unknown)'} (${onlyNode.why})`;
  const portNote =
    portless > 0
      ? `; ${portless} endpoint(s) are in slices without port ${servicePort.name === undefined ? '(unnamed)' : `"${servicePort.name}"`}`
      : '';
  return {
    kind: 'none',
    reason: `Service ${name} has no ready (or serving and terminating) IPv${family} endpoint${where} for port ${servicePort.port}/${servicePort.protocol}${portNote}`,
  };
}

export function describeEndpoint(e: ServiceEndpoint): string {
  const ref = e.endpoint.targetRef;
  const owner = ref === undefined ? '' : ` (${ref.kind} ${ref.namespace ?? e.slice.namespace}/${ref.name})`;
  return `${e.address}:${e.port ?? '-'}${owner}`;
}
