/**
 * `podreach matrix --policy-only`: which namespaces may reach which by NetworkPolicy alone, with ACK's
 * enforcement, for every Running pod pair at once (src/fleet/policy-pairs answers by equivalence classes, not pods²
 * traces). Only namespaces or one pod pair: the counts come from PolicyPairs.namespaceMatrix() and count(); the
 * pair verdicts from PolicyPairs.verdict().
 */
import { buildPolicyPairs, type PolicyPairs, type PortQuery } from '../../fleet/policy-pairs/index.js';
import type { Protocol } from '../../model/protocol.js';
import { renderPolicyMatrixCsv } from '../../render/fleet/policy-matrix-csv.js';
import { renderPolicyMatrixJson } from '../../render/fleet/policy-matrix-json.js';
import type {
  PolicyMatrixResult,
  PolicyNamespaceMatrix,
  PolicyPairPort,
  PolicyPairResult,
} from '../../render/fleet/policy-matrix-result.js';
import { renderPolicyMatrixText } from '../../render/fleet/policy-matrix-text.js';
import { visible } from '../../render/sanitize.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadForCheck, snapshotPath } from '../load.js';
import type { MatrixCliOptions } from './matrix.js';

type Selector = { readonly namespace: string; readonly pod?: string };

function usage(ctx: CommandContext, message: string): ExitCode {
  ctx.io.stderr(`error: ${visible(message)}\n(run "podreach matrix --help" for usage)\n`);
  return EXIT.usage;
}

/** NAMESPACE or NAMESPACE/POD (Kubernetes names hold no `/`); anything else is a usage error. */
export function parsePolicySelector(flag: string, text: string): Selector | string {
  const parts = text.split('/');
  if (parts.length > 2 || parts.some((p) => p === ''))
    return `${flag} "${text}": --policy-only takes NAMESPACE or NAMESPACE/POD`;
  return parts.length === 2
    ? { namespace: parts[0] as string, pod: parts[1] as string }
    : { namespace: parts[0] as string };
}

export async function runPolicyMatrix(
  ctx: CommandContext,
  options: MatrixCliOptions,
  ports: readonly number[],
): Promise<ExitCode> {
  if (options.output === 'html') return usage(ctx, '--policy-only has no html output; use text, csv or json');
  const protocol = (options.protocol ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(protocol))
    return usage(ctx, `--protocol "${protocol}" with --policy-only is not tcp, udp or sctp`);
  const from: Selector[] = [];
  const to: Selector[] = [];
  for (const [flag, texts, out] of [
    ['--from', options.from ?? [], from],
    ['--to', options.to ?? [], to],
  ] as const) {
    for (const text of texts) {
      const s = parsePolicySelector(flag, text);
      if (typeof s === 'string') return usage(ctx, s);
      out.push(s);
    }
  }
  const pairMode = from.some((s) => s.pod !== undefined) || to.some((s) => s.pod !== undefined);
  if (
    pairMode &&
    (from.length !== 1 || to.length !== 1 || from[0]?.pod === undefined || to[0]?.pod === undefined)
  )
    return usage(
      ctx,
      'a pod (NAMESPACE/POD) needs exactly one --from NAMESPACE/POD and one --to NAMESPACE/POD',
    );
  if (!pairMode && ports.length > 0)
    return usage(ctx, '--port with --policy-only needs one --from NAMESPACE/POD and one --to NAMESPACE/POD');

  const path = snapshotPath(options.snapshot, ctx.io.env);
  const loaded = await loadForCheck(ctx, path);
  if (loaded === undefined) return EXIT.usage;
  const pairs = buildPolicyPairs(loaded.snapshot);
  let result: PolicyMatrixResult | string;
  if (pairMode) {
    result = pairResult(
      pairs,
      from[0] as Required<Selector>,
      to[0] as Required<Selector>,
      ports,
      protocol as Protocol,
    );
  } else {
    result = namespaceResult(
      pairs,
      from.map((s) => s.namespace),
      to.map((s) => s.namespace),
    );
  }
  if (typeof result === 'string') return usage(ctx, result);
  const output = options.output ?? 'text';
  ctx.io.stdout(
    output === 'json'
      ? renderPolicyMatrixJson(result)
      : output === 'csv'
        ? renderPolicyMatrixCsv(result)
        : renderPolicyMatrixText(result),
  );
  return EXIT.reachable;
}

function pairResult(
  pairs: PolicyPairs,
  from: Required<Selector>,
  to: Required<Selector>,
  asked: readonly number[],
  protocol: Protocol,
): PolicyPairResult | string {
  const i = pairs.indexOf(from.namespace, from.pod);
  const j = pairs.indexOf(to.namespace, to.pod);
  for (const [s, index] of [
    [from, i],
    [to, j],
  ] as const) {
    if (index === undefined)
      return `${s.namespace}/${s.pod} is not a Running pod with an IP in the snapshot (--policy-only asks only those)`;
  }
  const source = i as number;
  const destination = j as number;
  const ports: PolicyPairPort[] = [];
  const ask = (q: PortQuery, origin: PolicyPairPort['source']) => {
    if (ports.some((p) => p.protocol === q.protocol && p.port === q.port)) return;
    ports.push({
      protocol: q.protocol,
      port: q.port,
      source: origin,
      verdict: pairs.verdict(source, destination, q),
    });
  };
  for (const q of pairs.portsOf(destination)) ask(q, 'declared');
  for (const port of asked) ask({ protocol, port }, 'asked');
  return {
    kind: 'policy-pair',
    from: `${from.namespace}/${from.pod}`,
    to: `${to.namespace}/${to.pod}`,
    ports,
  };
}

function namespaceResult(
  pairs: PolicyPairs,
  fromNamespaces: readonly string[],
  toNamespaces: readonly string[],
): PolicyNamespaceMatrix | string {
  const m = pairs.namespaceMatrix();
  const index = new Map(m.namespaces.map((n, k) => [n, k]));
  for (const ns of [...fromNamespaces, ...toNamespaces]) {
    if (!index.has(ns)) return `no Running pod with an IP in namespace "${ns}"`;
  }
  const pick = (chosen: readonly string[]) =>
    chosen.length === 0 ? [...m.namespaces] : [...new Set(chosen)].sort();
  const rowsFrom = pick(fromNamespaces);
  const columnsTo = pick(toNamespaces);
  const rows = rowsFrom.flatMap((f) =>
    columnsTo.map((t) => {
      const s = index.get(f) as number;
      const d = index.get(t) as number;
      return {
        from: f,
        to: t,
        pairs: (m.pods[s] as number) * (m.pods[d] as number),
        allowed: m.allowedPairs[s]?.[d] as number,
        unknown: m.unknownPairs[s]?.[d] as number,
      };
    }),
  );
  const c = pairs.count();
  return {
    kind: 'policy-matrix',
    totals: {
      pods: c.pods,
      podPairs: c.podPairs,
      allowedPairs: c.allowedPairs,
      unknownPairs: c.unknownPairs,
      destinationsWithoutPorts: c.podsWithoutPorts,
    },
    namespaces: m.namespaces.map((name, k) => ({ name, pods: m.pods[k] as number })),
    from: rowsFrom,
    to: columnsTo,
    rows,
  };
}
