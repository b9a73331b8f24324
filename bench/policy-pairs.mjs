#!/usr/bin/env node
/**
 * Policy-only all-pairs for the benchmark (issue 9), on the library module src/fleet/policy-pairs (built in dist/):
 * equivalence classes and verdict-only bitset rows, never pods² evaluations. `measurePolicyPairs` returns the
 * record bench/run.mjs stores under `policyAllPairs`, with `sampleMismatches`: 1,000 random pod pairs, each asked on
 * the destination's declared ports and on one more port, answered both by the class tables and by the engine's own
 * evaluators (src/eval evaluateEgress/evaluateIngress + ACK enforcement, fleet/policy-pairs/direct-verdict.ts).
 *
 * Standalone (loads the snapshot once, times only the all-pairs):
 *   node bench/policy-pairs.mjs --data /tmp/podreach-bench/medium-terway-seed1
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');


/** `dist`: run.mjs's loader `(path) => import(dist/path)`, or the dist directory; default <repo>/dist. */
function distLoader(dist) {
  if (typeof dist === 'function') return dist;
  const dir = dist ?? join(ROOT, 'dist');
  return (path) => import(pathToFileURL(join(dir, path)).href);
}

const EXTRA_PORTS = [
  { protocol: 'tcp', port: 80 },
  { protocol: 'tcp', port: 443 },
  { protocol: 'udp', port: 53 },
  { protocol: 'tcp', port: 3306 },
];

/** The library (dist/fleet/policy-pairs) as one object. */
export async function loadPolicyPairsLibrary(dist) {
  const load = distLoader(dist);
  return {
    ...(await load('fleet/policy-pairs/policy-pairs.js')),
    ...(await load('fleet/policy-pairs/direct-verdict.js')),
  };
}

/**
 * `samples` random pod pairs, each asked on the destination's declared ports and one more port, answered by the
 * class tables and by direct evaluation; returns the number of questions and of mismatches (with a few examples).
 */
export function checkSample(lib, snapshot, pairs, options, samples, random = mulberry32(99)) {
  const n = pairs.pods.length;
  let questions = 0;
  let sampleMismatches = 0;
  const mismatchExamples = [];
  const ts = performance.now();
  for (let s = 0; s < samples && n > 0; s++) {
    const i = Math.floor(random() * n);
    const j = Math.floor(random() * n);
    const extra = EXTRA_PORTS[Math.floor(random() * EXTRA_PORTS.length)];
    for (const port of [...pairs.portsOf(j), extra]) {
      questions++;
      const fast = pairs.verdict(i, j, port);
      const direct = lib.directPolicyVerdict(snapshot, pairs.pods[i], pairs.pods[j], port, options.enforcementOf);
      if (fast !== direct) {
        sampleMismatches++;
        if (mismatchExamples.length < 5) {
          const p = pairs.pods[i];
          const q = pairs.pods[j];
          mismatchExamples.push(`${p.namespace}/${p.name} -> ${q.namespace}/${q.name} ${port.protocol}/${port.port}: classes ${fast}, direct ${direct}`);
        }
      }
    }
  }
  return { questions, sampleMismatches, mismatchExamples, ms: performance.now() - ts };
}

function measureOnce(lib, snapshot, options, samples) {
  const t0 = performance.now();
  const pairs = lib.buildPolicyPairs(snapshot, options);
  const t1 = performance.now();
  const counts = pairs.count();
  const t2 = performance.now();
  const stats = pairs.stats();
  const byNamespace = pairs.namespaceMatrix();
  const namespaceMatrixMs = performance.now() - t2;
  const { questions, sampleMismatches, mismatchExamples, ms: tSample } = checkSample(lib, snapshot, pairs, options, samples);
  return {
    ...counts,
    peerClasses: pairs.peerClasses.length,
    egressSubjectClasses: pairs.egressClasses.length,
    ingressSubjectClasses: pairs.ingressClasses.length,
    portKeys: stats.portKeys,
    subjectRows: stats.subjectRows,
    sourceGroups: stats.sourceGroups,
    destinationGroups: stats.destinationGroups,
    // Verdict-only work: selector evaluations against class representatives (no full evaluations at all).
    evaluations: stats.selectorEvaluations,
    ms: { classes: t1 - t0, count: t2 - t1, total: t2 - t0 },
    // Allowed pairs per (source namespace, destination namespace), after the counts (rows already built).
    namespaceMatrix: { namespaces: byNamespace.namespaces.length, ms: namespaceMatrixMs },
    sampleQuestions: questions,
    sampleMismatches,
    ...(mismatchExamples.length > 0 ? { mismatchExamples } : {}),
    sampleMs: tSample,
  };
}

/**
 * The `policyAllPairs` record: with the snapshot's ACK enforcement (what podreach answers), and `asWritten`: every
 * pod enforced with upstream semantics (the policies' own reachability, the same work whether or not the CNI
 * enforces them — on a Flannel cluster without a policy engine the first is trivially all-open).
 */
export async function measurePolicyPairs({ snapshot, dist, samples = 1000 }) {
  const lib = await loadPolicyPairsLibrary(dist);
  const record = measureOnce(lib, snapshot, {}, samples);
  const asWritten = measureOnce(
    lib,
    snapshot,
    { enforcementOf: () => ({ enforced: true, ipBlockMatchesPods: true }) },
    samples,
  );
  return { ...record, asWritten };
}

async function main() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--data');
  if (at === -1 || argv[at + 1] === undefined) throw new Error('usage: node bench/policy-pairs.mjs --data DIR');
  const dataDir = argv[at + 1];
  const dist = distLoader();
  const { loadSnapshot } = await dist('index.js');
  const t0 = performance.now();
  const loaded = await loadSnapshot(dataDir, { maxFileBytes: 8 * 1024 * 1024 * 1024 });
  const loadMs = performance.now() - t0;
  process.stderr.write(`loaded ${dataDir} in ${(loadMs / 1000).toFixed(1)} s\n`);
  const record = await measurePolicyPairs({ snapshot: loaded.snapshot, dist });
  const { loadavg } = await import('node:os');
  console.log(JSON.stringify({ data: dataDir, loadMs, loadAverage: loadavg(), policyAllPairs: record }, null, 2));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
