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

export { packetRewrites as rewrites, type Rewrite } from '../../src/render/html/packet-rewrites.js';

export function formatPacket(packet: Packet): string {
  const port = packet.port === null ? '' : `:${packet.port}`;
  return `${packet.src} → ${packet.dst}${port} ${packet.protocol} IPv${packet.family}`;
}
