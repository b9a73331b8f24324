import type { InspectReport } from './inspect-report.js';
import { escapeInvisible } from './stable-json.js';

/**
 * `podreach inspect --output json`: the report as built (its key order is fixed by buildInspectReport), with
 * invisible and bidi characters escaped. Deterministic for a given snapshot. No trailing newline.
 */
export function renderInspectJson(report: InspectReport, options: { readonly indent?: number } = {}): string {
  const indent = options.indent ?? 2;
  return escapeInvisible(JSON.stringify(report, null, indent === 0 ? undefined : indent));
}
