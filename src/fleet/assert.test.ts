import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../engine/index.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Trace } from '../model/trace.js';
import { type Expectation, judge, parseExpectations, runExpectations, summaryLine } from './assert.js';
import { FLANNEL, loadExample, TERWAY, terwayWithoutSnatEntry } from './test-fixtures/examples.js';

function trace(partial: Partial<Trace>): Trace {
  return {
    schemaVersion: 1,
    query: { from: 'a/b', to: '1.1.1.1', protocol: 'tcp', port: 443, family: 4 },
    verdict: 'reachable',
    sourceAddressSeen: null,
    sourceAddressCandidates: [],
    blockedAt: null,
    blockers: [],
    assumptions: [],
    missing: [],
    hops: [],
    ...partial,
  };
}

const base: Expectation = {
  index: 0,
  line: 1,
  name: 'x',
  query: {
    from: { kind: 'pod', namespace: 'a', name: 'b' },
    to: { kind: 'address', address: '1.1.1.1' },
    protocol: 'tcp',
    port: 443,
  },
  expect: 'reachable',
};

describe('parseExpectations', () => {
  it('reads the examples format, with why, a list or a single sourceAddress, family and blockedAt', () => {
    const parsed = parseExpectations(
      'e.yaml',
      `- name: one
  from: shop/web-1
  to: api.github.com
  port: 443
  expect: reachable
  sourceAddress: [47.98.210.15, 47.98.210.16]
  why: "SNAT"
- from: shop/web-1
  to: ipv6.example.com
  port: 443
  family: 6
  expect: blocked
  blockedAt: internet-exit
  sourceAddress: 47.98.210.15
`,
    );
    expect(parsed).toEqual({
      ok: true,
      expectations: [
        {
          index: 0,
          line: 1,
          name: 'one',
          query: {
            from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
            to: { kind: 'name', name: 'api.github.com' },
            protocol: 'tcp',
            port: 443,
          },
          expect: 'reachable',
          sourceAddress: ['47.98.210.15', '47.98.210.16'],
        },
        {
          index: 1,
          line: 8,
          name: 'shop/web-1 → ipv6.example.com',
          query: {
            from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
            to: { kind: 'name', name: 'ipv6.example.com' },
            protocol: 'tcp',
            port: 443,
            family: 6,
          },
          expect: 'blocked',
          sourceAddress: ['47.98.210.15'],
          blockedAt: 'internet-exit',
        },
      ],
    });
  });

  it('reports every bad entry with its line and index, and nothing is returned', () => {
    const parsed = parseExpectations(
      'e.yaml',
      `- { from: a/b, to: 1.1.1.1, port: 443, expect: open }
- { from: a/b, to: 1.1.1.1, port: 443, expect: blocked, blockedAt: firewall }
- { from: a/b, to: 1.1.1.1, port: 443, expect: blocked, colour: red }
- { from: a/b, to: 1.1.1.1, expect: blocked }
- { from: a/b, to: 1.1.1.1, port: 443, expect: reachable, sourceAddress: [] }
`,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(5);
    expect(parsed.errors[0]).toBe(
      'e.yaml:1: entry [0]: "expect" must be one of reachable, blocked, unresolved, unknown',
    );
    expect(parsed.errors[1]).toMatch(/^e\.yaml:2: entry \[1\]: "blockedAt" must be a hop kind/);
    expect(parsed.errors[2]).toMatch(/^e\.yaml:3: entry \[2\]: unknown key "colour"/);
    expect(parsed.errors[3]).toMatch(/^e\.yaml:4: entry \[3\]: "port" is required for tcp/);
    expect(parsed.errors[4]).toMatch(/^e\.yaml:5: entry \[4\]: "sourceAddress" must be/);
  });

  it('refuses a document that is not a list, and invalid YAML', () => {
    expect(parseExpectations('e.yaml', 'from: a/b').ok).toBe(false);
    expect(parseExpectations('e.yaml', '- [unclosed').ok).toBe(false);
  });

  it('reads a plain query list when expect is not required', () => {
    const parsed = parseExpectations('q.yaml', '- { from: a/b, to: 1.1.1.1, port: 80 }', {
      expectRequired: false,
    });
    expect(parsed.ok && parsed.expectations[0]?.query.port).toBe(80);
    expect(parseExpectations('q.yaml', '- { from: a/b, to: 1.1.1.1, port: 80 }').ok).toBe(false);
  });
});

describe('judge', () => {
  it('passes on the verdict alone when nothing else is expected', () => {
    expect(judge(base, trace({ verdict: 'reachable' }))).toEqual([]);
    expect(judge(base, trace({ verdict: 'blocked' }))).toEqual(['expected reachable, got blocked']);
  });

  it('a list of source addresses must be exactly the candidates, and the seen one among them', () => {
    const e = { ...base, sourceAddress: ['47.98.210.15', '47.98.210.16'] };
    const both = trace({
      sourceAddressSeen: '47.98.210.15',
      sourceAddressCandidates: ['47.98.210.16', '47.98.210.15'],
    });
    expect(judge(e, both)).toEqual([]);
    const one = trace({ sourceAddressSeen: '47.98.210.15', sourceAddressCandidates: ['47.98.210.15'] });
    expect(judge(e, one)).toEqual(['expected source address 47.98.210.15 or 47.98.210.16, got 47.98.210.15']);
  });

  it('a single source address must be the only candidate', () => {
    const e = { ...base, sourceAddress: ['10.0.64.11'] };
    expect(
      judge(e, trace({ sourceAddressSeen: '10.0.64.11', sourceAddressCandidates: ['10.0.64.11'] })),
    ).toEqual([]);
    expect(judge(e, trace({ sourceAddressSeen: null, sourceAddressCandidates: [] }))).toEqual([
      'expected source address 10.0.64.11, got none',
    ]);
  });

  it('blockedAt compares the first blocking hop', () => {
    const e: Expectation = { ...base, expect: 'blocked', blockedAt: 'internet-exit' };
    const at = (kind: 'internet-exit' | 'egress-policy') =>
      trace({
        verdict: 'blocked',
        blockedAt: { hopIndex: 3, kind, resource: null, rule: null, reason: '', fixes: [] },
      });
    expect(judge(e, at('internet-exit'))).toEqual([]);
    expect(judge(e, at('egress-policy'))).toEqual(['expected blocked at internet-exit, got egress-policy']);
  });
});

describe('assert on the examples', () => {
  let terway: Snapshot;
  let flannel: Snapshot;
  let terwayNoSnat: Snapshot;
  beforeAll(async () => {
    terway = await loadExample(TERWAY);
    flannel = await loadExample(FLANNEL);
    terwayNoSnat = await loadExample(terwayWithoutSnatEntry('snat-bp1dyrhigku3583a56sq'));
  });

  const read = (folder: string) => {
    const parsed = parseExpectations(
      'expectations.yaml',
      readFileSync(join(folder, 'expectations.yaml'), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.expectations;
  };

  it('every hand-written expectation of both examples holds', () => {
    const t = runExpectations(terway, check, read(TERWAY));
    const f = runExpectations(flannel, check, read(FLANNEL));
    expect(t.filter((r) => !r.passed).map((r) => [r.expectation.name, r.failures])).toEqual([]);
    expect(f.filter((r) => !r.passed).map((r) => [r.expectation.name, r.failures])).toEqual([]);
    expect(summaryLine(t)).toBe('31 passed, 0 failed');
    expect(summaryLine(f)).toBe('19 passed, 0 failed');
  });

  it('without the SNAT entry of the zone-j pod vSwitch, exactly the expectations that leave through it fail', () => {
    const results = runExpectations(terwayNoSnat, check, read(TERWAY));
    // By hand from expectations.yaml: the pods in vsw-bp191lfhxnepzzoiopw4 (10.0.64.0/19) without an EIP that
    // expect to reach the Internet through snat-bp1dyrhigku3583a56sq.
    expect(results.filter((r) => !r.passed).map((r) => r.expectation.name)).toEqual([
      'Terway pod in a covered pod vSwitch reaches the Internet through the NAT gateway',
      'checkout pod on an old vSwitch still works (the Deployment is split by vSwitch)',
      'third-party allow-list admits the NAT EIPs',
      'CNAME is followed',
    ]);
    const first = results.find((r) => !r.passed);
    expect(first?.observed).toBe('blocked at internet-exit');
    expect(summaryLine(results)).toBe('27 passed, 4 failed');
  });

  it('a query the snapshot cannot answer fails, saying why', () => {
    const [result] = runExpectations(terway, check, [
      { ...base, query: { ...base.query, from: { kind: 'pod', namespace: 'shop', name: 'gone' } } },
    ]);
    expect(result?.passed).toBe(false);
    expect(result?.failures[0]).toMatch(/^cannot be checked: /);
  });
});
