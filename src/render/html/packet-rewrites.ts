/** What a hop changed in the packet (Service DNAT, DNS answer, SNAT/EIP, masquerade): drawn on the path's edges. */
import type { Packet } from '../../model/trace.js';

export interface Rewrite {
  readonly field: 'src' | 'dst' | 'port' | 'protocol' | 'family';
  readonly before: string;
  readonly after: string;
}

const FIELDS = ['src', 'dst', 'port', 'protocol', 'family'] as const;

export function packetRewrites(before: Packet, after: Packet): Rewrite[] {
  const changes: Rewrite[] = [];
  for (const field of FIELDS) {
    const a = String(before[field] ?? '—');
    const b = String(after[field] ?? '—');
    if (a !== b) changes.push({ field, before: a, after: b });
  }
  return changes;
}
