/** The policy-only renderers on hand-built results: unknown counts, hostile names, CSV formula escaping, JSON keys. */
import { describe, expect, it } from 'vitest';
import { renderPolicyMatrixCsv } from './policy-matrix-csv.js';
import { renderPolicyMatrixJson } from './policy-matrix-json.js';
import type { PolicyNamespaceMatrix, PolicyPairResult } from './policy-matrix-result.js';
import { renderPolicyMatrixText } from './policy-matrix-text.js';

const matrix: PolicyNamespaceMatrix = {
  kind: 'policy-matrix',
  totals: { pods: 3, podPairs: 9, allowedPairs: 4, unknownPairs: 2, destinationsWithoutPorts: 0 },
  namespaces: [
    { name: '=evil\u001b[2J', pods: 1 },
    { name: 'b', pods: 2 },
  ],
  from: ['=evil\u001b[2J', 'b'],
  to: ['=evil\u001b[2J', 'b'],
  rows: [
    { from: '=evil\u001b[2J', to: '=evil\u001b[2J', pairs: 1, allowed: 1, unknown: 0 },
    { from: '=evil\u001b[2J', to: 'b', pairs: 2, allowed: 0, unknown: 2 },
    { from: 'b', to: '=evil\u001b[2J', pairs: 2, allowed: 2, unknown: 0 },
    { from: 'b', to: 'b', pairs: 4, allowed: 1, unknown: 0 },
  ],
};

describe('policy-only renderers', () => {
  it('text: aligned cells, ?N for unknown, escaped names', () => {
    const text = renderPolicyMatrixText(matrix);
    expect(text).not.toContain('\u001b');
    expect(text).toContain(
      [
        `from \\ to${' '.repeat(5)}=evil\\x1b[2J${' '.repeat(7)}b`,
        `=evil\\x1b[2J${' '.repeat(11)}1/1  0/2 ?2`,
        `b${' '.repeat(22)}2/2${' '.repeat(5)}1/4`,
        '',
        'pods: =evil\\x1b[2J 1 · b 2',
        'whole snapshot: 3 pods, 9 pod pairs, 4 allowed, 2 unknown; 0 destination pods declare no port (never asked)',
      ].join('\n'),
    );
  });

  it('CSV: header, one line per cell, a formula-like name neutralised', () => {
    expect(renderPolicyMatrixCsv(matrix).split('\r\n').slice(0, 3)).toEqual([
      'from,to,pairs,allowed,unknown',
      "'=evil\u001b[2J,'=evil\u001b[2J,1,1,0",
      "'=evil\u001b[2J,b,2,0,2",
    ]);
  });

  it('JSON: schemaVersion first, invisible characters escaped', () => {
    const json = renderPolicyMatrixJson(matrix);
    expect(json).not.toContain('\u001b');
    expect(Object.keys(JSON.parse(json))).toEqual([
      'schemaVersion',
      'kind',
      'totals',
      'namespaces',
      'from',
      'to',
      'rows',
    ]);
  });

  it('one pair: unknown when no declared port is allowed and one is of unknown enforcement', () => {
    const pair: PolicyPairResult = {
      kind: 'policy-pair',
      from: 'a/p',
      to: 'b/q',
      ports: [
        { protocol: 'tcp', port: 80, source: 'declared', verdict: 'deny' },
        { protocol: 'udp', port: 53, source: 'declared', verdict: 'unknown' },
        { protocol: 'tcp', port: 443, source: 'asked', verdict: 'allow' },
      ],
    };
    expect(renderPolicyMatrixText(pair)).toContain(
      [
        'NetworkPolicy alone: a/p → b/q',
        '  80/tcp   declared  deny',
        '  53/udp   declared  unknown',
        '  443/tcp  --port    allow',
        'pair: unknown (no declared port allowed, one denied by a policy of unknown enforcement)',
      ].join('\n'),
    );
    expect(renderPolicyMatrixCsv(pair)).toBe(
      'from,to,protocol,port,source,verdict\r\na/p,b/q,tcp,80,declared,deny\r\na/p,b/q,udp,53,declared,unknown\r\na/p,b/q,tcp,443,asked,allow\r\n',
    );
  });
});
