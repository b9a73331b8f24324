/**
 * Facts no API holds, declared by the user in `world.yaml`: DNS answers for names outside the cluster and
 * the allow-lists of third parties. See docs/snapshot.md for the file format.
 */
import type { Origin } from './origin.js';
import type { Protocol } from './protocol.js';

export interface DnsRecordSet {
  /** Fully qualified, lower-case, without the trailing dot. */
  readonly name: string;
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
  readonly cname?: string;
  readonly nxdomain: boolean;
  readonly origin: Origin;
}

export interface ThirdPartyAllowList {
  readonly name: string;
  /** The destination's addresses (IPs or CIDRs) and, optionally, names. */
  readonly addresses: readonly string[];
  readonly ports: readonly number[];
  readonly protocol: Protocol;
  /** Source CIDRs the third party admits. */
  readonly allowedSources: readonly string[];
  readonly origin: Origin;
}

/**
 * An Alibaba Cloud DNS PrivateZone zone: authoritative for its names, but only for queries that reach the VPC DNS
 * (100.100.2.136/138) from a VPC the zone is bound to (alibaba-semantics.md §11).
 */
export interface PrivateZone {
  /** Lower-case, without the trailing dot. */
  readonly zone: string;
  /** The VPCs the zone is bound to. */
  readonly vpcs: readonly string[];
  /** Names inside the zone; a name of the zone without a record is NXDOMAIN. */
  readonly records: readonly DnsRecordSet[];
  readonly origin: Origin;
}

export interface World {
  readonly dns: readonly DnsRecordSet[];
  readonly allowLists: readonly ThirdPartyAllowList[];
  /** Absent means none declared. */
  readonly privateZones?: readonly PrivateZone[];
}
