import type { MatrixCell } from '../../fleet/matrix.js';

/** One character per verdict, for grids: ✓ reachable, ✗ blocked, ∅ unresolved (no DNS answer), ? unknown, ! error. */
export const VERDICT_MARKS: Readonly<Record<MatrixCell['verdict'], string>> = {
  reachable: '✓',
  blocked: '✗',
  unresolved: '∅',
  unknown: '?',
  error: '!',
};

/** Every address the destination may see, `a|b` when a SNAT entry picks one of several. */
export function seenText(cell: MatrixCell): string {
  if (cell.sourceAddressCandidates.length > 0) return cell.sourceAddressCandidates.join('|');
  return cell.sourceAddressSeen ?? '';
}
