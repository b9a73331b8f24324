import { describe, expect, it } from 'vitest';
import type { Packet } from '../../model/trace.js';
import { packetRewrites } from './packet-rewrites.js';

const packet: Packet = { family: 4, src: '10.0.0.5', dst: '172.16.0.10', protocol: 'tcp', port: 80 };

describe('packetRewrites', () => {
  it('names nothing when the packet goes on unchanged', () => {
    expect(packetRewrites(packet, { ...packet })).toEqual([]);
  });

  it('names a Service DNAT (destination and port) in field order', () => {
    expect(packetRewrites(packet, { ...packet, dst: '10.0.1.7', port: 8080 })).toEqual([
      { field: 'dst', before: '172.16.0.10', after: '10.0.1.7' },
      { field: 'port', before: '80', after: '8080' },
    ]);
  });

  it('names a source NAT to a public address', () => {
    expect(packetRewrites(packet, { ...packet, src: '47.98.1.10' })).toEqual([
      { field: 'src', before: '10.0.0.5', after: '47.98.1.10' },
    ]);
  });
});
