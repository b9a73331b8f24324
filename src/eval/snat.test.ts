import { describe, expect, it } from 'vitest';
import type { SnatEntry } from '../model/cloud.js';
import { selectSnatEntry } from './snat.js';

const origin = { file: 'snat.json', path: '' };

function snat(id: string, source: { cidr?: string; vSwitch?: string }, status = 'Available'): SnatEntry {
  return {
    id,
    snatTableId: 'stb-1',
    snatIps: ['47.98.1.10'],
    status,
    origin,
    ...(source.cidr === undefined ? {} : { sourceCidr: source.cidr }),
    ...(source.vSwitch === undefined ? {} : { sourceVSwitchId: source.vSwitch }),
  };
}

const vSwitches: Record<string, string> = {
  'vsw-node': '10.0.1.0/24',
  'vsw-pod': '10.0.64.0/19',
};
const cidrOf = (id: string) => vSwitches[id];

describe('selectSnatEntry', () => {
  it('a /32 ECS entry beats the vSwitch entry', () => {
    const entries = [snat('snat-vsw', { vSwitch: 'vsw-node' }), snat('snat-ecs', { cidr: '10.0.1.23/32' })];
    const selection = selectSnatEntry(entries, '10.0.1.23', cidrOf);
    expect(selection.entry?.id).toBe('snat-ecs');
    expect(selection.entry && selection.prefix).toBe(32);
  });

  it('the vSwitch entry covers the other addresses of the vSwitch', () => {
    const entries = [snat('snat-vsw', { vSwitch: 'vsw-node' }), snat('snat-ecs', { cidr: '10.0.1.23/32' })];
    const selection = selectSnatEntry(entries, '10.0.1.24', cidrOf);
    expect(selection.entry?.id).toBe('snat-vsw');
    expect(selection.entry && selection.sourceCidr).toBe('10.0.1.0/24');
  });

  it('a pod vSwitch entry covers a Terway pod IP', () => {
    const entries = [snat('snat-node', { vSwitch: 'vsw-node' }), snat('snat-pod', { vSwitch: 'vsw-pod' })];
    expect(selectSnatEntry(entries, '10.0.70.9', cidrOf).entry?.id).toBe('snat-pod');
  });

  it('no entry when only another vSwitch is covered (new pod vSwitch missing from SNAT)', () => {
    const entries = [snat('snat-node', { vSwitch: 'vsw-node' })];
    const selection = selectSnatEntry(entries, '10.0.70.9', cidrOf);
    expect(selection.entry).toBeUndefined();
    expect(selection.ignored).toEqual([]);
    expect(selection.unresolved).toEqual([]);
  });

  it('prefers SourceCIDR over the vSwitch CIDR when both are present', () => {
    const entries = [snat('snat-both', { cidr: '10.0.1.0/25', vSwitch: 'vsw-node' })];
    expect(selectSnatEntry(entries, '10.0.1.200', cidrOf).entry).toBeUndefined();
    expect(selectSnatEntry(entries, '10.0.1.100', cidrOf).entry?.id).toBe('snat-both');
  });

  it('a Pending entry is ignored, with the reason', () => {
    const entries = [snat('snat-pod', { vSwitch: 'vsw-pod' }, 'Pending')];
    const selection = selectSnatEntry(entries, '10.0.70.9', cidrOf);
    expect(selection.entry).toBeUndefined();
    expect(selection.ignored.map((i) => [i.entry.id, i.why])).toEqual([
      ['snat-pod', 'its status is Pending, not Available'],
    ]);
  });

  it('an Available entry next to a Pending one still wins', () => {
    const entries = [
      snat('snat-ecs', { cidr: '10.0.70.9/32' }, 'Deleting'),
      snat('snat-pod', { vSwitch: 'vsw-pod' }),
    ];
    expect(selectSnatEntry(entries, '10.0.70.9', cidrOf).entry?.id).toBe('snat-pod');
  });

  it('reports vSwitch entries whose CIDR is unknown', () => {
    const entries = [
      snat('snat-new', { vSwitch: 'vsw-unknown' }),
      snat('snat-node', { vSwitch: 'vsw-node' }),
    ];
    const selection = selectSnatEntry(entries, '10.0.1.5', cidrOf);
    expect(selection.entry?.id).toBe('snat-node');
    expect(selection.unresolved.map((e) => e.id)).toEqual(['snat-new']);
  });

  it('an entry without any source is ignored', () => {
    const selection = selectSnatEntry([snat('snat-empty', {})], '10.0.1.5', cidrOf);
    expect(selection.ignored.map((i) => i.why)).toEqual(['it has neither SourceCIDR nor SourceVSwitchId']);
  });

  it('breaks ties at equal prefix by id, with a note', () => {
    const entries = [snat('snat-b', { cidr: '10.0.1.0/24' }), snat('snat-a', { vSwitch: 'vsw-node' })];
    const selection = selectSnatEntry(entries, '10.0.1.5', cidrOf);
    expect(selection.entry?.id).toBe('snat-a');
    if (selection.entry === undefined) throw new Error('expected a selection');
    expect(selection.tiedWith.map((e) => e.id)).toEqual(['snat-b']);
    expect(selection.note).toContain('UNCONFIRMED');
  });

  it('no tie note when one entry covers the source', () => {
    const selection = selectSnatEntry([snat('snat-a', { vSwitch: 'vsw-node' })], '10.0.1.5', cidrOf);
    if (selection.entry === undefined) throw new Error('expected a selection');
    expect(selection.note).toBeUndefined();
  });

  it('an IPv6 source is never translated', () => {
    const selection = selectSnatEntry(
      [snat('snat-all', { cidr: '0.0.0.0/0' })],
      '2408:4005:300:aa00::1a',
      cidrOf,
    );
    expect(selection.entry).toBeUndefined();
  });
});
