import { describe, expect, it } from 'vitest';
import type { Finding } from '../../fleet/audit.js';
import { renderAuditHtml } from './audit-html.js';

const findings: Finding[] = [
  {
    check: 'snat-uncovered-vswitch',
    severity: 'high',
    subject: 'vsw-1',
    title: 'no SNAT entry covers vSwitch vsw-1',
    evidence: ['shop/web-1 is blocked at internet-exit'],
    fixes: [
      {
        kind: 'snat',
        summary: 'add an SNAT entry for vsw-1',
        commands: ['aliyun vpc CreateSnatEntry --SourceVSwitchId vsw-1'],
        manifests: [],
        needs: [],
        proof: { verdict: 'reachable', sourceAddressSeen: '47.98.1.10' },
      },
    ],
  },
  {
    check: 'policy-selects-nothing',
    severity: 'low',
    subject: 'shop/np-old',
    title: 'selects no pod',
    evidence: [],
    fixes: [],
  },
];

/** A finding whose every string is hostile: names with <script>, quotes and ANSI escapes. */
const hostile: Finding = {
  check: 'c<script>alert(0)</script>',
  severity: 'medium',
  subject: '"><img src=x onerror=alert(1)>',
  title: "' onmouseover='alert(1)",
  evidence: ['</pre><script>alert(2)</script>', 'pod \u001b[31mred\u001b[0m'],
  fixes: [
    {
      kind: 'k<b>',
      summary: '<iframe src="https://evil.example/x">',
      tradeoffs: '<style>x</style>',
      commands: ['kubectl label pod "a" b=\u001b[31m<script>\nsecond </pre> line'],
      manifests: ['metadata:\n  name: "<script>"'],
      needs: ['<NEEDED>'],
      proof: { verdict: 'reachable', sourceAddressSeen: '<x>' },
    },
  ],
};

describe('renderAuditHtml', () => {
  it('is one self-contained document: inline style admitted by its hash, no script, no URL', () => {
    const html = renderAuditHtml(findings);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('groups findings by severity, high first, empty groups left out', () => {
    const html = renderAuditHtml(findings);
    expect(html).toContain('<section id="high"><h2>✗ high (1)</h2>');
    expect(html).toContain('<section id="low"><h2>· low (1)</h2>');
    expect(html).not.toContain('<section id="medium">');
    expect(html).not.toContain('<section id="info">');
    expect(html.indexOf('id="high"')).toBeLessThan(html.indexOf('id="low"'));
    expect(html).toContain('<p>2 findings</p>');
    expect(html).toContain('<li>✗ 1 high</li><li>! 0 medium</li><li>· 1 low</li><li>i 0 info</li>');
  });

  it('shows evidence, fixes with commands in <pre>, and the proof', () => {
    const html = renderAuditHtml(findings);
    expect(html).toContain(
      '<article class="finding s-high"><p><span class="tag">high</span> <span class="check">snat-uncovered-vswitch</span> <code>vsw-1</code></p><p>no SNAT entry covers vSwitch vsw-1</p><ul><li>shop/web-1 is blocked at internet-exit</li></ul>',
    );
    expect(html).toContain('<pre><code>aliyun vpc CreateSnatEntry --SourceVSwitchId vsw-1</code></pre>');
    expect(html).toContain('<p class="proof-ok">After this fix: reachable as 47.98.1.10</p>');
    expect(html).toContain(
      '<article class="finding s-low"><p><span class="tag">low</span> <span class="check">policy-selects-nothing</span> <code>shop/np-old</code></p><p>selects no pod</p></article>',
    );
  });

  it('says so when there are no findings', () => {
    const html = renderAuditHtml([]);
    expect(html).toContain('<p>0 findings</p>');
    expect(html).toContain('<p class="muted">No findings.</p>');
    expect(html).not.toContain('<section');
  });

  it('renders hostile names with <script>, quotes and ANSI escapes as text', () => {
    const html = renderAuditHtml([hostile], { subtitle: 'snapshot <script>s</script>' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toContain('\u001b');
    expect(html).not.toMatch(/(src|href)="/i);
    expect(html).toContain('c&lt;script&gt;alert(0)&lt;/script&gt;');
    expect(html).toContain('<code>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(html).toContain('<p>&#39; onmouseover=&#39;alert(1)</p>');
    expect(html).toContain('<li>&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;</li>');
    expect(html).toContain('<li>pod \\x1b[31mred\\x1b[0m</li>');
    expect(html).toContain('&lt;iframe src=&quot;https://evil.example/x&quot;&gt;');
    expect(html).toContain(
      '<pre><code>kubectl label pod &quot;a&quot; b=\\x1b[31m&lt;script&gt;\nsecond &lt;/pre&gt; line</code></pre>',
    );
    expect(html).toContain('<pre><code>metadata:\n  name: &quot;&lt;script&gt;&quot;</code></pre>');
    expect(html).toContain('<code>&lt;NEEDED&gt;</code>');
    expect(html).toContain('<p class="muted">&lt;style&gt;x&lt;/style&gt;</p>');
    expect(html).toContain('<p class="muted">snapshot &lt;script&gt;s&lt;/script&gt;</p>');
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('is deterministic: the same findings give the same bytes', () => {
    const a = renderAuditHtml([...findings, hostile], { subtitle: 'snapshot x' });
    const b = renderAuditHtml(structuredClone([...findings, hostile]), { subtitle: 'snapshot x' });
    expect(b).toBe(a);
  });
});
