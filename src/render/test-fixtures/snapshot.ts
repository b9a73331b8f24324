/** An empty snapshot whose facts are all unknown: the base of hand-built snapshots in tests. */
import { emptyBuilder } from '../../load/snapshot-builder.js';
import { unknownClusterFacts } from '../../model/cluster-facts.js';
import type { Snapshot } from '../../model/snapshot.js';

export function emptySnapshot(): Snapshot {
  const { kubernetes, cloud, world } = emptyBuilder();
  return {
    kubernetes,
    cloud,
    world,
    facts: unknownClusterFacts('kubectl get configmap -n kube-system eni-config -o yaml'),
  };
}
