/**
 * Inputs built to exhaust memory or time: YAML alias bombs, 100,000-deep nesting in JSON and YAML, files over the
 * size limit (a multi-GB sparse file among them) and security groups with very many rules. Each is refused with a
 * clear message (file, line where there is one, exit 2 through the real CLI) or handled, in bounded time.
 * docs/reliability.md states these limits and how to raise them.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { check } from '../../src/engine/index.js';
import { formatProblem, loadSnapshot, loadSnapshotFromFiles } from '../../src/load/index.js';
import { exampleFiles, withJson } from '../reference/example-files.js';

const folders: string[] = [];

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podreach-bounded-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const io = captureIo();
  const started = Date.now();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err(), ms: Date.now() - started };
}

function errorsOf(files: { path: string; content: string | Uint8Array }[]) {
  const started = Date.now();
  const result = loadSnapshotFromFiles(files);
  return {
    errors: result.problems.filter((p) => p.severity === 'error').map(formatProblem),
    ms: Date.now() - started,
  };
}

const DEPTH = 100_000;

const BILLION_LAUGHS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: { name: lol, namespace: default }',
  'data:',
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  '  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

describe('YAML alias bombs', () => {
  it('are refused at their document, quickly, naming the alias limit', () => {
    const { errors, ms } = errorsOf([{ path: 'bomb.yaml', content: BILLION_LAUGHS }]);
    expect(ms).toBeLessThan(5_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: bomb\.yaml:1:1: document 1 expands YAML aliases more than 100 times/);
  });

  it('make the CLI exit 2 with that message and no stack trace', async () => {
    const dir = folderWith({ 'bomb.yaml': BILLION_LAUGHS });
    const result = await cli(['check', '--snapshot', dir, 'a/b', '8.8.8.8', '--port', '443']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('bomb.yaml:1:1: document 1 expands YAML aliases');
    expect(result.err).not.toMatch(/\n\s+at |internal error/);
  });
});

describe('100,000-deep nesting', () => {
  const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  const deepArray = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
  const cases: Record<string, string> = {
    'deep-array.json': deepArray,
    'deep-object.json': deepObject,
    'pod.json': `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","namespace":"n","annotations":${deepObject}},"spec":${deepArray}}`,
    'list.json': `{"kind":"List","apiVersion":"v1","items":[${deepObject},${deepArray}]}`,
    'vpcs.json': `{"RequestId":"r","TotalCount":1,"Vpcs":{"Vpc":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/8","Tags":${deepObject}}]}}`,
    'sg.json': `{"RequestId":"r","SecurityGroupId":"sg-1","Permissions":{"Permission":${deepArray}}}`,
    'world.json': `{"apiVersion":"podreach/v1","kind":"World","dns":${deepObject}}`,
  };

  it('in JSON: read or refused with a placed error, never a crash, in bounded time', () => {
    for (const [path, content] of Object.entries(cases)) {
      const { errors, ms } = errorsOf([{ path, content }]);
      expect(ms, path).toBeLessThan(10_000);
      for (const error of errors)
        expect(error, path).toMatch(new RegExp(`^error: ${path.replace('.', '\\.')}:\\d+:\\d+: `));
    }
    // The same through the large-file path, which reads `items` one by one from the bytes.
    const bytes = new TextEncoder().encode(cases['list.json']);
    const large = loadSnapshotFromFiles([{ path: 'list.json', content: bytes }], { jsonFastPathBytes: 0 });
    expect(large.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('in YAML (flow and block): refused as too deep, at its line, in bounded time', () => {
    const flow = `kind: Pod\napiVersion: v1\nmetadata:\n  name: x\n  annotations: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`;
    const block = `${'- '.repeat(DEPTH)}x\n`;
    for (const [path, content] of [
      ['flow.yaml', flow],
      ['block.yaml', block],
    ] as const) {
      const { errors, ms } = errorsOf([{ path, content }]);
      expect(ms, path).toBeLessThan(15_000);
      expect(errors, path).toHaveLength(1);
      expect(errors[0], path).toMatch(
        new RegExp(
          `^error: ${path.replace('.', '\\.')}:\\d+:\\d+: the YAML document is nested too deeply to read`,
        ),
      );
    }
  });

  it('through the CLI: exit 2, the file and line named, no stack trace', async () => {
    const dir = folderWith({
      'deep.yaml': `kind: Pod\nmetadata: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`,
      'pod.json': cases['pod.json'] ?? '',
    });
    const result = await cli(['inspect', '--snapshot', dir]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/deep\.yaml:2:\d+: the YAML document is nested too deeply/);
    expect(result.out + result.err).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
  });
});

describe('files over the size limit', () => {
  it('a small maxFileBytes refuses a larger file before reading it, naming the size, the limit and the option', async () => {
    const dir = folderWith({
      'big.json': JSON.stringify({ kind: 'List', apiVersion: 'v1', items: [], pad: 'x'.repeat(5000) }),
    });
    const result = await loadSnapshot(dir, { maxFileBytes: 1000 });
    expect(result.problems.map(formatProblem)).toEqual([
      'error: big.json: the file is 5053 bytes, over the limit of 1000 bytes; it was not read (expected at most 1000 bytes per file) — split the file, or raise the limit to at least 5053 bytes (CLI: PODREACH_MAX_FILE_BYTES=5053; library: the loadSnapshot option maxFileBytes)',
    ]);
    const inMemory = loadSnapshotFromFiles([{ path: 'big.json', content: 'x'.repeat(2000) }], {
      maxFileBytes: 1000,
    });
    expect(inMemory.problems[0]?.message).toBe(
      'the file is 2000 bytes, over the limit of 1000 bytes; it was not read',
    );
  });

  it('a 3 GB file (sparse: no disk used) is refused by the CLI at once, exit 2', async () => {
    const dir = folderWith({});
    const huge = join(dir, 'pods.json');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    const result = await cli(['check', '--snapshot', dir, 'a/b', '8.8.8.8', '--port', '443']);
    expect(result.code).toBe(2);
    expect(result.ms).toBeLessThan(5_000);
    expect(result.err).toContain(
      'pods.json: the file is 3072.0 MB, over the limit of 256.0 MB; it was not read',
    );
  });
});

describe('very many security group rules', () => {
  it('50,000 egress rules in one group: loaded and checked in bounded time, the verdict still right', () => {
    const rules = Array.from({ length: 50_000 }, (_, i) => ({
      SecurityGroupRuleId: `sgr-many${i}`,
      Direction: 'egress',
      Policy: 'Drop',
      Priority: String(1 + (i % 100)),
      IpProtocol: 'TCP',
      PortRange: `${1 + (i % 60_000)}/${1 + (i % 60_000)}`,
      DestCidrIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`,
      SourceCidrIp: '',
      NicType: 'intranet',
    }));
    const files = withJson(
      exampleFiles('flannel-ipv4'),
      'alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp11nh9y5kmtxh18mpqc.json',
      (body) => {
        body.Permissions.Permission = [...body.Permissions.Permission, ...rules];
      },
    );
    let started = Date.now();
    const loaded = loadSnapshotFromFiles(files);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    started = Date.now();
    const from = { kind: 'pod', namespace: 'batch', name: 'reporter-7c5f8b6d9-z7x3c' } as const;
    // None of the drops covers 8.8.8.8; one covers 10.0.1.187:188 (i = 443: port 444, address 10.0.1.187).
    const open = check(loaded.snapshot, {
      from,
      to: { kind: 'address', address: '8.8.8.8' },
      protocol: 'tcp',
      port: 443,
    });
    const dropped = check(loaded.snapshot, {
      from,
      to: { kind: 'address', address: '10.0.1.187' },
      protocol: 'tcp',
      port: 444,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(open.ok && 'trace' in open && open.trace.verdict).toBe('reachable');
    expect(
      dropped.ok &&
        'trace' in dropped &&
        dropped.trace.hops.find((h) => h.kind === 'egress-security-group')?.rule?.id,
    ).toBe('sgr-many443');
  });
});
