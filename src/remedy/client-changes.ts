/**
 * Fixes that change what the client asks, not the cluster: proven by tracing the corrected query (like
 * `use-service-name`). A name that does not exist → a close name the snapshot knows (names.ts); a destination asked
 * in an address family the pod cannot use → the same destination in the pod's other family.
 */
import type { Query, Service } from '../model/index.js';
import { ipFamily } from '../net/ip.js';
import type { BlockerContext, Candidate } from './candidates.js';
import { sourceDetails, sourcePod } from './candidates.js';
import { closeNames } from './names.js';

/** NXDOMAIN: the closest names that exist, each proven by tracing it instead. */
export function useNameCandidates(ctx: BlockerContext): Candidate[] {
  const to = ctx.query.to;
  if (to.kind !== 'name') return [];
  const namespace = sourcePod(ctx)?.namespace;
  return closeNames(ctx.snapshot, to.name, namespace).map((close) => ({
    kind: 'use-name',
    summary: `connect to ${close.name} instead of ${to.name}, which does not exist (${close.why})`,
    tradeoffs:
      'no infrastructure change; the client must be reconfigured; podreach matched the name by spelling or namespace, so check it is the destination you meant',
    changes: [],
    query: { ...ctx.query, to: { kind: 'name', name: close.name } },
  }));
}

function serviceWithAddress(services: readonly Service[], address: string): Service | undefined {
  return services.find((s) => s.clusterIPs.includes(address));
}

/**
 * The destination in the other family, when the pod has an address of that family: a name or Service is asked
 * again with that family; a pod or Service address is replaced by the same pod's or Service's other address.
 */
export function otherFamilyCandidates(ctx: BlockerContext, family: 4 | 6): Candidate[] {
  const other: 4 | 6 = family === 4 ? 6 : 4;
  const src = sourceDetails(ctx.trace);
  if ((other === 4 ? src.ipv4 : src.ipv6) === null) return [];
  const to = ctx.query.to;
  const kind = other === 4 ? 'use-ipv4-address' : 'use-ipv6-address';
  const tradeoffs = `no infrastructure change; the client must be reconfigured to use IPv${other}`;
  if (to.kind === 'name' || to.kind === 'service' || to.kind === 'pod') {
    const what =
      to.kind === 'name' ? to.name : `${to.kind === 'service' ? 'svc/' : ''}${to.namespace}/${to.name}`;
    const query: Query = { ...ctx.query, family: other };
    return [
      {
        kind,
        summary: `connect to ${what} over IPv${other}, not IPv${family}`,
        tradeoffs,
        changes: [],
        query,
      },
    ];
  }
  if (to.kind !== 'address' || ipFamily(to.address) !== family) return [];
  const k8s = ctx.snapshot.kubernetes;
  const pod = k8s.pods.find((p) => !p.hostNetwork && p.ips.includes(to.address));
  const service = pod === undefined ? serviceWithAddress(k8s.services, to.address) : undefined;
  const owner = pod === undefined ? service : pod;
  const addresses = pod?.ips ?? service?.clusterIPs ?? [];
  const address = addresses.find((a) => ipFamily(a) === other);
  if (owner === undefined || address === undefined) return [];
  const ownerText = `${pod === undefined ? 'Service' : 'pod'} ${owner.namespace}/${owner.name}`;
  return [
    {
      kind,
      summary: `connect to ${address}, the IPv${other} address of ${ownerText}, instead of ${to.address}`,
      tradeoffs,
      changes: [],
      query: { ...ctx.query, to: { kind: 'address', address }, family: other },
    },
  ];
}
