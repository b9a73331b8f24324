/**
 * The state one trace carries from hop to hop: the packet as it stands, what the source and the destination are,
 * and the assumptions and missing data gathered so far. Hop modules read it, append their hop, and update the
 * packet; the assembler turns it into a Trace.
 */
import type {
  Assumption,
  Cni,
  EcsInstance,
  Fact,
  Hop,
  HopKind,
  HopResult,
  IpFamily,
  LoadBalancer,
  MissingData,
  NetworkInterface,
  Node,
  Origin,
  Packet,
  Pod,
  Query,
  RdsInstance,
  ResourceRef,
  RuleRef,
  Service,
  Snapshot,
  TerwayMode,
  VSwitch,
} from '../model/index.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** The groups that filter the source's traffic, and where that list came from. */
export type SourceGroups =
  | { readonly known: true; readonly ids: readonly string[]; readonly from: string; readonly origin?: Origin }
  | { readonly known: false; readonly what: string; readonly collect: string };

export interface SourceInfo {
  readonly kind: 'pod' | 'address';
  /** `ns/name` for a pod, the address otherwise. */
  readonly label: string;
  readonly pod?: Pod;
  readonly node?: Node;
  readonly instance?: EcsInstance;
  /** The ENI the source's traffic leaves by (the pod's for Terway, the node's primary for Flannel/hostNetwork). */
  readonly eni?: NetworkInterface;
  readonly vSwitch?: VSwitch;
  readonly ipv4?: string;
  readonly ipv6?: string;
  /** The node's private IP of each family (Flannel masquerade, hostNetwork). */
  readonly nodeIpv4?: string;
  readonly nodeIpv6?: string;
  readonly cni: Fact<Cni>;
  readonly terwayMode?: TerwayMode;
  /** Flannel or hostNetwork: the pod shares the node's network identity. */
  readonly usesNodeNetwork: boolean;
  readonly groups: SourceGroups;
}

/** What the packet's destination address belongs to. */
export type Target =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly address: string }
  | { readonly kind: 'node'; readonly node: Node; readonly instance?: EcsInstance; readonly address: string }
  | {
      readonly kind: 'ecs';
      readonly instance?: EcsInstance;
      readonly eni?: NetworkInterface;
      readonly address: string;
    }
  | { readonly kind: 'rds'; readonly rds: RdsInstance; readonly address: string }
  | { readonly kind: 'slb'; readonly lb?: LoadBalancer; readonly service?: Service; readonly address: string }
  | { readonly kind: 'address'; readonly address: string };

/** Where the route sends the packet out of the VPC. */
export type Exit =
  | { readonly kind: 'nat-gateway'; readonly id: string }
  | { readonly kind: 'ipv6-gateway'; readonly id: string }
  | { readonly kind: 'ipv4-gateway'; readonly id: string }
  | { readonly kind: 'none' };

export interface HopInput {
  readonly kind: HopKind;
  readonly result: HopResult;
  readonly resource: ResourceRef | null;
  readonly rule: RuleRef | null;
  readonly reason: string;
  readonly considered?: readonly RuleRef[];
  readonly details?: Readonly<Record<string, unknown>>;
}

export class TraceState {
  readonly hops: Hop[] = [];
  readonly assumptions: Assumption[] = [];
  readonly missing: MissingData[] = [];
  packet: Packet;
  /** Every address the destination may see as the source; usually just packet.src. */
  sourceCandidates: string[] = [];
  /** Set when the packet's fate after a hop is undefined: later hops are not evaluated. */
  halted = false;
  /** The name did not resolve (NXDOMAIN or no address of the pod's family). */
  unresolved = false;
  target: Target | undefined;
  exit: Exit | undefined;
  /** The host name asked for, when TO was a name. */
  hostName: string | undefined;

  constructor(
    readonly snapshot: Snapshot,
    readonly index: SnapshotIndex,
    readonly query: Query,
    readonly source: SourceInfo,
    family: IpFamily,
  ) {
    const src = family === 4 ? source.ipv4 : source.ipv6;
    this.packet = { family, src: src ?? '', dst: '', protocol: query.protocol, port: query.port };
  }

  /**
   * An independent copy that can run the rest of the path for one alternative (a Service endpoint) without
   * touching this trace: hops, assumptions and missing data are copied, the snapshot and source are shared.
   */
  fork(): TraceState {
    const copy = new TraceState(this.snapshot, this.index, this.query, this.source, this.packet.family);
    copy.hops.push(...this.hops);
    copy.assumptions.push(...this.assumptions);
    copy.missing.push(...this.missing);
    copy.packet = { ...this.packet };
    copy.sourceCandidates = [...this.sourceCandidates];
    copy.halted = this.halted;
    copy.unresolved = this.unresolved;
    copy.target = this.target;
    copy.exit = this.exit;
    copy.hostName = this.hostName;
    return copy;
  }

  add(hop: HopInput): void {
    this.hops.push({ ...hop, packet: { ...this.packet } });
  }

  assume(hop: HopKind, statement: string, basis: string): void {
    if (this.assumptions.some((a) => a.hop === hop && a.statement === statement)) return;
    this.assumptions.push({ hop, statement, basis });
  }

  need(hop: HopKind, what: string, collect: string): void {
    if (this.missing.some((m) => m.hop === hop && m.collect === collect)) return;
    this.missing.push({ hop, what, collect });
  }

  /** `--RegionId cn-…` when the region is known, so collection commands run as printed. */
  region(): string {
    const region = this.snapshot.facts.regionId;
    return region.known ? ` --RegionId ${region.value}` : '';
  }

  /**
   * Rewrites the source. `alternatives` lists every address the destination may see when the rewrite picks one
   * per connection (a SNAT entry with several SnatIps); `src` is the one shown in the packet.
   */
  setSource(src: string, alternatives: readonly string[] = [src]): void {
    this.packet = { ...this.packet, src };
    this.sourceCandidates = [...alternatives];
  }

  setDestination(dst: string, port: number | null = this.packet.port): void {
    this.packet = { ...this.packet, dst, port };
  }
}

export function rule(id: string, description: string, origin?: Origin): RuleRef {
  return origin === undefined ? { id, description } : { id, description, origin };
}

export function resource(type: string, id: string, name?: string): ResourceRef {
  return name === undefined || name === id ? { type, id } : { type, id, name };
}

export function podKey(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'pod':
      return `pod ${podKey(target.pod)} (${target.address})`;
    case 'node':
      return `node ${target.node.name} (${target.address})`;
    case 'ecs':
      return `ECS ${target.instance?.id ?? target.eni?.id ?? ''} (${target.address})`;
    case 'rds':
      return `RDS ${target.rds.id} (${target.address})`;
    case 'slb':
      return `SLB ${target.lb?.id ?? target.service?.name ?? ''} (${target.address})`;
    case 'address':
      return target.address;
  }
}
