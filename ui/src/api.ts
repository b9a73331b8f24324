/** The server's JSON routes (src/server/app.ts), typed with the model's own trace contract. */
import type { Trace, WorkloadTrace } from '../../src/model/trace.js';
import type { InspectReport } from '../../src/render/inspect-report.js';
import type { DestinationChoice, SourceNamespace } from '../../src/server/catalog.js';
import type { FindingView, MatrixView } from '../../src/server/fleet-views.js';

export type {
  DestinationChoice,
  FindingView,
  InspectReport,
  MatrixView,
  SourceNamespace,
  Trace,
  WorkloadTrace,
};

export interface QueryParams {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol: string;
  readonly family: string;
}

export type Answer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

async function getJson<T>(path: string): Promise<Answer<T>> {
  try {
    const response = await fetch(path, { headers: { accept: 'application/json' } });
    const body = (await response.json()) as T & { error?: { message: string; hint?: string } };
    if (!response.ok || body.error !== undefined) {
      const hint = body.error?.hint === undefined ? '' : ` — ${body.error.hint}`;
      return { ok: false, message: `${body.error?.message ?? response.statusText}${hint}` };
    }
    return { ok: true, value: body };
  } catch (error) {
    return { ok: false, message: `the server did not answer: ${String(error)}` };
  }
}

export function querySearch(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const key of ['from', 'to', 'port', 'protocol', 'family'] as const) {
    if (params[key] !== '') search.set(key, params[key]);
  }
  return search.toString();
}

export const api = {
  summary: () => getJson<InspectReport>('/api/summary'),
  matrix: () => getJson<MatrixView>('/api/matrix'),
  audit: () => getJson<{ findings: FindingView[] }>('/api/audit'),
  sources: () => getJson<{ sources: SourceNamespace[] }>('/api/sources'),
  destinations: () => getJson<{ destinations: DestinationChoice[] }>('/api/destinations'),
  query: (params: QueryParams) =>
    getJson<{ trace: Trace | WorkloadTrace }>(`/api/query?${querySearch(params)}`),
};
