import type { IpFamily, Protocol } from './protocol.js';

/** Where a traced packet starts. */
export type QuerySource =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | {
      readonly kind: 'workload';
      readonly namespace: string;
      readonly workloadKind: 'deployment' | 'statefulset' | 'daemonset' | 'job';
      readonly name: string;
    }
  | { readonly kind: 'address'; readonly address: string };

/** Where it should arrive. */
export type QueryDestination =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'service'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'cloud-resource'; readonly id: string };

export interface Query {
  readonly from: QuerySource;
  readonly to: QueryDestination;
  readonly protocol: Protocol;
  /** Required for tcp/udp/sctp unless the destination implies one (RDS engine port); null for icmp. */
  readonly port: number | null;
  /** Restricts the address family; absent means: the family the destination resolves to, IPv4 first. */
  readonly family?: 4 | 6;
}

export type { IpFamily, Protocol };
