import { describe, expect, it } from 'vitest';
import type { Expectation, ExpectationResult } from '../../fleet/assert.js';
import type { Matrix } from '../../fleet/matrix.js';
import { escapeXml, renderAssertText, renderJunit } from './assert-text.js';
import { csvField } from './csv.js';
import { renderMatrixCsv } from './matrix-csv.js';
import { renderMatrixText } from './matrix-text.js';

const expectation: Expectation = {
  index: 0,
  line: 3,
  name: 'web <reaches> "github" & co',
  query: {
    from: { kind: 'pod', namespace: 'a', name: 'b' },
    to: { kind: 'address', address: '1.1.1.1' },
    protocol: 'tcp',
    port: 443,
  },
  expect: 'reachable',
};
const pass: ExpectationResult = {
  expectation,
  passed: true,
  observed: 'reachable as 47.98.210.15',
  failures: [],
};
const fail: ExpectationResult = {
  expectation: { ...expectation, name: 'second' },
  passed: false,
  observed: 'blocked at internet-exit',
  failures: ['expected reachable, got blocked'],
};

describe('assert text and JUnit', () => {
  it('a line per expectation, then exactly "N passed, N failed"', () => {
    expect(renderAssertText([pass, fail], { color: false })).toBe(
      'PASS web <reaches> "github" & co: reachable as 47.98.210.15\n' +
        'FAIL second: blocked at internet-exit\n' +
        '       expected reachable, got blocked\n' +
        '1 passed, 1 failed\n',
    );
  });

  it('JUnit XML escapes names and messages and counts failures', () => {
    const xml = renderJunit('e.yaml', [pass, fail]);
    expect(xml).toContain('<testsuites tests="2" failures="1">');
    expect(xml).toContain(
      '<testcase name="web &lt;reaches&gt; &quot;github&quot; &amp; co" classname="e.yaml:3"/>',
    );
    expect(xml).toContain(
      '<failure message="expected reachable, got blocked">observed: blocked at internet-exit\nexpected reachable, got blocked</failure>',
    );
  });

  it('escapeXml replaces characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u001bc')).toBe('a\ufffdb\ufffdc');
    expect(escapeXml(`'`)).toBe('&apos;');
  });
});

describe('CSV', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField(null)).toBe('');
    expect(csvField(443)).toBe('443');
  });
});

const matrix: Matrix = {
  rows: [
    {
      id: 'shop/deployment/web',
      workload: 'shop/deployment/web',
      namespace: 'shop',
      representative: 'shop/web-1',
      pods: ['shop/web-1', 'shop/web-2'],
      hostNetwork: false,
      node: null,
      vSwitch: 'vsw-1',
      securityGroups: null,
    },
  ],
  columns: [
    {
      id: '1.1.1.1:443/tcp',
      category: 'internet',
      to: { kind: 'address', address: '1.1.1.1' },
      label: '1.1.1.1',
      port: 443,
      protocol: 'tcp',
    },
    {
      id: 'rm-1',
      category: 'rds',
      to: { kind: 'cloud-resource', id: 'rm-1' },
      label: 'rm-1',
      port: null,
      protocol: 'tcp',
    },
  ],
  cells: [
    [
      {
        verdict: 'reachable',
        sourceAddressSeen: '47.98.210.15',
        sourceAddressCandidates: ['47.98.210.15', '47.98.210.16'],
        blockedAt: null,
      },
      {
        verdict: 'blocked',
        sourceAddressSeen: null,
        sourceAddressCandidates: [],
        blockedAt: {
          kind: 'destination-access',
          resource: 'rm-1',
          rule: 'rm-1/default',
          reason: 'not in the whitelist',
        },
      },
    ],
  ],
};

describe('matrix text and CSV', () => {
  it('prints marks, the column legend and the addresses seen by column', () => {
    expect(renderMatrixText(matrix, { color: false })).toBe(
      [
        `workload (pods)${' '.repeat(10)}1 2`,
        'shop/deployment/web (2)  ✓ ✗',
        '',
        'columns:',
        '   1  1.1.1.1:443/tcp  (internet)',
        '   2  rm-1  (rds)',
        '',
        'seen as (source address at the destination, by column):',
        '  shop/deployment/web: 47.98.210.15|47.98.210.16 → 1',
        '',
        '1 rows (2 pods; 1 rows stand for several pods, traced from one) × 2 columns. ✓ reachable ✗ blocked ∅ unresolved ? unknown ! not checkable',
        'Trace any cell: podreach check <representative> <column> (representatives: --output json).',
        '',
      ].join('\n'),
    );
  });

  it('CSV has one line per cell', () => {
    const lines = renderMatrixCsv(matrix).split('\r\n');
    expect(lines[1]).toBe(
      'shop/deployment/web,shop/deployment/web,2,shop/web-1,1.1.1.1:443/tcp,internet,1.1.1.1,443,tcp,reachable,47.98.210.15,47.98.210.15 47.98.210.16,,,',
    );
    expect(lines[2]).toBe(
      'shop/deployment/web,shop/deployment/web,2,shop/web-1,rm-1,rds,rm-1,,tcp,blocked,,,destination-access,rm-1/default,not in the whitelist',
    );
  });
});
