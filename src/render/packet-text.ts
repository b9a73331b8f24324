import type { Packet } from '../model/trace.js';
import { visible } from './sanitize.js';

/** `dst:port/proto`, with an IPv6 destination bracketed (`[2001:db8::1]:443/tcp`); ICMP has no port. */
export function formatDestination(packet: Pick<Packet, 'dst' | 'port' | 'protocol'>): string {
  const dst = visible(packet.dst);
  if (packet.port === null) return `${dst} ${packet.protocol}`;
  const host = dst.includes(':') ? `[${dst}]` : dst;
  return `${host}:${packet.port}/${packet.protocol}`;
}

/** `src → dst:port/proto`. */
export function formatPacket(packet: Packet): string {
  return `${visible(packet.src)} → ${formatDestination(packet)}`;
}

/** Which addresses a hop changed compared with the packet it received. */
export function packetChanges(
  before: Packet | undefined,
  after: Packet,
): { src: boolean; dst: boolean; port: boolean } {
  if (before === undefined) return { src: false, dst: false, port: false };
  return { src: before.src !== after.src, dst: before.dst !== after.dst, port: before.port !== after.port };
}
