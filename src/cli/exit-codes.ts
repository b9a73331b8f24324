import type { Verdict } from '../model/trace.js';

/** Exit codes of `podreach check` (docs/cli.md): scripts and CI branch on them. */
export const EXIT = {
  reachable: 0,
  blocked: 1,
  usage: 2,
  unknown: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** `unresolved` (the name does not resolve) fails like `blocked`: the connection cannot be made. */
export function exitCodeForVerdict(verdict: Verdict): ExitCode {
  if (verdict === 'reachable') return EXIT.reachable;
  if (verdict === 'unknown') return EXIT.unknown;
  return EXIT.blocked;
}

/** Severity order for a batch: bad input > blocked/unresolved > unknown > reachable. */
const RANK: Readonly<Record<ExitCode, number>> = { 0: 0, 3: 1, 1: 2, 2: 3 };

export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (RANK[code] > RANK[worst] ? code : worst), EXIT.reachable);
}
