import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../context.js';
import { captureIo } from '../io.js';
import { defaultDeps, run } from '../main.js';
import { runDns } from './dns.js';

const SNAPSHOT = 'examples/terway-dualstack';
const MEDIA = 'media/uploader-5c7b8d9f6-p4l5m';
const PAYMENTS = 'payments/payment-api-6c4d8b7f9-h5t8n';

async function cli(args: string[]) {
  const io = captureIo();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('podreach dns', () => {
  it('without a name: the resolv.conf the pod gets and whether its query reaches the nameserver', async () => {
    const r = await cli(['dns', MEDIA, '--snapshot', SNAPSHOT]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '  search media.svc.cluster.local svc.cluster.local cluster.local\n  nameserver 169.254.20.10\n  nameserver 192.168.0.10\n  options ndots:3 attempts:2 timeout:1\n',
    );
    expect(r.out).toContain('udp/53 → 169.254.20.10  reachable');
  });

  it('with a name, as JSON: the same fields as the dns hop', async () => {
    const r = await cli([
      'dns',
      PAYMENTS,
      'rm-bp1vy4p0kslx05iqw.mysql.rds.aliyuncs.com',
      '-s',
      SNAPSHOT,
      '-o',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.verdict).toBe('resolved');
    expect(json.resolver.nameservers).toEqual(['192.168.0.10']);
    expect(json.queries).toHaveLength(8);
    expect(json.queries[6]).toMatchObject({
      name: 'rm-bp1vy4p0kslx05iqw.mysql.rds.aliyuncs.com.',
      type: 'A',
      outcome: 'answer',
      addresses: ['10.0.8.20'],
    });
    expect(json.answer).toEqual({
      name: 'rm-bp1vy4p0kslx05iqw.mysql.rds.aliyuncs.com.',
      addresses: ['10.0.8.20'],
      cnames: [],
    });
    expect(json.queryTrace.query).toMatchObject({ to: '192.168.0.10', protocol: 'udp', port: 53 });
  });

  it('a name nothing answers is unknown (exit 3); --resolve answers it (exit 0)', async () => {
    const unknown = await cli(['dns', PAYMENTS, 'db.corp.example', '-s', SNAPSHOT]);
    expect(unknown.code).toBe(3);
    expect(unknown.out).toContain('--resolve db.corp.example=ADDR');
    const declared = await cli([
      'dns',
      PAYMENTS,
      'db.corp.example',
      '-s',
      SNAPSHOT,
      '--resolve',
      'db.corp.example=10.0.8.5',
    ]);
    expect(declared.code).toBe(0);
    expect(declared.out).toContain('answer    db.corp.example. → 10.0.8.5');
  });

  it('NXDOMAIN is unresolved (exit 1)', async () => {
    expect((await cli(['dns', PAYMENTS, 'missing.example.com', '-s', SNAPSHOT])).code).toBe(1);
  });

  it('--live-dns asks the given resolver and says LIVE', async () => {
    const io = captureIo();
    let code = 0;
    const ctx: CommandContext = {
      io,
      deps: defaultDeps,
      color: () => false,
      exit: (c) => {
        code = c;
      },
    };
    const exit = await runDns(
      ctx,
      PAYMENTS,
      'live.example.net',
      { snapshot: SNAPSHOT, liveDns: true },
      async () => ['140.82.112.44'],
    );
    expect(code).toBe(0);
    expect(exit).toBe(0);
    expect(io.out()).toContain('LIVE');
    expect(io.out()).toContain('140.82.112.44');
  });

  it('bad usage: not NAMESPACE/POD, or a bad --resolve', async () => {
    expect((await cli(['dns', 'justapod', '-s', SNAPSHOT])).code).toBe(2);
    const bad = await cli(['dns', PAYMENTS, 'x.example', '-s', SNAPSHOT, '--resolve', 'x.example=nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('nope is not an IP address');
  });
});

describe('podreach check --resolve', () => {
  it('a declared answer makes an unknown name reachable, and the dns hop says where it came from', async () => {
    const r = await cli([
      'check',
      'shop/web-7d9f8b6c5-x2k4p',
      'partner.internal.example',
      '--port',
      '443',
      '-s',
      SNAPSHOT,
      '--resolve',
      'partner.internal.example=140.82.112.5',
      '-o',
      'json',
      '--no-fixes',
    ]);
    expect(r.code).toBe(0);
    const dns = JSON.parse(r.out).hops.find((h: { kind: string }) => h.kind === 'dns');
    expect(dns.rule.id).toBe('--resolve partner.internal.example');
  });

  it('--resolve is refused with --batch', async () => {
    expect(
      (await cli(['check', '--batch', 'x.yaml', '--resolve', 'a.example=1.2.3.4', '-s', SNAPSHOT])).code,
    ).toBe(2);
  });
});
