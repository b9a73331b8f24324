/** Plain functions the trace view is drawn from: verdict and hop result marks, and the rewrites between hops. */
import type { HopResult, Packet, Verdict } from '../../src/model/trace.js';

/** Each mark has a symbol and a shape besides its colour, so it reads without colour. */
export const RESULT_MARK: Readonly<Record<HopResult, { symbol: string; word: string }>> = {
  pass: { symbol: '✓', word: 'passes' },
  rewrite: { symbol: '✓', word: 'passes, rewritten' },
  drop: { symbol: '✗', word: 'drops' },
  skip: { symbol: '–', word: 'does not apply' },
  unknown: { symbol: '?', word: 'unknown' },
};

export const VERDICT_MARK: Readonly<Record<Verdict, { symbol: string; word: string }>> = {
  reachable: { symbol: '✓', word: 'reachable' },
  blocked: { symbol: '✗', word: 'blocked' },
  unresolved: { symbol: '✗', word: 'unresolved' },
  unknown: { symbol: '?', word: 'unknown' },
};

export interface Rewrite {
  readonly field: 'src' | 'dst' | 'port' | 'family' | 'protocol';
  readonly before: string;
  readonly after: string;
}

/** What changed in the packet between two hops (the later hop did it). */
export function rewrites(before: Packet, after: Packet): Rewrite[] {
  const changes: Rewrite[] = [];
  const fields = ['src', 'dst', 'port', 'protocol', 'family'] as const;
  for (const field of fields) {
    const a = String(before[field] ?? '—');
    const b = String(after[field] ?? '—');
    if (a !== b) changes.push({ field, before: a, after: b });
  }
  return changes;
}

export function formatPacket(packet: Packet): string {
  const port = packet.port === null ? '' : `:${packet.port}`;
  return `${packet.src} → ${packet.dst}${port} ${packet.protocol} IPv${packet.family}`;
}
