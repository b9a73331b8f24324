import { describe, expect, it } from 'vitest';
import type { Column } from '../../fleet/columns.js';
import type { Matrix, MatrixCell } from '../../fleet/matrix.js';
import type { SourceRow } from '../../fleet/sources.js';
import { escapeHtml } from '../html/escape.js';
import { renderMatrixHtml } from './matrix-html.js';

function row(id: string, pods = 1): SourceRow {
  return {
    id,
    workload: id,
    namespace: 'ns',
    representative: `ns/${id}-0`,
    pods: Array.from({ length: pods }, (_, i) => `ns/${id}-${i}`),
    hostNetwork: false,
    node: null,
    vSwitch: null,
    securityGroups: null,
  };
}

function column(label: string): Column {
  return {
    id: `${label}:443/tcp`,
    category: 'custom',
    to: { kind: 'name', name: label },
    label,
    port: 443,
    protocol: 'tcp',
  };
}

const reachable: MatrixCell = {
  verdict: 'reachable',
  sourceAddressSeen: '47.98.210.15',
  sourceAddressCandidates: ['47.98.210.15'],
  blockedAt: null,
};

describe('escapeHtml', () => {
  it('escapes markup and quote characters and shows hidden ones', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'\``)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;',
    );
    expect(escapeHtml('a\u202eb')).toBe('a\\u202eb');
    expect(escapeHtml('plain-name.ns')).toBe('plain-name.ns');
  });
});

describe('renderMatrixHtml', () => {
  it('escapes every snapshot string: row ids, pod names, column ids and reasons', () => {
    const hostile = '<script>alert(1)</script>';
    const matrix: Matrix = {
      rows: [row(hostile)],
      columns: [column(`"><img src=x onerror=alert(1)>`)],
      cells: [
        [
          {
            verdict: 'blocked',
            sourceAddressSeen: null,
            sourceAddressCandidates: [],
            blockedAt: {
              kind: 'egress-policy',
              resource: null,
              rule: `'x'`,
              reason: `denied by <b>${hostile}</b>`,
            },
          },
        ],
      ],
    };
    const html = renderMatrixHtml(matrix, { title: hostile });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('needs no network: no external URL, no script, no link or image, a CSP that forbids fetching', () => {
    const html = renderMatrixHtml({
      rows: [row('web')],
      columns: [column('api.github.com')],
      cells: [[reachable]],
    });
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<a href="#t1">✓ 47.98.210.15</a>');
    expect(html).toContain(
      '<section class="t" id="t1"><pre>reachable — seen as 47.98.210.15</pre></section>',
    );
  });

  it('stays light at 500 rows × 100 columns: identical summaries are written once', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(`ns/deployment/app-${i}`, 3));
    const columns = Array.from({ length: 100 }, (_, i) => column(`dest-${i}.example.com`));
    const cells = rows.map((_, r) =>
      columns.map(
        (_, c): MatrixCell =>
          (r + c) % 3 === 0
            ? {
                verdict: 'blocked',
                sourceAddressSeen: null,
                sourceAddressCandidates: [],
                blockedAt: {
                  kind: 'internet-exit',
                  resource: null,
                  rule: 'ngw-1',
                  reason: 'no SNAT entry covers the pod vSwitch',
                },
              }
            : reachable,
      ),
    );
    const started = performance.now();
    const html = renderMatrixHtml({ rows, columns, cells });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(html.length).toBeLessThan(6_000_000);
    expect(html.match(/<section class="t"/g)).toHaveLength(2);
    expect(html.match(/<tr>/g)).toHaveLength(501);
  });

  it('is the same bytes for the same matrix', () => {
    const m: Matrix = {
      rows: [row('a'), row('b')],
      columns: [column('x')],
      cells: [[reachable], [reachable]],
    };
    expect(renderMatrixHtml(m)).toBe(renderMatrixHtml(m));
  });
});
