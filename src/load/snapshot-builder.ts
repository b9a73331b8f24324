import type { CloudResources } from '../model/cloud.js';
import type { KubernetesObjects } from '../model/kubernetes.js';
import type { World } from '../model/world.js';
import type { LoadProblem } from './problem.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/**
 * What adapters fill while the snapshot is read. Cloud pieces that arrive in several responses (a security group's
 * type from DescribeSecurityGroups, its rules from DescribeSecurityGroupAttribute; an RDS whitelist in its own file)
 * are merged by the alibaba adapter's `finish` step before the snapshot is sealed.
 */
export interface SnapshotBuilder {
  readonly kubernetes: Mutable<KubernetesObjects>;
  readonly cloud: Mutable<CloudResources>;
  readonly world: Mutable<World>;
  readonly problems: LoadProblem[];
}

export function emptyBuilder(): SnapshotBuilder {
  return {
    kubernetes: {
      namespaces: [],
      pods: [],
      nodes: [],
      services: [],
      endpointSlices: [],
      networkPolicies: [],
      configMaps: [],
      workloads: [],
      podNetworkings: [],
      podEips: [],
    },
    cloud: {
      clusters: [],
      vpcs: [],
      vSwitches: [],
      routeTables: [],
      routeEntries: [],
      natGateways: [],
      snatEntries: [],
      eips: [],
      ipv6Addresses: [],
      ipv6Gateways: [],
      networkAcls: [],
      ecsInstances: [],
      networkInterfaces: [],
      securityGroups: [],
      rdsInstances: [],
      loadBalancers: [],
      accessControlLists: [],
    },
    world: { dns: [], allowLists: [] },
    problems: [],
  };
}
