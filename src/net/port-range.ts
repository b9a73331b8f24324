/**
 * Alibaba Cloud port range text: `80/80`, `1/65535`, and `-1/-1` for "not applicable / every port" (ICMP, GRE and
 * `all` rules; shared/reference/alibaba-semantics.md §5, §6).
 */
import type { PortRange } from '../model/protocol.js';

/**
 * Parses `from/to`. Returns `null` for `-1/-1` (every port), the inclusive range otherwise, and `undefined` for text
 * that is not a valid range (ports outside 1..65535, `from > to`, other separators).
 */
export function parsePortRange(text: string): PortRange | null | undefined {
  const match = /^\s*(-1|\d{1,5})\s*\/\s*(-1|\d{1,5})\s*$/.exec(text);
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from === -1 && to === -1) return null;
  if (from < 1 || to > 65535 || from > to) return undefined;
  return [from, to];
}

/** Whether `port` lies in the range; `null` range means every port. */
export function portInRange(range: PortRange | null, port: number): boolean {
  return range === null || (port >= range[0] && port <= range[1]);
}

/** Whether the range covers every port 1..65535. */
export function isEveryPort(range: PortRange | null): boolean {
  return range === null || (range[0] <= 1 && range[1] >= 65535);
}

/** `3306`, `8000-9000`, or `all ports`. */
export function formatPortRange(range: PortRange | null): string {
  if (range === null || isEveryPort(range)) return 'all ports';
  return range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`;
}
