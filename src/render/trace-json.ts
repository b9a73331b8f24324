import type { Trace, WorkloadTrace } from '../model/trace.js';
import { stableJson } from './stable-json.js';
import { checkOutputSchema } from './trace-schema.js';

export interface TraceJsonOptions {
  /** Spaces of indentation; 0 (the default) prints one line, as `--batch` needs. */
  readonly indent?: number;
}

/**
 * The `--output json` form of a trace: keys in the order src/model/trace.ts declares them (docs/trace.schema.json),
 * deterministic, with invisible and bidi characters escaped. No trailing newline.
 */
export function renderTraceJson(trace: Trace | WorkloadTrace, options: TraceJsonOptions = {}): string {
  return stableJson(checkOutputSchema, trace, options.indent ?? 0);
}
