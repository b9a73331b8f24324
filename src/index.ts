/**
 * podreach as a library: load a snapshot, check a query, render the trace. The CLI (src/cli) is a thin layer over
 * exactly these functions.
 *
 *   const { snapshot, problems } = await loadSnapshot('examples/terway-dualstack');
 *   const query = parseQuery({ from: 'shop/web-1', to: 'api.github.com', port: 443 });
 *   if (query.ok) { const result = check(snapshot, query.value); ... renderTraceText(result.trace, { color: false }) }
 */

export { type BatchEntry, type BatchParse, parseBatch } from './cli/batch.js';
export { EXIT, exitCodeForVerdict } from './cli/exit-codes.js';
export type { CheckResult, QueryError } from './engine/index.js';
export { check } from './engine/index.js';
export type { LoadOptions, LoadProblem, LoadResult } from './load/index.js';
export { formatProblem, loadSnapshot, loadSnapshotFromFiles } from './load/index.js';
export * from './model/index.js';
export {
  type FieldStyle,
  type Parsed,
  parseDestination,
  parseQuery,
  parseSource,
  type QueryInput,
} from './query/parse-query.js';
export { renderInspectJson } from './render/inspect-json.js';
export { buildInspectReport, type InspectInput, type InspectReport } from './render/inspect-report.js';
export { renderInspectText } from './render/inspect-text.js';
export { visible } from './render/sanitize.js';
export { renderTraceJson, type TraceJsonOptions } from './render/trace-json.js';
export {
  checkOutputSchema,
  traceJsonSchema,
  traceSchema,
  workloadTraceSchema,
} from './render/trace-schema.js';
export { renderTraceText, type TraceTextOptions } from './render/trace-text.js';
