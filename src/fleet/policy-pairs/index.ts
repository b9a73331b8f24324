/** Policy-only all-pairs reachability by equivalence classes (policy-pairs.ts explains the design). */
export { directPolicyVerdict, type PairVerdict } from './direct-verdict.js';
export type { PolicySnapshot } from './enforcement.js';
export type { PeerClass } from './peer-classes.js';
export {
  buildPolicyPairs,
  type NamespaceMatrix,
  type PairCounts,
  type PolicyPairs,
  type PolicyPairsOptions,
  type PolicyPairsStats,
  type PortQuery,
} from './policy-pairs.js';
export type { PodEnforcement, SubjectClass } from './subject-classes.js';
