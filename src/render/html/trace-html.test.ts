import { describe, expect, it } from 'vitest';
import type { Trace } from '../../model/trace.js';
import { hiddenCodePoints } from '../test-fixtures/hidden.js';
import {
  blockedAtSnat,
  hostile,
  reachableViaSnat,
  unknownWithMissing,
  withBlockers,
  workload,
} from '../test-fixtures/traces.js';
import { escapeHtml } from './escape.js';
import { renderTraceHtml } from './trace-html.js';

/** A blocked trace whose every string is hostile: names, reasons, rules, fixes, assumptions. */
const hostileBlocked: Trace = {
  ...hostile,
  verdict: 'blocked',
  blockedAt: null,
  blockers: [
    {
      hopIndex: 0,
      kind: 'source',
      resource: { type: 'pod', id: '"><img src=x onerror=alert(1)>' },
      rule: { id: "' onmouseover='alert(1)", description: 'x' },
      reason: '</pre><script>alert(2)</script>',
      fixes: [
        {
          kind: 'k<b>',
          summary: '<iframe src="javascript:alert(3)">',
          commands: ['kubectl label pod "a" b=\u001b[31m<script>'],
          manifests: [],
          needs: ['<NEEDED>'],
          proof: { verdict: 'reachable', sourceAddressSeen: '<x>' },
        },
      ],
    },
  ],
  assumptions: [{ hop: 'source', statement: '<script>s()</script>', basis: '"quoted"' }],
  hops: hostile.hops.map((hop) => ({ ...hop, details: { '<k>': '<v>', list: ['<a>', { '"q"': "'s'" }] } })),
};

describe('escapeHtml', () => {
  it('replaces the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows an ANSI escape as text instead of passing the ESC byte', () => {
    expect(escapeHtml('\u001b[31mred')).toBe('\\x1b[31mred');
  });

  it('leaves plain names alone', () => {
    expect(escapeHtml('shop/web-7c9d-abcde')).toBe('shop/web-7c9d-abcde');
  });
});

describe('renderTraceHtml', () => {
  it('is one self-contained document: inline style admitted by hash, no script, no external URL', () => {
    const html = renderTraceHtml(blockedAtSnat);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
  });

  it('renders snapshot strings with <script>, quotes and ANSI escapes as text', () => {
    const html = renderTraceHtml(hostileBlocked, { subtitle: '<script>sub</script>' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&#39; onmouseover=&#39;alert(1)');
    expect(html).toContain('&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;');
    expect(html).toContain('kubectl label pod &quot;a&quot; b=\\x1b[31m&lt;script&gt;');
    expect(html).toContain('&lt;k&gt;');
    expect(html).toContain('abc\\u202edef');
    expect(hiddenCodePoints(html)).toEqual([]);
  });

  it('shows the verdict, the blocking hop, its reason and the packet rewrites on the edges', () => {
    const html = renderTraceHtml(withBlockers);
    expect(html).toContain('class="verdict v-blocked"');
    expect(html).toContain('class="hop r-drop"');
    expect(html).toContain('blocker</strong>');
    for (const hop of withBlockers.hops) expect(html).toContain(escapeHtml(hop.reason));
  });

  it('writes a source NAT on the edge after the hop that did it', () => {
    const html = renderTraceHtml(reachableViaSnat);
    expect(html).toContain('<span class="rw">src <code>10.8.1.5</code> → <code>47.98.1.10</code></span>');
    expect(html).toContain('The destination sees the source as <code>47.98.1.10</code>');
  });

  it('lists the missing data with the command that collects it', () => {
    const html = renderTraceHtml(unknownWithMissing);
    expect(html).toContain('Missing data');
    expect(html).toContain('aliyun rds DescribeDBInstanceIPArrayList --DBInstanceId rm-bp1orders');
  });

  it('draws one path per group of pods of a workload, with distinct hop anchors', () => {
    const html = renderTraceHtml(workload);
    expect(html).toContain('1 pod: reachable');
    expect(html).toContain('2 pods: blocked');
    expect(html).toContain('id="g0-hop-0"');
    expect(html).toContain('id="g1-hop-0"');
  });
});
