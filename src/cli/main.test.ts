/**
 * End to end, in-process, with the real loader and engine on the bundled examples: exit codes, the JSON contract
 * (every trace validates against the zod mirror of the model) and a few facts of `inspect`, with expected values
 * written by hand here or in the examples' hand-written expectations.yaml.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkOutputSchema } from '../render/trace-schema.js';
import { captureIo } from './io.js';
import { loadOptionsFromEnv, run } from './main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const terway = `${root}examples/terway-dualstack`;
const flannel = `${root}examples/flannel-ipv4`;

interface Expectation {
  name: string;
  from: string;
  to: string;
  port?: number;
  protocol?: string;
  family?: number;
  expect: 'reachable' | 'blocked' | 'unresolved' | 'unknown';
}

function expectations(folder: string): Expectation[] {
  const file = `${folder}/expectations.yaml`;
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Expectation[]) : [];
}

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const EXIT_FOR: Record<Expectation['expect'], number> = {
  reachable: 0,
  blocked: 1,
  unresolved: 1,
  unknown: 3,
};

describe('podreach inspect on the examples', () => {
  it('shows the Terway example: CNI, mode, version, stack and the uncovered pod vSwitch', async () => {
    const result = await cli(['inspect', '--snapshot', terway]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/CNI {17}terway {2}← /);
    expect(result.out).toMatch(/Terway mode {9}datapathv2 {2}← /);
    expect(result.out).toMatch(/Terway version {6}v1\.9\.3 {2}← /);
    expect(result.out).toMatch(/IP stack {12}dual {2}← /);
    expect(result.out).toMatch(/kube-proxy mode {5}ipvs {2}← /);
    expect(result.out).toContain('✗ vsw-bp1zjgcw5ubb1wqifun5 (pod 10.0.128.0/19, cn-hangzhou-k) not covered');
    expect(result.out).toContain(
      '✓ vsw-bp191lfhxnepzzoiopw4 (pod 10.0.64.0/19, cn-hangzhou-j) by snat-bp1dyrhigku3583a56sq',
    );
  });

  it('shows the Flannel example without Terway-only facts', async () => {
    const result = await cli(['inspect', '--snapshot', flannel, '--output', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { facts: { name: string; value?: string }[] };
    expect(report.facts.find((fact) => fact.name === 'cni')?.value).toBe('flannel');
    expect(report.facts.find((fact) => fact.name === 'ipStack')?.value).toBe('ipv4');
    expect(report.facts.find((fact) => fact.name === 'kubeProxyMode')?.value).toBe('ipvs');
    expect(report.facts.some((fact) => fact.name === 'terwayMode')).toBe(false);
  });

  it('exits 2 and names the folder when the snapshot does not exist', async () => {
    const result = await cli(['inspect', '--snapshot', `${root}examples/no-such-cluster`]);
    expect(result.code).toBe(2);
    expect(result.out).toContain('load problems (1 error');
  });
});

describe('podreach check on the examples', () => {
  it('exits 1 for the pod on the new vSwitch and names the SNAT gap', async () => {
    const result = await cli([
      'check',
      '--snapshot',
      terway,
      'shop/checkout-5b8c7d9f4-c3v4b',
      'api.github.com',
      '--port',
      '443',
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/✗ internet-exit {9}nat-gateway ngw-bp1bz0gvdl8ytpcyseyk/);
    expect(result.out).toContain('vsw-bp1zjgcw5ubb1wqifun5');
  });

  it('exits 0 for a pod in a covered vSwitch and shows the NAT EIP it is seen as', async () => {
    const result = await cli([
      'check',
      '--snapshot',
      terway,
      'shop/web-7d9f8b6c5-t6y7u',
      '140.82.112.5',
      '-p',
      '443',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('seen as   47.98.210.16');
  });

  it('exits 2 for a pod the snapshot does not have', async () => {
    const result = await cli([
      'check',
      '--snapshot',
      terway,
      'shop/no-such-pod',
      '140.82.112.5',
      '-p',
      '443',
    ]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('shop/no-such-pod');
  });

  for (const [label, folder] of [
    ['terway-dualstack', terway],
    ['flannel-ipv4', flannel],
  ] as const) {
    const entries = expectations(folder);
    it.runIf(entries.length > 0)(
      `${label}: a batch of every expectation gives its exit code, a schema-valid trace, and the worst exit code`,
      async () => {
        const file = `${mkdtempSync(`${tmpdir()}/podreach-expect-`)}/queries.yaml`;
        const queries = entries.map(({ from, to, port, protocol, family }) => ({
          from,
          to,
          port,
          protocol,
          family,
        }));
        writeFileSync(file, stringify(queries));
        const result = await cli(['check', '--snapshot', folder, '--batch', file]);
        const lines = result.out.trimEnd().split('\n');
        expect(lines).toHaveLength(entries.length);
        entries.forEach((entry, index) => {
          const trace = JSON.parse(lines[index] ?? 'null') as { verdict: Expectation['expect'] };
          // The CLI's contract is the exit code; the exact verdict is the engine's (src/engine tests).
          expect({ name: entry.name, exit: EXIT_FOR[trace.verdict] }).toEqual({
            name: entry.name,
            exit: EXIT_FOR[entry.expect],
          });
          const parsed = checkOutputSchema.safeParse(trace);
          expect({ name: entry.name, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
            name: entry.name,
            issues: [],
          });
        });
        const worst = entries.some((entry) => EXIT_FOR[entry.expect] === 1)
          ? 1
          : entries.some((entry) => entry.expect === 'unknown')
            ? 3
            : 0;
        expect(result.code).toBe(worst);
      },
    );
  }

  it('runs a batch over both kinds of answer, one JSON line each, worst exit code', async () => {
    const dir = mkdtempSync(`${tmpdir()}/podreach-batch-`);
    const file = `${dir}/queries.yaml`;
    writeFileSync(
      file,
      [
        '- { from: shop/web-7d9f8b6c5-t6y7u, to: 140.82.112.5, port: 443 }',
        '- { from: shop/checkout-5b8c7d9f4-c3v4b, to: api.github.com, port: 443 }',
        '',
      ].join('\n'),
    );
    const result = await cli(['check', '--snapshot', terway, '--batch', file]);
    expect(result.code).toBe(1);
    const lines = result.out.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { verdict: string }).verdict)).toEqual([
      'reachable',
      'blocked',
    ]);
  });

  it('prints byte-identical JSON for the same query twice', async () => {
    const argv = [
      'check',
      '--snapshot',
      terway,
      'media/deployment/transcoder',
      '140.82.112.5',
      '-p',
      '443',
      '-o',
      'json',
    ];
    const first = await cli(argv);
    const second = await cli(argv);
    expect(first.out).toBe(second.out);
    expect(first.out.length).toBeGreaterThan(100);
  });
});

describe('PODREACH_MAX_FILE_BYTES', () => {
  it('is read as the per-file size limit', () => {
    expect(loadOptionsFromEnv({ PODREACH_MAX_FILE_BYTES: '1073741824' })).toEqual({
      maxFileBytes: 1073741824,
    });
    expect(loadOptionsFromEnv({})).toEqual({});
  });

  it('refuses a value that is not a number of bytes, naming the variable', () => {
    expect(loadOptionsFromEnv({ PODREACH_MAX_FILE_BYTES: '1GB' })).toEqual({
      severity: 'error',
      file: '(environment)',
      path: 'PODREACH_MAX_FILE_BYTES',
      message: '"1GB" is not a number of bytes',
      expected: 'a positive whole number, e.g. 1073741824 for 1 GiB',
      hint: 'set PODREACH_MAX_FILE_BYTES to a number of bytes, or unset it for the default of 256 MiB',
    });
  });
});

describe('PODREACH_MAX_FILE_BYTES through the real CLI', () => {
  it('a lower limit refuses a larger file with exit 2 and says how to raise it', async () => {
    const dir = mkdtempSync(`${tmpdir()}/podreach-limit-`);
    writeFileSync(
      `${dir}/pods.json`,
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [], pad: 'x'.repeat(500) }),
    );
    const saved = process.env.PODREACH_MAX_FILE_BYTES;
    process.env.PODREACH_MAX_FILE_BYTES = '100';
    try {
      const io = captureIo();
      const code = await run(['check', '--snapshot', dir, 'ns/pod', '10.0.0.1', '--port', '80'], io);
      expect(code).toBe(2);
      expect(io.err()).toContain('over the limit of 100 bytes');
      expect(io.err()).toContain('PODREACH_MAX_FILE_BYTES=');
    } finally {
      if (saved === undefined) delete process.env.PODREACH_MAX_FILE_BYTES;
      else process.env.PODREACH_MAX_FILE_BYTES = saved;
    }
  });
});
