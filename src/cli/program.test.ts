import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../engine/api.js';
import type { Query } from '../model/query.js';
import type { Trace } from '../model/trace.js';
import {
  blockedAtSnat,
  reachableViaSnat,
  unknownWithMissing,
  workload,
} from '../render/test-fixtures/traces.js';
import { captureIo } from './io.js';
import { programNameFor, runProgram } from './program.js';
import { loaded, stubDeps } from './test-fixtures/stub-deps.js';

const unresolved: Trace = { ...reachableViaSnat, verdict: 'unresolved', sourceAddressSeen: null };

function answering(trace: Trace): (query: Query) => CheckResult {
  return () => ({ ok: true, trace });
}

async function cli(
  argv: string[],
  setup: Parameters<typeof stubDeps>[0] = {},
  env: Record<string, string> = {},
  stdoutIsTTY = false,
) {
  const io = captureIo({ env, stdoutIsTTY });
  const { deps, calls } = stubDeps(setup);
  const code = await runProgram(argv, io, deps, { version: '9.9.9' });
  return { code, out: io.out(), err: io.err(), calls };
}

describe('podreach (program)', () => {
  it('prints the version and exits 0', async () => {
    const result = await cli(['--version']);
    expect(result).toMatchObject({ code: 0, out: '9.9.9\n', err: '' });
  });

  it('prints help on stdout and exits 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Usage: podreach [options] [command]');
    expect(result.out).toContain(
      'Exit codes: 0 reachable · 1 blocked or unresolved · 3 unknown · 2 bad input or usage.',
    );
  });

  it('without a command prints help on stderr and exits 2', async () => {
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: podreach');
    expect(result.out).toBe('');
  });

  it('refuses an unknown command and an unknown option with exit 2', async () => {
    const command = await cli(['chek']);
    expect(command.code).toBe(2);
    expect(command.err).toContain("error: unknown command 'chek'");
    const option = await cli(['check', '--prot', 'udp']);
    expect(option.code).toBe(2);
    expect(option.err).toContain("error: unknown option '--prot'");
    expect(option.err).toContain('(add --help for usage)');
  });

  it("escapes control characters of an unknown option in commander's message", async () => {
    const result = await cli(['check', '--\u001b[2J']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("error: unknown option '--\\x1b[2J'");
    expect(result.err).not.toContain('\u001b');
  });

  it('shows the kubectl plugin name when run as kubectl-podreach', () => {
    expect(programNameFor('/usr/local/bin/kubectl-podreach')).toBe('kubectl podreach');
    expect(programNameFor('/usr/local/bin/podreach')).toBe('podreach');
    expect(programNameFor(undefined)).toBe('podreach');
  });
});

describe('podreach check: exit codes', () => {
  const argv = ['check', 'shop/web-7c9d-abcde', 'api.github.com', '--port', '443'];

  it('exits 0 when reachable', async () => {
    expect((await cli(argv, { answer: answering(reachableViaSnat) })).code).toBe(0);
  });
  it('exits 1 when blocked', async () => {
    expect((await cli(argv, { answer: answering(blockedAtSnat) })).code).toBe(1);
  });
  it('exits 1 when the name does not resolve', async () => {
    expect((await cli(argv, { answer: answering(unresolved) })).code).toBe(1);
  });
  it('exits 3 when unknown', async () => {
    expect((await cli(argv, { answer: answering(unknownWithMissing) })).code).toBe(3);
  });
  it('exits by the worst verdict of a workload', async () => {
    const result = await cli(['check', 'shop/deployment/web', 'api.github.com', '-p', '443'], {
      answer: () => ({ ok: true, workload }),
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain('── group 2 of 2: 2 pods → BLOCKED');
  });
});

describe('podreach check: input', () => {
  it('passes the parsed query to the engine', async () => {
    const result = await cli(
      ['check', 'shop/web-1', 'svc/shop/cart', '--port', '8080', '--protocol', 'udp', '--family', '4'],
      { answer: answering(reachableViaSnat) },
    );
    expect(result.calls.queries).toEqual([
      {
        from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
        to: { kind: 'service', namespace: 'shop', name: 'cart' },
        protocol: 'udp',
        port: 8080,
        family: 4,
      },
    ]);
  });

  it('reports a usage error before loading anything, exit 2', async () => {
    const result = await cli(['check', 'shop/web-1', 'api.github.com']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'error: --port is required for tcp: the destination port, e.g. --port 443\n(run "podreach check --help" for usage)\n',
    );
    expect(result.calls.loads).toEqual([]);
  });

  it('requires FROM and TO', async () => {
    const result = await cli(['check']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'error: FROM is missing; give a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address',
    );
  });

  it('refuses a bad --output with exit 2', async () => {
    const result = await cli(['check', 'a/b', '1.2.3.4', '-p', '1', '--output', 'yaml']);
    expect(result.code).toBe(2);
    expect(result.err).toContain("argument 'yaml' is invalid. Allowed choices are text, json, html.");
  });

  it('escapes a hostile argument in its error message', async () => {
    const result = await cli(['check', 'a/b', 'x\u001b[2Jy', '-p', '1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('TO "x\\x1b[2Jy"');
    expect(result.err).not.toContain('\u001b');
  });

  it('reads --snapshot, else $PODREACH_SNAPSHOT, else the current folder', async () => {
    const argv = ['check', 'a/b', '1.2.3.4', '-p', '1'];
    const answer = answering(reachableViaSnat);
    expect(
      (await cli([...argv, '--snapshot', 'snap'], { answer }, { PODREACH_SNAPSHOT: 'env' })).calls.loads,
    ).toEqual(['snap']);
    expect((await cli(argv, { answer }, { PODREACH_SNAPSHOT: 'env' })).calls.loads).toEqual(['env']);
    expect((await cli(argv, { answer })).calls.loads).toEqual(['.']);
  });

  it('prints every load problem and exits 2 when the snapshot has errors, without checking', async () => {
    const result = await cli(['check', 'a/b', '1.2.3.4', '-p', '1'], {
      load: async () =>
        loaded([
          {
            severity: 'error',
            file: 'pods.yaml',
            line: 3,
            column: 5,
            path: 'items[0]',
            message: 'bad',
            expected: 'an object',
          },
          { severity: 'warning', file: 'sg.json', message: 'odd', hint: 'look' },
          { severity: 'error', file: 'x.json', message: 'truncated JSON' },
        ]),
    });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      [
        'error: pods.yaml:3:5: items[0]: bad (expected an object)',
        'warning: sg.json: odd — look',
        'error: x.json: truncated JSON',
        'podreach: the snapshot . has 2 errors (listed above); nothing was checked',
        '',
      ].join('\n'),
    );
    expect(result.calls.queries).toEqual([]);
  });

  it('mentions load warnings on stderr and still answers', async () => {
    const result = await cli(['check', 'a/b', '1.2.3.4', '-p', '1'], {
      load: async () => loaded([{ severity: 'warning', file: 'sg.json', message: 'odd' }]),
      answer: answering(reachableViaSnat),
    });
    expect(result.code).toBe(0);
    expect(result.err).toBe(
      'podreach: 1 warning while loading .; `podreach inspect --snapshot .` lists them\n',
    );
  });

  it('turns an engine query error into exit 2 with its hint', async () => {
    const result = await cli(['check', 'shop/nope', '1.2.3.4', '-p', '1'], {
      answer: () => ({
        ok: false,
        error: { message: 'no pod shop/nope in the snapshot', hint: 'pods of shop: web-1' },
      }),
    });
    expect(result.code).toBe(2);
    expect(result.err).toBe('error: no pod shop/nope in the snapshot — pods of shop: web-1\n');
  });

  it('turns an unexpected exception into one line and exit 2, no stack trace', async () => {
    const result = await cli(['check', 'a/b', '1.2.3.4', '-p', '1'], {
      load: async () => {
        throw new Error('boom');
      },
    });
    expect(result.code).toBe(2);
    expect(result.err).toContain('podreach: internal error: boom\n');
    expect(result.err).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('podreach check: output', () => {
  const argv = ['check', 'shop/web-7c9d-abcde', 'api.github.com', '--port', '443'];

  it('prints text without colour on a pipe', async () => {
    const result = await cli(argv, { answer: answering(blockedAtSnat) });
    expect(result.out).toContain(' 5 ✗ internet-exit');
    expect(result.out).not.toContain('\u001b[');
  });

  it('colours on a terminal, and not with NO_COLOR or --no-color', async () => {
    const answer = answering(blockedAtSnat);
    expect((await cli(argv, { answer }, {}, true)).out).toContain('\u001b[31m');
    expect((await cli(argv, { answer }, { NO_COLOR: '1' }, true)).out).not.toContain('\u001b[');
    expect((await cli(['--no-color', ...argv], { answer }, { FORCE_COLOR: '1' }, true)).out).not.toContain(
      '\u001b[',
    );
    expect((await cli(argv, { answer }, { FORCE_COLOR: '1' }, false)).out).toContain('\u001b[31m');
  });

  it('prints hop details with --details', async () => {
    const result = await cli([...argv, '--details'], { answer: answering(blockedAtSnat) });
    expect(result.out).toContain('server: 172.16.0.10');
  });

  it('prints the trace as JSON with --output json', async () => {
    const result = await cli([...argv, '--output', 'json'], { answer: answering(blockedAtSnat) });
    expect(JSON.parse(result.out)).toEqual(blockedAtSnat);
    expect(result.code).toBe(1);
  });
});

describe('podreach check --batch', () => {
  const batch = [
    '# queries for CI',
    '- { from: shop/web-1, to: api.github.com, port: 443 }',
    '- from: shop/web-2',
    '  to: rm-bp1orders',
    '- { from: shop/web-3, to: 10.0.0.1, protocol: icmp, family: 4 }',
    '',
  ].join('\n');

  function byPod(query: Query): CheckResult {
    const name = query.from.kind === 'pod' ? query.from.name : '';
    const trace = name === 'web-1' ? reachableViaSnat : name === 'web-2' ? unknownWithMissing : blockedAtSnat;
    return { ok: true, trace };
  }

  it('prints one JSON trace per line in query order and exits with the worst code', async () => {
    const result = await cli(['check', '--batch', 'q.yaml'], { answer: byPod, files: { 'q.yaml': batch } });
    const lines = result.out.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).verdict)).toEqual(['reachable', 'unknown', 'blocked']);
    expect(result.code).toBe(1);
    expect(result.calls.queries.map((query) => query.port)).toEqual([443, null, null]);
  });

  it('exits 3 when the worst is unknown, 0 when all are reachable', async () => {
    const two = '- { from: shop/web-1, to: a.example, port: 1 }\n- { from: shop/web-2, to: rm-bp1orders }\n';
    expect(
      (await cli(['check', '--batch', 'q.yaml'], { answer: byPod, files: { 'q.yaml': two } })).code,
    ).toBe(3);
    const one = '[{"from": "shop/web-1", "to": "a.example", "port": 1}]';
    expect(
      (await cli(['check', '--batch', 'q.json'], { answer: byPod, files: { 'q.json': one } })).code,
    ).toBe(0);
  });

  it('reports every bad entry with its index and line, checks nothing, exits 2', async () => {
    const bad = [
      '- { from: shop/web-1, to: api.github.com, port: 443 }',
      '- { from: shop/web-2, to: api.github.com }',
      '- { from: web, to: 10.0.0.1, port: 80 }',
      '- { from: shop/web-4, to: 10.0.0.1, port: 80, prot: udp }',
      '- just a string',
      '',
    ].join('\n');
    const result = await cli(['check', '--batch', 'q.yaml'], { answer: byPod, files: { 'q.yaml': bad } });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.calls.loads).toEqual([]);
    expect(result.err).toBe(
      [
        'error: q.yaml:2: entry [1]: "port" is required for tcp: the destination port, e.g. port: 443',
        'error: q.yaml:3: entry [2]: "from" "web" is not a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address; a pod needs its namespace: NAMESPACE/web',
        'error: q.yaml:4: entry [3]: unknown key "prot" (expected from, to, port, protocol, family)',
        'error: q.yaml:5: entry [4]: expected a map with from, to, port, protocol, family',
        'podreach: 4 bad entries in q.yaml; nothing was checked',
        '',
      ].join('\n'),
    );
  });

  it('reports malformed YAML and a non-list with their line', async () => {
    const broken = await cli(['check', '--batch', 'q.yaml'], {
      files: { 'q.yaml': '- { from: a/b, to: [\n' },
    });
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^error: q\.yaml:\d+: not valid YAML or JSON: /);
    const map = await cli(['check', '--batch', 'q.yaml'], { files: { 'q.yaml': 'from: a/b\nto: c\n' } });
    expect(map.code).toBe(2);
    expect(map.err).toContain(
      'error: q.yaml:1: expected a list of queries, each with from, to, port, protocol, family',
    );
  });

  it('stops with exit 2 and no output when the engine refuses an entry', async () => {
    const result = await cli(['check', '--batch', 'q.yaml'], {
      answer: (query) =>
        query.from.kind === 'pod' && query.from.name === 'web-2'
          ? { ok: false, error: { message: 'no pod shop/web-2 in the snapshot' } }
          : byPod(query),
      files: { 'q.yaml': batch },
    });
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      'error: q.yaml:3: entry [1]: no pod shop/web-2 in the snapshot\npodreach: 1 entry of q.yaml cannot be checked; nothing was printed\n',
    );
  });

  it('refuses FROM, TO or query flags beside --batch, and --output text', async () => {
    const both = await cli(['check', 'a/b', '--port', '1', '--batch', 'q.yaml'], {
      files: { 'q.yaml': batch },
    });
    expect(both.code).toBe(2);
    expect(both.err).toContain('error: --batch takes every query from its file; leave out FROM, --port');
    const text = await cli(['check', '--batch', 'q.yaml', '-o', 'text'], { files: { 'q.yaml': batch } });
    expect(text.code).toBe(2);
    expect(text.err).toContain('error: --batch prints one JSON trace per line; --output text does not apply');
  });

  it('says when the batch file cannot be read', async () => {
    const result = await cli(['check', '--batch', 'missing.yaml']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('error: cannot read the batch file missing.yaml: no such file');
  });
});

describe('podreach inspect', () => {
  it('prints the report and exits 0', async () => {
    const result = await cli(['inspect', '--snapshot', 'snap']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('podreach inspect  snap');
    expect(result.out).toContain(
      'CNI                 ? unknown  add: kubectl get configmap -n kube-system eni-config -o yaml',
    );
  });

  it('prints JSON with --output json', async () => {
    const result = await cli(['inspect', '-o', 'json']);
    expect(JSON.parse(result.out)).toMatchObject({ schemaVersion: 1, snapshot: '.', cluster: null });
  });

  it('still shows the report, and exits 2, when the snapshot has errors', async () => {
    const result = await cli(['inspect'], {
      load: async () => loaded([{ severity: 'error', file: 'x.json', line: 1, message: 'truncated JSON' }]),
    });
    expect(result.code).toBe(2);
    expect(result.out).toContain('load problems (1 error, 0 warnings)\n  error: x.json:1: truncated JSON');
    expect(result.err).toBe(
      'podreach: the snapshot has 1 error (see "load problems"); fix them before running check\n',
    );
  });
});
