import { describe, expect, it } from 'vitest';
import { palette } from './colors.js';
import { dnsDetailLines, foldedTraceLine, formatQueryRow } from './dns-text.js';

describe('dns details in words', () => {
  it('each outcome of a query', () => {
    expect(formatQueryRow({ name: 'a.example.', type: 'A', outcome: 'answer', addresses: ['1.2.3.4'] })).toBe(
      'a.example. A    1.2.3.4',
    );
    expect(formatQueryRow({ name: 'a.example.', type: 'AAAA', outcome: 'answer', addresses: [] })).toBe(
      'a.example. AAAA no record of this type (NODATA)',
    );
    expect(
      formatQueryRow({
        name: 'a.example.',
        type: 'A',
        outcome: 'cname',
        cname: 'b.example.',
        addresses: ['5.6.7.8'],
      }),
    ).toBe('a.example. A    CNAME b.example. → 5.6.7.8');
    expect(formatQueryRow({ name: 'a.example.', type: 'A', outcome: 'nxdomain' })).toBe(
      'a.example. A    NXDOMAIN',
    );
    expect(formatQueryRow({ name: 'a.example.', type: 'A', outcome: 'not-asked' })).toBe(
      'a.example. A    not asked',
    );
  });

  it('a nested trace folds to one line, with where it stopped', () => {
    expect(
      foldedTraceLine({
        verdict: 'blocked',
        query: { to: '192.168.0.10', protocol: 'udp', port: 53 },
        hops: [
          { kind: 'source', result: 'pass' },
          { kind: 'service', result: 'rewrite' },
          { kind: 'egress-policy', result: 'drop' },
        ],
        blockedAt: { kind: 'egress-policy', reason: 'no rule allows it' },
      }),
    ).toBe(
      'udp/53 → 192.168.0.10  blocked  [source ✓ · service ↻ · egress-policy ✗] — egress-policy: no rule allows it',
    );
    expect(foldedTraceLine(null)).toBe('not traced');
  });

  it('resolver, queries, answer, path and fix', () => {
    const lines = dnsDetailLines(
      {
        resolver: {
          effective: 'ClusterFirst',
          nameservers: ['192.168.0.10'],
          searches: ['shop.svc.cluster.local'],
          options: ['ndots:5'],
          sources: { nameservers: 'kubelet' },
        },
        queries: [{ name: 'a.example.', type: 'A', outcome: 'answer', addresses: ['1.2.3.4'] }],
        answer: { name: 'a.example.', addresses: ['1.2.3.4'], cnames: [] },
        queryTrace: null,
        fix: 'allow UDP 53',
      },
      palette(false),
      '',
    );
    expect(lines).toEqual([
      'resolver  ClusterFirst: nameserver 192.168.0.10 · search shop.svc.cluster.local · options ndots:5',
      '          nameservers from kubelet',
      'queries   a.example. A    1.2.3.4',
      'answer    a.example. → 1.2.3.4',
      'path      not traced',
      'fix       allow UDP 53',
    ]);
  });
});
