/**
 * Close matches for a DNS name that does not exist (NXDOMAIN): the names the snapshot knows — its Services in the
 * forms the pod's search list resolves (`name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster domain>`, Kubernetes
 * "DNS for Services and Pods") and the world.yaml names — that are the same Service name in another namespace, or
 * within a small edit distance of the asked name. Only candidates: each is proven by tracing the corrected query.
 */
import type { Snapshot } from '../model/index.js';

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** At most this many edits, and fewer than a third of the asked name's length: a typo, not another name. */
const MAX_EDITS = 2;
/** Namespaces every cluster has (Kubernetes "Namespaces": initial namespaces). */
const ALWAYS_THERE = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const MAX_SUGGESTIONS = 3;

export interface CloseName {
  readonly name: string;
  /** Why it is proposed, in words. */
  readonly why: string;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * The known names close to `asked`, best first: the same Service name in another namespace (the form kept, the
 * namespace replaced), then names within MAX_EDITS edits, by distance then name. `namespace` is the asking pod's,
 * for which a bare Service name resolves.
 */
export function closeNames(snapshot: Snapshot, asked: string, namespace: string | undefined): CloseName[] {
  const name = normalise(asked);
  const domain = snapshot.facts.clusterDomain.known ? snapshot.facts.clusterDomain.value : 'cluster.local';
  const labels = name.split('.');
  const first = labels[0] ?? '';
  const out: CloseName[] = [];
  const seen = new Set<string>([name]);
  const add = (candidate: string, why: string) => {
    if (seen.has(candidate)) return;
    seen.add(candidate);
    out.push({ name: candidate, why });
  };
  // The asked name in a Service form: NAME, NAME.NS, NAME.NS.svc or NAME.NS.svc.<domain>.
  const rest = labels.slice(2).join('.');
  const serviceForm =
    labels.length === 1 ||
    (labels.length >= 2 && (rest === '' || rest === 'svc' || rest === `svc.${domain}`));
  const askedNamespace = labels.length === 1 ? namespace : labels[1];
  // NAME.X with X no namespace of the cluster reads as a domain (an external name, a search domain's name), not as a
  // Service asked in the wrong namespace; with `.svc` the Service form is explicit.
  const knownNamespaces = new Set<string>([
    ...ALWAYS_THERE,
    ...snapshot.kubernetes.namespaces.map((n) => n.name),
    ...snapshot.kubernetes.services.map((s) => s.namespace),
    ...snapshot.kubernetes.pods.map((p) => p.namespace),
  ]);
  const namespaceForm = serviceForm && (labels.length !== 2 || knownNamespaces.has(askedNamespace ?? ''));
  const services = [...snapshot.kubernetes.services].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  );
  if (namespaceForm) {
    for (const s of services) {
      if (s.name !== first || s.namespace === askedNamespace) continue;
      const corrected = [s.name, s.namespace, ...(rest === '' ? [] : [rest])].join('.');
      add(
        corrected,
        `Service ${s.name} exists in namespace ${s.namespace}, not in ${askedNamespace ?? 'the asked one'}`,
      );
    }
  }
  const known = [
    ...services.flatMap((s) => [
      ...(s.namespace === namespace ? [s.name] : []),
      `${s.name}.${s.namespace}`,
      `${s.name}.${s.namespace}.svc`,
      `${s.name}.${s.namespace}.svc.${domain}`,
    ]),
    ...snapshot.world.dns.filter((r) => !r.nxdomain).map((r) => normalise(r.name)),
  ];
  const limit = Math.min(MAX_EDITS, Math.ceil(name.length / 3) - 1);
  const close = [...new Set(known)]
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter((c) => c.distance > 0 && c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  for (const c of close)
    add(c.candidate, `${c.candidate} exists, ${c.distance} edit${c.distance === 1 ? '' : 's'} from ${name}`);
  return out.slice(0, MAX_SUGGESTIONS);
}
