import { describe, expect, it } from 'vitest';
import { FLANNEL, TERWAY } from '../../fleet/test-fixtures/examples.js';
import { captureIo } from '../io.js';
import { run } from '../main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach matrix', () => {
  it('text on the Flannel example: rows, the column legend, the addresses seen', async () => {
    const r = await cli([
      'matrix',
      '--snapshot',
      FLANNEL,
      '--from',
      'web',
      '--to',
      'api.github.com',
      '--to',
      'rm-bp14sqc6vulowiur9',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('   1  api.github.com:443/tcp  (custom)');
    expect(r.out).toContain('   2  rm-bp14sqc6vulowiur9  (custom)');
    // By hand: frontend-r6t2y runs on the EIP node .22 (118.31.40.77, admitted by the RDS as 192.168.10.22).
    expect(r.out).toContain('web/deployment/frontend#3: 118.31.40.77 → 1; 192.168.10.22 → 2');
  });

  it('JSON, CSV and HTML on the Terway example', async () => {
    const json = await cli([
      'matrix',
      '--snapshot',
      TERWAY,
      '--from',
      'shop/deployment/web',
      '--output',
      'json',
    ]);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.out) as { rows: { id: string; podCount: number }[]; cells: unknown[] };
    expect(data.rows.map((r) => [r.id, r.podCount])).toEqual([
      ['shop/deployment/web#1', 2],
      ['shop/deployment/web#2', 1],
    ]);
    const csv = await cli([
      'matrix',
      '--snapshot',
      TERWAY,
      '--from',
      'shop/deployment/web',
      '--output',
      'csv',
    ]);
    expect(csv.out.split('\r\n')[0]).toMatch(/^row,workload,pods,representative,column,/);
    const html = await cli(['matrix', '--snapshot', TERWAY, '--output', 'html']);
    expect(html.out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.out).not.toMatch(/https?:\/\//);
  });

  it('exit 2 on a bad --port, a bad --to and a --from that matches nothing', async () => {
    expect((await cli(['matrix', '--snapshot', TERWAY, '--port', '99999'])).code).toBe(2);
    expect((await cli(['matrix', '--snapshot', TERWAY, '--to', 'http://x'])).code).toBe(2);
    const none = await cli(['matrix', '--snapshot', TERWAY, '--from', 'nosuchnamespace']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no pod matches --from');
  });
});
