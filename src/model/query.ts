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
  /**
   * DNS answers declared on the command line (`--resolve NAME=ADDR`) or asked of the machine's resolver by the CLI
   * (`--live-dns`): they win over every other source of answers for that exact name.
   */
  readonly dnsOverrides?: readonly DnsOverride[];
}

export interface DnsOverride {
  /** Lower-case, without the trailing dot. */
  readonly name: string;
  readonly addresses: readonly string[];
  /** The name does not exist (live lookup answered NXDOMAIN/NOTFOUND). */
  readonly nxdomain?: boolean;
  /** `resolve`: --resolve on the command line; `live`: the machine's resolver, asked by the CLI at run time. */
  readonly source: 'resolve' | 'live';
}

export type { IpFamily, Protocol };
