/**
 * Policy-only all-pairs reachability by equivalence classes (issue 9). Two pods that no NetworkPolicy can tell
 * apart get the same answers, so the pod × pod matrix is computed class × class and never 150,000² times.
 *
 * A connection p → q needs p's egress AND q's ingress (src/eval/network-policy.ts). Each side is split in two:
 * - the SUBJECT key of a pod for a direction: its namespace and the exact set of policies isolating it for that
 *   direction (pods with equal sets are evaluated by equal rules);
 * - the PEER key of a pod as the other end: namespace, the labels that some peer selector mentions (only those keys,
 *   and for matchLabels only the values named), the ipBlocks that contain its IPs, its container ports, and
 *   hostNetwork.
 * egress[subjectEgress(p)][peer(q)] and ingress[subjectIngress(q)][peer(p)] are filled with the engine's own
 * evaluators (evaluateEgress / evaluateIngress) on one representative pod per class, with the policy list of the
 * subject's namespace only (the only policies that take part, so the answers are the same).
 */

export function policyAllPairs(snapshot, evaluator) {
  const { evaluateEgress, evaluateIngress, isolatingPoliciesFor } = evaluator;
  const k = snapshot.kubernetes;
  const t0 = performance.now();
  const pods = k.pods.filter((p) => p.phase === 'Running' && !p.hostNetwork && p.ips.length > 0);
  const namespaceLabels = new Map(k.namespaces.map((n) => [n.name, n.labels ?? {}]));
  const policiesByNamespace = new Map();
  for (const policy of k.networkPolicies) {
    const list = policiesByNamespace.get(policy.namespace) ?? [];
    list.push(policy);
    policiesByNamespace.set(policy.namespace, list);
  }

  // Which label keys/values and which ipBlocks any peer can look at.
  const peerKeys = new Map(); // key -> Set of values named, or 'any' when an expression looks at the key
  const ipBlocks = new Map();
  const noteSelector = (selector) => {
    if (!selector) return;
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
      const seen = peerKeys.get(key);
      if (seen === 'any') continue;
      if (seen === undefined) peerKeys.set(key, new Set([value]));
      else seen.add(value);
    }
    for (const expression of selector.matchExpressions ?? []) peerKeys.set(expression.key, 'any');
  };
  for (const policy of k.networkPolicies) {
    for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
      for (const peer of rule.peers) {
        noteSelector(peer.podSelector);
        if (peer.ipBlock) ipBlocks.set(JSON.stringify(peer.ipBlock), peer.ipBlock);
      }
    }
  }
  const blocks = [...ipBlocks.values()];
  const peerKeyOf = (pod) => {
    const labels = [];
    for (const [key, values] of peerKeys) {
      const value = pod.labels[key];
      if (value === undefined) continue;
      labels.push(values === 'any' || values.has(value) ? `${key}=${value}` : `${key}≠`);
    }
    const inBlocks = blocks.map((b) => (pod.ips.some((ip) => evaluator.inIpBlock(b, ip)) ? 1 : 0)).join('');
    const ports = pod.containerPorts.map((p) => `${p.name ?? ''}:${p.containerPort}/${p.protocol}`).join(',');
    return `${pod.namespace}|${labels.join(',')}|${inBlocks}|${ports}`;
  };
  const subjectKeyOf = (pod, direction) => {
    const isolating = isolatingPoliciesFor(policiesByNamespace.get(pod.namespace) ?? [], pod, direction);
    return `${pod.namespace}|${isolating.map((p) => p.name).join(',')}`;
  };

  const classes = (keyOf) => {
    const byKey = new Map();
    const of = new Array(pods.length);
    pods.forEach((pod, i) => {
      const key = keyOf(pod);
      let entry = byKey.get(key);
      if (entry === undefined) {
        entry = { id: byKey.size, representative: pod, size: 0 };
        byKey.set(key, entry);
      }
      entry.size++;
      of[i] = entry.id;
    });
    return { list: [...byKey.values()], of };
  };
  const peer = classes(peerKeyOf);
  const egressSubjects = classes((pod) => subjectKeyOf(pod, 'egress'));
  const ingressSubjects = classes((pod) => subjectKeyOf(pod, 'ingress'));
  const tClasses = performance.now();

  const port = (pod) => pod.containerPorts[0]?.containerPort ?? 80;
  const ctxFor = (namespace) => ({ policies: policiesByNamespace.get(namespace) ?? [], ipBlockMatchesPods: true });
  let evaluations = 0;
  // egress[e][q] over peer classes of the destination (the port is the destination's first container port).
  const egress = egressSubjects.list.map((subject) => {
    const src = subject.representative;
    const ctx = ctxFor(src.namespace);
    const row = new Uint8Array(peer.list.length);
    if (ctx.policies.length === 0) return row.fill(1);
    peer.list.forEach((dst, q) => {
      const d = dst.representative;
      evaluations++;
      const decision = evaluateEgress(ctx, src, namespaceLabels.get(src.namespace) ?? {}, {
        kind: 'pod',
        pod: d,
        namespaceLabels: namespaceLabels.get(d.namespace) ?? {},
      }, 'tcp', port(d));
      row[q] = decision.verdict === 'allow' ? 1 : 0;
    });
    return row;
  });
  // ingress[i][p] over peer classes of the source; the port is the subject's own.
  const ingress = ingressSubjects.list.map((subject) => {
    const dst = subject.representative;
    const ctx = ctxFor(dst.namespace);
    const row = new Uint8Array(peer.list.length);
    if (ctx.policies.length === 0) return row.fill(1);
    peer.list.forEach((src, p) => {
      const s = src.representative;
      evaluations++;
      const decision = evaluateIngress(ctx, dst, namespaceLabels.get(dst.namespace) ?? {}, {
        kind: 'pod',
        pod: s,
        namespaceLabels: namespaceLabels.get(s.namespace) ?? {},
      }, 'tcp', port(dst));
      row[p] = decision.verdict === 'allow' ? 1 : 0;
    });
    return row;
  });
  const tEvaluate = performance.now();

  /** The answer for any pod pair, from the class tables. */
  const allowed = (i, j) => egress[egressSubjects.of[i]][peer.of[j]] === 1 && ingress[ingressSubjects.of[j]][peer.of[i]] === 1;

  // Allowed pod pairs, counted over combined groups (source: egress class × peer class; destination: ingress
  // class × peer class) instead of pod by pod.
  const group = (a, b) => {
    const byKey = new Map();
    pods.forEach((_, i) => {
      const key = a.of[i] * 1e6 + b.of[i];
      const entry = byKey.get(key);
      if (entry === undefined) byKey.set(key, { a: a.of[i], b: b.of[i], size: 1 });
      else entry.size++;
    });
    return [...byKey.values()];
  };
  const sources = group(egressSubjects, peer);
  const destinations = group(ingressSubjects, peer);
  let allowedPairs = 0;
  let counted = false;
  if (sources.length * destinations.length <= 2e8) {
    for (const s of sources) {
      const eg = egress[s.a];
      for (const d of destinations) {
        if (eg[d.b] === 1 && ingress[d.a][s.b] === 1) allowedPairs += s.size * d.size;
      }
    }
    counted = true;
  }
  const tCount = performance.now();
  return {
    pods: pods.length,
    podPairs: pods.length * pods.length,
    peerClasses: peer.list.length,
    egressSubjectClasses: egressSubjects.list.length,
    ingressSubjectClasses: ingressSubjects.list.length,
    evaluations,
    allowedPairs: counted ? allowedPairs : null,
    ms: {
      classes: tClasses - t0,
      evaluate: tEvaluate - tClasses,
      count: tCount - tEvaluate,
      total: tCount - t0,
    },
    allowed,
    podsList: pods,
    ctxFor,
    namespaceLabels,
  };
}

/** Checks the class answers against direct evaluation for `samples` random pod pairs; returns the mismatches. */
export function verifySample(result, evaluator, random, samples) {
  const { podsList: pods, ctxFor, namespaceLabels, allowed } = result;
  let mismatches = 0;
  const port = (pod) => pod.containerPorts[0]?.containerPort ?? 80;
  for (let n = 0; n < samples; n++) {
    const i = Math.floor(random() * pods.length);
    const j = Math.floor(random() * pods.length);
    const p = pods[i];
    const q = pods[j];
    const eg = evaluator.evaluateEgress(ctxFor(p.namespace), p, {}, { kind: 'pod', pod: q, namespaceLabels: namespaceLabels.get(q.namespace) ?? {} }, 'tcp', port(q));
    const ing = evaluator.evaluateIngress(ctxFor(q.namespace), q, {}, { kind: 'pod', pod: p, namespaceLabels: namespaceLabels.get(p.namespace) ?? {} }, 'tcp', port(q));
    const direct = eg.verdict === 'allow' && ing.verdict === 'allow';
    if (direct !== allowed(i, j)) mismatches++;
  }
  return mismatches;
}
