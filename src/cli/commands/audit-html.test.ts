/** `podreach audit --output html` end to end on the examples, in-process. */
import { describe, expect, it } from 'vitest';
import { FLANNEL, TERWAY } from '../../fleet/test-fixtures/examples.js';
import { captureIo } from '../io.js';
import { run } from '../main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach audit --output html', () => {
  it('Terway: one self-contained page with the high SNAT finding and its fix, exit 1 as in text mode', async () => {
    const html = await cli(['audit', '--snapshot', TERWAY, '--output', 'html']);
    const text = await cli(['audit', '--snapshot', TERWAY]);
    expect(html.code).toBe(1);
    expect(html.code).toBe(text.code);
    expect(html.err).toBe('');
    expect(html.out.startsWith('<!doctype html>\n')).toBe(true);
    expect(html.out).toContain('<section id="high"><h2>✗ high (');
    expect(html.out).toContain(
      '<span class="check">snat-uncovered-vswitch</span> <code>vsw-bp1zjgcw5ubb1wqifun5</code>',
    );
    expect(html.out).toContain('<pre><code>aliyun vpc CreateSnatEntry');
    expect(html.out).toContain(`<p class="muted">snapshot ${TERWAY}</p>`);
    expect(html.out).not.toMatch(/<script|https?:\/\//i);
  });

  it('Flannel: exit 0 as in text mode; the same input gives the same bytes', async () => {
    const a = await cli(['audit', '--snapshot', FLANNEL, '--output', 'html']);
    const b = await cli(['audit', '--snapshot', FLANNEL, '--output', 'html']);
    expect(a.code).toBe(0);
    expect(a.code).toBe((await cli(['audit', '--snapshot', FLANNEL])).code);
    expect(a.out).toContain('<span class="check">policy-not-enforced</span>');
    expect(b.out).toBe(a.out);
  });

  it('exit 2 for an unknown output format', async () => {
    expect((await cli(['audit', '--snapshot', TERWAY, '--output', 'pdf'])).code).toBe(2);
  });
});
