import { escapeInvisible } from '../stable-json.js';
import type { PolicyMatrixResult } from './policy-matrix-result.js';

/**
 * `podreach matrix --policy-only --output json`: `{schemaVersion: 1, kind: 'policy-matrix', totals, namespaces,
 * from, to, rows}` or `{schemaVersion: 1, kind: 'policy-pair', from, to, ports}`; keys and rows in a fixed order.
 */
export function renderPolicyMatrixJson(result: PolicyMatrixResult): string {
  return `${escapeInvisible(JSON.stringify({ schemaVersion: 1, ...result }, null, 2))}\n`;
}
