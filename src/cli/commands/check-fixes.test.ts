import { describe, expect, it } from 'vitest';
import { check } from '../../engine/index.js';
import { fixtureFiles, WEB_B } from '../../engine/test-fixtures/cluster.js';
import { loadSnapshotFromFiles } from '../../load/index.js';
import type { CliDeps } from '../context.js';
import { captureIo } from '../io.js';
import { runProgram } from '../program.js';

async function run(argv: string[]) {
  const io = captureIo({ env: {} });
  const deps: CliDeps = {
    loadSnapshot: async () => loadSnapshotFromFiles(fixtureFiles({})),
    check,
    readTextFile: async () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
  };
  const code = await runProgram(['--no-color', ...argv], io, deps, {});
  return { code, out: io.out(), err: io.err() };
}

describe('podreach check: fixes with their proof', () => {
  const query = ['check', '-s', 'snap', `shop/${WEB_B}`, '140.82.112.5', '--port', '443'];

  it('JSON: the blocker carries the SNAT fix, its command and its proof', async () => {
    const r = await run([...query, '-o', 'json']);
    expect(r.code).toBe(1);
    const fix = JSON.parse(r.out).blockers[0].fixes[0];
    expect(fix).toMatchObject({
      kind: 'snat-entry-vswitch',
      commands: [
        'aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-pod-b --SnatIp 47.98.1.11',
      ],
      needs: [],
      proof: { verdict: 'reachable', sourceAddressSeen: '47.98.1.11' },
    });
  });

  it('text: the fix and the verdict after tracing again', async () => {
    const r = await run(query);
    expect(r.out).toContain(
      '$ aliyun vpc CreateSnatEntry --RegionId cn-hangzhou --SnatTableId stb-1 --SourceVSwitchId vsw-pod-b --SnatIp 47.98.1.11',
    );
    expect(r.out).toContain('proof: traced again with the fix: REACHABLE as 47.98.1.11');
  });

  it('--no-fixes leaves the fixes empty', async () => {
    const r = await run([...query, '-o', 'json', '--no-fixes']);
    expect(JSON.parse(r.out).blockers[0].fixes).toEqual([]);
  });
});
