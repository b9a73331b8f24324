import { csvLine } from './csv.js';
import type { PolicyMatrixResult } from './policy-matrix-result.js';

/** One line per (from, to) namespace pair, or per port of one pod pair; the totals are in text and JSON only. */
export function renderPolicyMatrixCsv(result: PolicyMatrixResult): string {
  if (result.kind === 'policy-pair') {
    let out = csvLine(['from', 'to', 'protocol', 'port', 'source', 'verdict']);
    for (const p of result.ports)
      out += csvLine([result.from, result.to, p.protocol, p.port, p.source, p.verdict]);
    return out;
  }
  let out = csvLine(['from', 'to', 'pairs', 'allowed', 'unknown']);
  for (const r of result.rows) out += csvLine([r.from, r.to, r.pairs, r.allowed, r.unknown]);
  return out;
}
