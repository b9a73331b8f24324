/**
 * Re-check after one change, incrementally (issue 9: 1,000 queries re-checked after one NetworkPolicy or security
 * group rule change ≤ 100 ms at the large size). For bench/run.mjs:
 *
 *   const { measureRecheck } = await import('./recheck.mjs');
 *   const recheck = await measureRecheck({ snapshot, check, dist, queries, warm });
 *
 * The same two changes as before: the first allow-same-namespace NetworkPolicy admits every peer, and an egress
 * Drop of TCP 443 to 0.0.0.0/0 at priority 1 in the group of the first query's source pod. Each is measured as
 * src/fleet/recheck.ts runs it: compare the snapshots (sharing the unchanged arrays, so the index reuses their
 * tables), decide from the answers' footprints which queries the change can affect, build what the index lacks,
 * trace those queries again. The answers before (and their footprints) are computed once, untimed per change:
 * they are what a what-if session holds before any change; their cost is reported apart (beforeMs,
 * footprintsMs). With `verify: true` every incremental answer is also compared with a full re-trace (slow).
 */

/** One NetworkPolicy change: the first allow-same-namespace policy admits every peer (a typical loosening). */
export function withPolicyChange(snapshot) {
  const policies = [...snapshot.kubernetes.networkPolicies];
  const index = Math.max(0, policies.findIndex((p) => p.name === 'allow-same-namespace'));
  const changed = policies[index];
  policies[index] = { ...changed, ingress: [{ peers: [], ports: [], origin: changed.origin }] };
  return {
    description: `NetworkPolicy ${changed.namespace}/${changed.name}: its ingress rule admits every peer`,
    snapshot: { ...snapshot, kubernetes: { ...snapshot.kubernetes, networkPolicies: policies } },
  };
}

/**
 * One security-group change: an egress Drop of TCP 443 to 0.0.0.0/0 at priority 1 in the group of the ENI that
 * holds the first query's source pod (so Internet answers change).
 */
export function withSecurityGroupChange(snapshot, sourcePod, indexSnapshot) {
  const eni = indexSnapshot(snapshot).eniByPrivateIp(sourcePod.ips[0]);
  const groups = [...snapshot.cloud.securityGroups];
  const wanted = eni?.securityGroupIds.at(-1);
  const index = Math.max(0, groups.findIndex((g) => g.id === wanted));
  const group = groups[index];
  const template = group.rules.find((r) => r.direction === 'egress') ?? group.rules[0];
  const rule = {
    ...template,
    id: 'sgr-bench-change',
    direction: 'egress',
    policy: 'drop',
    priority: 1,
    protocol: 'tcp',
    portRange: [443, 443],
    cidr: '0.0.0.0/0',
  };
  delete rule.ipv6Cidr;
  delete rule.peerGroupId;
  delete rule.peerPrefixListId;
  groups[index] = { ...group, rules: [rule, ...group.rules] };
  return {
    description: `security group ${group.id}: add an egress rule Drop TCP 443 to 0.0.0.0/0, priority 1`,
    snapshot: { ...snapshot, cloud: { ...snapshot.cloud, securityGroups: groups } },
  };
}

const round = (ms) => Math.round(ms * 1000) / 1000;

function verdictOf(result) {
  if (!result.ok) return 'error';
  return (result.trace ?? result.workload).verdict;
}

function verdictCounts(queries, results) {
  const counts = {};
  queries.forEach(({ kind }, i) => {
    const key = `${kind}:${verdictOf(results[i])}`;
    counts[key] = (counts[key] ?? 0) + 1;
  });
  return counts;
}

/**
 * @param {{ snapshot: object, check: Function, dist: (path: string) => Promise<any>,
 *   queries: { kind: string, query: object }[], warm: { verdicts: Record<string, number> }, verify?: boolean }} options
 * @returns the records bench/run.mjs stores under `recheck`: one per change.
 */
export async function measureRecheck({ snapshot, check, dist, queries, warm, verify = false }) {
  const { indexSnapshot, primeIndex } = await dist('engine/snapshot-index.js');
  const { planRecheck, cachedFootprint } = await dist('fleet/recheck.js');
  const list = queries.map((q) => q.query);

  let t = performance.now();
  const beforeResults = list.map((q) => check(snapshot, q));
  const beforeMs = performance.now() - t;
  t = performance.now();
  list.forEach((q, i) => cachedFootprint(snapshot, beforeResults[i], q));
  const footprintsMs = performance.now() - t;

  const first = queries[0].query.from;
  const firstSource = snapshot.kubernetes.pods.find((p) => p.namespace === first.namespace && p.name === first.name);
  const records = [];
  for (const change of [withPolicyChange(snapshot), withSecurityGroupChange(snapshot, firstSource, indexSnapshot)]) {
    const t0 = performance.now();
    const plan = planRecheck({ before: snapshot, after: change.snapshot, queries: list, beforeResults });
    const t1 = performance.now();
    primeIndex(plan.snapshot);
    const t2 = performance.now();
    const results = [...beforeResults];
    for (const i of plan.retrace) results[i] = check(plan.snapshot, list[i]);
    const t3 = performance.now();
    const counts = verdictCounts(queries, results);
    const changedVerdicts = Object.entries(counts)
      .filter(([key, n]) => warm.verdicts[key] !== n)
      .map(([key, n]) => `${key} ${warm.verdicts[key] ?? 0}→${n}`);
    const record = {
      change: change.description,
      incremental: true,
      scope: plan.scope,
      queries: list.length,
      retraced: plan.retrace.length,
      decideMs: round(t1 - t0),
      indexRebuildMs: round(t2 - t1),
      retraceMs: round(t3 - t2),
      totalMs: round(t3 - t0),
      footprintsMs: round(footprintsMs),
      totalIncludingFootprintsMs: round(t3 - t0 + footprintsMs),
      beforeMs: round(beforeMs),
      changedVerdictCounts: changedVerdicts,
    };
    if (verify) {
      const tv = performance.now();
      let mismatches = 0;
      list.forEach((q, i) => {
        if (JSON.stringify(check(change.snapshot, q)) !== JSON.stringify(results[i])) mismatches += 1;
      });
      record.verify = { fullRetraceMs: round(performance.now() - tv), mismatches };
    }
    records.push(record);
  }
  return records;
}
