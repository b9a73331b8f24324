import type { CloudResources } from './cloud.js';
import type { ClusterFacts } from './cluster-facts.js';
import type { KubernetesObjects } from './kubernetes.js';
import type { World } from './world.js';

/**
 * All that is known about one cluster and its cloud surroundings at one moment. Built once by the loader,
 * validated, then read-only: the engine never changes it (what-if changes produce a new snapshot).
 */
export interface Snapshot {
  readonly kubernetes: KubernetesObjects;
  readonly cloud: CloudResources;
  readonly world: World;
  readonly facts: ClusterFacts;
}
