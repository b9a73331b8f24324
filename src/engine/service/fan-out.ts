/**
 * Per-endpoint outcomes of a Service: kube-proxy picks an endpoint per connection, so the answer may differ by
 * endpoint (same node or another, another namespace's NetworkPolicy, a security group on the far ENI). Each
 * endpoint's rest of the path is traced on a fork of the trace with the engine's own hops; the trace then goes on
 * with one representative: the first reachable endpoint, else the first. Bounded: at most MAX_TRACED endpoints
 * are traced, in the selection's (deterministic) order; the rest are listed as not traced. A single endpoint is
 * not traced twice: the trace itself is its outcome.
 */
import type { HopKind, Verdict } from '../../model/index.js';
import { assembleTrace } from '../assemble.js';
import type { Target, TraceState } from '../context.js';
import { describeEndpoint, type ServiceEndpoint } from './endpoints.js';

export const MAX_TRACED = 16;

/** A hop function of the engine, run on a fork for one endpoint. */
export type Continuation = readonly ((state: TraceState) => void)[];

export interface EndpointOutcome {
  readonly endpoint: ServiceEndpoint;
  /** null when not traced (beyond MAX_TRACED). */
  readonly verdict: Verdict | null;
  readonly blockedAt: { readonly kind: HopKind; readonly reason: string } | null;
}

export interface FanOut {
  readonly outcomes: readonly EndpointOutcome[];
  readonly representative: ServiceEndpoint;
  /** e.g. `2 of 3 endpoints reachable`; empty when there is one endpoint. */
  readonly summary: string;
  readonly reachable: number;
  readonly traced: number;
}

/**
 * Traces `apply(fork, endpoint)` then `rest` on a fork per endpoint. `apply` points the fork's packet at the
 * endpoint (destination, target and any hop the translation adds).
 */
export function fanOut(
  state: TraceState,
  endpoints: readonly ServiceEndpoint[],
  apply: (fork: TraceState, endpoint: ServiceEndpoint) => void,
  rest: Continuation,
): FanOut {
  const outcomes: EndpointOutcome[] = endpoints.map((endpoint, i) => {
    if (i >= MAX_TRACED || rest.length === 0 || endpoints.length === 1)
      return { endpoint, verdict: null, blockedAt: null };
    const fork = state.fork();
    apply(fork, endpoint);
    for (const hop of rest) {
      if (fork.halted) break;
      hop(fork);
    }
    const trace = assembleTrace(fork, {
      from: '',
      to: '',
      protocol: fork.packet.protocol,
      port: null,
      family: null,
    });
    return {
      endpoint,
      verdict: trace.verdict,
      blockedAt:
        trace.blockedAt === null ? null : { kind: trace.blockedAt.kind, reason: trace.blockedAt.reason },
    };
  });
  const traced = outcomes.filter((o) => o.verdict !== null).length;
  const reachable = outcomes.filter((o) => o.verdict === 'reachable').length;
  const first = outcomes.find((o) => o.verdict === 'reachable') ?? outcomes[0];
  if (first === undefined) throw new Error('fanOut needs at least one endpoint');
  const untraced = endpoints.length - traced;
  const summary =
    endpoints.length <= 1 || traced === 0
      ? ''
      : `${reachable} of ${traced} endpoints reachable${untraced > 0 ? `; ${untraced} more not traced` : ''}`;
  return { outcomes, representative: first.endpoint, summary, reachable, traced };
}

/** The hop details of a fan-out: every endpoint with its own verdict. */
export function endpointDetails(outcomes: readonly EndpointOutcome[], target: (address: string) => Target) {
  return outcomes.map((o) => {
    const t = target(o.endpoint.address);
    return {
      address: o.endpoint.address,
      port: o.endpoint.port,
      node: o.endpoint.endpoint.nodeName ?? null,
      pod: t.kind === 'pod' ? `${t.pod.namespace}/${t.pod.name}` : null,
      ...(o.endpoint.terminatingFallback ? { terminating: true } : {}),
      verdict: o.verdict ?? 'not traced',
      ...(o.blockedAt === null ? {} : { blockedAt: o.blockedAt }),
      endpoint: describeEndpoint(o.endpoint),
    };
  });
}
