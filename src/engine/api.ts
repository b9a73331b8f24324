import type { Query } from '../model/query.js';
import type { Trace, WorkloadTrace } from '../model/trace.js';

/** A query the snapshot cannot answer as asked (unknown pod, no port for tcp...): a usage error, exit code 2. */
export interface QueryError {
  readonly message: string;
  readonly hint?: string;
}

export type CheckResult =
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: true; readonly workload: WorkloadTrace }
  | { readonly ok: false; readonly error: QueryError };

export type { Query };
