/**
 * Pieces of cloud resources collected while documents are read, per snapshot builder. A resource may arrive in
 * several responses (a security group's type in DescribeSecurityGroups, its rules in DescribeSecurityGroupAttribute)
 * and a paged list may be split over several files, so pieces are keyed by resource id and assembled in `finish`.
 */
import type * as cloud from '../../model/cloud.js';
import { formatOrigin, type Origin } from '../../model/origin.js';
import type { SnapshotBuilder } from '../snapshot-builder.js';
import { type BodyContext, type Path, reportWarning } from './context.js';

export interface Piece<T> {
  readonly value: T;
  readonly origin: Origin;
}

/** JSON of a record without its origins: two pieces with equal fingerprints say the same thing. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === 'origin' ? undefined : inner));
}

/**
 * Pieces of one kind, keyed by id. An identical repeat (the same page saved twice, overlapping pages) is dropped
 * silently; a repeat with different content is a warning naming both places, and the first one is kept.
 */
export class PieceMap<T> {
  // A fingerprint is a JSON.stringify of the piece: computed only when the same id comes again (10,000 ENIs, once).
  readonly #pieces = new Map<string, Piece<T> & { fingerprint?: string }>();

  constructor(readonly noun: string) {}

  /**
   * `merge` joins two pieces of one paged resource (e.g. a security group's rules over two NextToken pages); it
   * returns `undefined` when they contradict each other.
   */
  add(
    ctx: BodyContext,
    id: string,
    path: Path,
    value: T,
    origin: Origin,
    merge?: (first: T, next: T) => T | undefined,
  ): void {
    const existing = this.#pieces.get(id);
    if (existing === undefined) {
      this.#pieces.set(id, { value, origin });
      return;
    }
    existing.fingerprint ??= fingerprint(existing.value);
    if (existing.fingerprint === fingerprint(value)) return;
    const merged = merge?.(existing.value, value);
    if (merged !== undefined) {
      this.#pieces.set(id, { value: merged, origin: existing.origin });
      return;
    }
    reportWarning(ctx, path, {
      message: `${this.noun} ${id} is also listed at ${formatOrigin(existing.origin)} with different content; the first one is kept`,
      hint: 'keep one response per resource, taken at the same moment',
    });
  }

  get(id: string): Piece<T> | undefined {
    return this.#pieces.get(id);
  }

  has(id: string): boolean {
    return this.#pieces.has(id);
  }

  get size(): number {
    return this.#pieces.size;
  }

  /** Ids in a stable order, so the snapshot does not depend on file order. */
  ids(): string[] {
    return [...this.#pieces.keys()].sort();
  }

  /** Values ordered by id. */
  values(): T[] {
    return this.ids().map((id) => (this.#pieces.get(id) as Piece<T>).value);
  }
}

export interface SecurityGroupBase {
  readonly id: string;
  readonly name?: string;
  readonly type?: 'normal' | 'enterprise';
  readonly vpcId?: string;
}

export interface SecurityGroupRules {
  readonly id: string;
  readonly name?: string;
  readonly vpcId?: string;
  readonly innerAccessPolicy?: 'accept' | 'drop';
  readonly rules: readonly cloud.SecurityGroupRule[];
}

export interface RdsBase {
  readonly id: string;
  readonly description?: string;
  readonly engine?: string;
  readonly engineVersion?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly status?: string;
}

export interface RdsNetInfo {
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly connections: cloud.RdsInstance['connections'];
}

export interface LoadBalancerBase {
  readonly id: string;
  readonly name?: string;
  readonly address?: string;
  readonly addressType?: string;
  readonly addressIpVersion?: string;
  readonly vpcId?: string;
  readonly vSwitchId?: string;
  readonly status?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface LoadBalancerAttribute extends LoadBalancerBase {
  readonly backends: NonNullable<cloud.LoadBalancer['backends']>;
  /** Listeners as the attribute body lists them: port and protocol only. */
  readonly listeners: readonly ListenerPiece[];
}

/** A listener as one response tells it; `protocol` is absent when that response does not say. */
export interface ListenerPiece {
  readonly loadBalancerId: string;
  readonly port: number;
  readonly protocol?: string;
  readonly backendPort?: number;
  readonly aclStatus?: 'on' | 'off';
  readonly aclType?: 'white' | 'black';
  readonly aclIds?: readonly string[];
  readonly origin: Origin;
}

export interface AlibabaState {
  readonly clusters: PieceMap<cloud.ClusterDetail>;
  readonly vpcs: PieceMap<cloud.Vpc>;
  readonly vSwitches: PieceMap<cloud.VSwitch>;
  readonly routeTables: PieceMap<cloud.RouteTable>;
  readonly routeEntries: PieceMap<cloud.RouteEntry>;
  readonly natGateways: PieceMap<cloud.NatGateway>;
  readonly snatEntries: PieceMap<cloud.SnatEntry>;
  readonly eips: PieceMap<cloud.Eip>;
  readonly ipv6Addresses: PieceMap<cloud.Ipv6Address>;
  readonly ipv6Gateways: PieceMap<cloud.Ipv6Gateway>;
  readonly networkAcls: PieceMap<cloud.NetworkAcl>;
  readonly ecsInstances: PieceMap<cloud.EcsInstance>;
  /** ENIs from DescribeNetworkInterfaces: the full view. */
  readonly networkInterfaces: PieceMap<cloud.NetworkInterface>;
  /** ENIs embedded in DescribeInstances: used only for ENIs DescribeNetworkInterfaces does not cover. */
  readonly embeddedNetworkInterfaces: PieceMap<cloud.NetworkInterface>;
  readonly securityGroupBases: PieceMap<SecurityGroupBase>;
  readonly securityGroupRules: PieceMap<SecurityGroupRules>;
  readonly rdsBases: PieceMap<RdsBase>;
  readonly rdsNetInfos: PieceMap<RdsNetInfo>;
  readonly rdsWhitelists: PieceMap<readonly cloud.RdsWhitelistGroup[]>;
  readonly loadBalancerBases: PieceMap<LoadBalancerBase>;
  readonly loadBalancerAttributes: PieceMap<LoadBalancerAttribute>;
  /** From the listener attribute bodies, keyed by `lb-id:port:protocol` (protocol `?` when unknown). */
  readonly listeners: PieceMap<ListenerPiece>;
  /** From DescribeLoadBalancerListeners, keyed the same way. */
  readonly listenerSummaries: PieceMap<ListenerPiece>;
  readonly accessControlLists: PieceMap<cloud.AccessControlList>;
  finished: boolean;
}

function emptyState(): AlibabaState {
  return {
    clusters: new PieceMap('cluster'),
    vpcs: new PieceMap('VPC'),
    vSwitches: new PieceMap('vSwitch'),
    routeTables: new PieceMap('route table'),
    routeEntries: new PieceMap('route entry'),
    natGateways: new PieceMap('NAT gateway'),
    snatEntries: new PieceMap('SNAT entry'),
    eips: new PieceMap('EIP'),
    ipv6Addresses: new PieceMap('IPv6 address'),
    ipv6Gateways: new PieceMap('IPv6 gateway'),
    networkAcls: new PieceMap('network ACL'),
    ecsInstances: new PieceMap('ECS instance'),
    networkInterfaces: new PieceMap('network interface'),
    embeddedNetworkInterfaces: new PieceMap('network interface'),
    securityGroupBases: new PieceMap('security group'),
    securityGroupRules: new PieceMap('security group'),
    rdsBases: new PieceMap('RDS instance'),
    rdsNetInfos: new PieceMap('RDS instance'),
    rdsWhitelists: new PieceMap('RDS whitelist of'),
    loadBalancerBases: new PieceMap('load balancer'),
    loadBalancerAttributes: new PieceMap('load balancer'),
    listeners: new PieceMap('listener'),
    listenerSummaries: new PieceMap('listener'),
    accessControlLists: new PieceMap('access control list'),
    finished: false,
  };
}

const states = new WeakMap<SnapshotBuilder, AlibabaState>();

/** The pieces collected for this builder (one snapshot being loaded). */
export function stateOf(builder: SnapshotBuilder): AlibabaState {
  let state = states.get(builder);
  if (state === undefined) {
    state = emptyState();
    states.set(builder, state);
  }
  return state;
}

/** The pieces, or `undefined` when no Alibaba document was loaded into this builder. */
export function existingStateOf(builder: SnapshotBuilder): AlibabaState | undefined {
  return states.get(builder);
}
