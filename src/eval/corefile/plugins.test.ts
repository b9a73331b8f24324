import { describe, expect, it } from 'vitest';
import { applyRewrites, type Corefile, type RewriteRule, readCorefile, serverFor } from './plugins.js';

function corefile(text: string): Corefile {
  const result = readCorefile(text);
  if (!result.ok) throw new Error(`${result.line}: ${result.error}`);
  return result.corefile;
}

const ACK = `.:53 {
    errors
    health {
       lameduck 15s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods verified
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf {
      prefer_udp
    }
    cache 30
    loop
    reload
    loadbalance
    autopath @kubernetes
}
`;

describe('readCorefile', () => {
  it('the ACK default: kubernetes zones, pods verified, fallthrough for reverse zones, forward to resolv.conf', () => {
    const [server] = corefile(ACK).servers;
    expect(server?.zones).toEqual(['.']);
    expect(server?.port).toBe(53);
    expect(server?.kubernetes).toEqual({
      zones: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'],
      pods: 'verified',
      fallthrough: { kind: 'zones', zones: ['in-addr.arpa', 'ip6.arpa'] },
      line: 7,
    });
    expect(server?.forward).toEqual({ from: '.', to: ['/etc/resolv.conf'], except: [], line: 12 });
  });

  it('lists plugins that may change answers but are not modelled; inert ones are not listed', () => {
    expect(corefile(ACK).servers[0]?.unmodelled).toEqual([{ name: 'autopath', line: 19 }]);
  });

  it('kubernetes: pods insecure, disabled by default; fallthrough without zones covers every zone', () => {
    const insecure = corefile('.:53 {\n kubernetes cluster.local {\n  pods insecure\n  fallthrough\n }\n}\n');
    expect(insecure.servers[0]?.kubernetes?.pods).toBe('insecure');
    expect(insecure.servers[0]?.kubernetes?.fallthrough).toEqual({ kind: 'zones', zones: ['.'] });
    const plain = corefile('cluster.local:53 {\n kubernetes\n}\n');
    expect(plain.servers[0]?.kubernetes?.pods).toBe('disabled');
    expect(plain.servers[0]?.kubernetes?.zones).toEqual(['cluster.local']);
    expect(plain.servers[0]?.kubernetes?.fallthrough).toEqual({ kind: 'none' });
  });

  it('hosts: inline entries and a named file', () => {
    const [server] = corefile(
      '.:53 {\n hosts /etc/coredns/customhosts {\n  10.0.0.5 db.corp.example DB.other.example\n  fallthrough\n }\n}\n',
    ).servers;
    expect(server?.hosts).toEqual({
      file: '/etc/coredns/customhosts',
      inline: [{ address: '10.0.0.5', names: ['db.corp.example', 'db.other.example'] }],
      zones: ['.'],
      fallthrough: { kind: 'zones', zones: ['.'] },
      line: 2,
    });
  });

  it('stub domains: a server block per zone with its own forward', () => {
    const cf = corefile(
      'corp.example:53 {\n forward . 10.0.0.2 10.0.0.3\n}\n.:53 {\n forward . /etc/resolv.conf\n}\n',
    );
    expect(serverFor(cf, 'db.corp.example')?.server.forward?.to).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(serverFor(cf, 'api.github.com')?.server.forward?.to).toEqual(['/etc/resolv.conf']);
    expect(serverFor(cf, 'corp.example')?.zone).toBe('corp.example');
  });

  it('forward except', () => {
    const [server] = corefile('.:53 {\n forward . 8.8.8.8 {\n  except internal.example\n }\n}\n').servers;
    expect(server?.forward?.except).toEqual(['internal.example']);
  });

  it('a server on another port does not serve port 53 queries', () => {
    const cf = corefile('.:5353 {\n forward . 8.8.8.8\n}\n');
    expect(serverFor(cf, 'a.example')).toBeUndefined();
  });

  it('template: class, type, zone, match, answer, fallthrough', () => {
    const [server] = corefile(
      '.:53 {\n template IN A corp.example {\n  match "^(.*)\\.corp\\.example\\.$"\n  answer "{{ .Name }} 60 IN A 10.9.9.9"\n  fallthrough\n }\n}\n',
    ).servers;
    expect(server?.templates).toEqual([
      {
        qclass: 'IN',
        qtype: 'A',
        zones: ['corp.example'],
        match: ['^(.*)\\.corp\\.example\\.$'],
        answers: ['{{ .Name }} 60 IN A 10.9.9.9'],
        fallthrough: { kind: 'zones', zones: ['.'] },
        line: 2,
      },
    ]);
  });

  it('a bad rewrite regex is a problem of the block, not a crash', () => {
    const [server] = corefile('.:53 {\n rewrite name regex ([a-z 1.example\n}\n').servers;
    expect(server?.problems).toEqual([
      { message: 'rewrite name regex ([a-z is not a valid regular expression', line: 2 },
    ]);
  });

  it('a syntax error is reported with its line', () => {
    expect(readCorefile('.:53 {\n errors\n')).toEqual({
      ok: false,
      error: 'unclosed "{" (missing "}")',
      line: 1,
    });
  });
});

describe('rewrite name', () => {
  function rules(text: string): readonly RewriteRule[] {
    return corefile(`.:53 {\n${text}\n}\n`).servers[0]?.rewrites ?? [];
  }

  it('exact (the default match) rewrites only the very name', () => {
    const r = rules(' rewrite name db.example.com db.prod.svc.cluster.local');
    expect(applyRewrites(r, 'db.example.com').name).toBe('db.prod.svc.cluster.local');
    expect(applyRewrites(r, 'x.db.example.com').name).toBe('x.db.example.com');
  });

  it('prefix', () => {
    const r = rules(' rewrite name prefix old- new-');
    expect(applyRewrites(r, 'old-api.example').name).toBe('new-api.example');
    expect(applyRewrites(r, 'api.old-example').name).toBe('api.old-example');
  });

  it('suffix', () => {
    const r = rules(' rewrite name suffix .corp.internal .prod.svc.cluster.local');
    expect(applyRewrites(r, 'db.corp.internal').name).toBe('db.prod.svc.cluster.local');
    expect(applyRewrites(r, 'db.corp.internal.x').name).toBe('db.corp.internal.x');
  });

  it('substring', () => {
    const r = rules(' rewrite name substring staging prod');
    expect(applyRewrites(r, 'api.staging.example').name).toBe('api.prod.example');
    expect(applyRewrites(r, 'api.example').name).toBe('api.example');
  });

  it('regex with groups', () => {
    const r = rules(' rewrite name regex (.*)\\.legacy\\.example\\.$ {1}.default.svc.cluster.local.');
    expect(applyRewrites(r, 'api.legacy.example').name).toBe('api.default.svc.cluster.local');
    expect(applyRewrites(r, 'api.example').name).toBe('api.example');
  });

  it('stop (default) ends at the first rule that fires; continue goes on', () => {
    const stop = rules(' rewrite name substring a b\n rewrite name substring b c');
    expect(applyRewrites(stop, 'a.example').name).toBe('b.example');
    const cont = rules(' rewrite continue name substring a b\n rewrite name substring b c');
    expect(applyRewrites(cont, 'a.example').name).toBe('c.example');
  });
});
