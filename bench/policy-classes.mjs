/**
 * Superseded by bench/policy-pairs.mjs (`measurePolicyPairs`), which bench/run.mjs should call. Until it does, this
 * keeps the old interface (`policyAllPairs(snapshot, evaluator)`, `verifySample(result, evaluator, random, n)`) and
 * answers it with the library module src/fleet/policy-pairs (dist/), instead of the former bench-only classes that
 * ran one full explained evaluation per (subject class, peer class). `evaluator` is no longer used.
 */
import { checkSample, loadPolicyPairsLibrary } from './policy-pairs.mjs';

const lib = await loadPolicyPairsLibrary();

export function policyAllPairs(snapshot, _evaluator) {
  const t0 = performance.now();
  const pairs = lib.buildPolicyPairs(snapshot);
  const t1 = performance.now();
  const counts = pairs.count();
  const t2 = performance.now();
  const stats = pairs.stats();
  return {
    ...counts,
    peerClasses: pairs.peerClasses.length,
    egressSubjectClasses: pairs.egressClasses.length,
    ingressSubjectClasses: pairs.ingressClasses.length,
    portKeys: stats.portKeys,
    subjectRows: stats.subjectRows,
    sourceGroups: stats.sourceGroups,
    destinationGroups: stats.destinationGroups,
    evaluations: stats.selectorEvaluations,
    ms: { classes: t1 - t0, count: t2 - t1, total: t2 - t0 },
    // Dropped from the stored record by bench/run.mjs.
    allowed: pairs,
    podsList: pairs.pods,
    ctxFor: snapshot,
    namespaceLabels: null,
  };
}

/** Mismatches between the class tables and direct evaluation over `samples` random pairs (declared ports + one). */
export function verifySample(result, _evaluator, random, samples) {
  return checkSample(lib, result.ctxFor, result.allowed, {}, samples, random).sampleMismatches;
}
