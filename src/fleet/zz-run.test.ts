import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { captureIo } from '/work/main/src/cli/io.js';
import { run } from '/work/main/src/cli/main.js';

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}
it('run', async () => {
  const cmds: string[][] = JSON.parse(process.env.CMDS ?? '[]');
  let all = '';
  for (const c of cmds) {
    const r = await cli(c);
    all += `$ podreach ${c.join(' ')}\n${r.out}${r.err ? `[stderr]\n${r.err}` : ''}[exit ${r.code}]\n\n`;
  }
  writeFileSync('/tmp/fl/out.txt', all);
}, 300000);
