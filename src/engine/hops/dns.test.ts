import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

describe('dns hop', () => {
  it('world.yaml A record: the packet goes to the address', () => {
    const t = trace({}, FROM, 'api.example.com');
    const dns = hop(t, 'dns');
    expect(dns.result).toBe('pass');
    expect(dns.packet.dst).toBe('140.82.112.5');
    expect(dns.details?.answer).toEqual({
      name: 'api.example.com.',
      addresses: ['140.82.112.5'],
      cnames: [],
    });
    expect(t.verdict).toBe('reachable');
  });

  it('follows a CNAME chain', () => {
    const dns = hop(trace({}, FROM, 'alias.example.com'), 'dns');
    expect(dns.packet.dst).toBe('140.82.112.5');
    expect(dns.details?.answer).toEqual({
      name: 'alias.example.com.',
      addresses: ['140.82.112.5'],
      cnames: ['api.example.com'],
    });
  });

  it('NXDOMAIN: verdict unresolved, stopped at dns', () => {
    const t = trace({}, FROM, 'gone.example.com');
    expect(t.verdict).toBe('unresolved');
    expect(t.blockedAt?.kind).toBe('dns');
    expect(t.hops.map((h) => h.kind)).toEqual(['source', 'dns']);
    expect(t.sourceAddressSeen).toBeNull();
  });

  it('a name nothing answers is unknown, with where to add it', () => {
    const t = trace({}, FROM, 'nowhere.example.org');
    expect(t.verdict).toBe('unknown');
    expect(hop(t, 'dns').result).toBe('unknown');
    expect(t.missing).toEqual([
      {
        hop: 'dns',
        what: 'the DNS answer for nowhere.example.org',
        collect:
          'add the name to world.yaml dns (e.g. from: dig +short nowhere.example.org), or pass --resolve nowhere.example.org=ADDR or --live-dns',
      },
    ]);
  });

  it('cluster names resolve to the Service, in full and through the search list', () => {
    for (const name of ['api.shop.svc.cluster.local', 'api.shop.svc', 'api.shop', 'api']) {
      const dns = hop(trace({}, FROM, name, { port: 80 }), 'dns');
      expect(dns.packet.dst, name).toBe('192.168.10.10');
      expect(dns.rule?.id, name).toBe('service/shop/api');
    }
  });

  it('a cluster-domain name without a Service does not resolve', () => {
    const t = trace({}, FROM, 'nosuch.shop.svc.cluster.local', { port: 80 });
    expect(t.verdict).toBe('unresolved');
  });

  it('an AAAA-only name from an IPv4-only pod resolves, and the packet is blocked at internet-exit with the seed reason', () => {
    const t = trace({}, FROM, 'v6.example.com');
    expect(hop(t, 'dns').result).toBe('pass');
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.kind).toBe('internet-exit');
    expect(t.blockedAt?.reason).toContain('IPv4 single-stack cluster');
  });

  it('a name without an answer of the family asked for is unresolved for that family', () => {
    const t = trace({ ipStack: 'dual' }, FROM, 'v6.example.com', { family: 4 });
    expect(t.verdict).toBe('unresolved');
    expect(hop(t, 'dns').reason).toContain('has no IPv4 answer the pod can use (answers: 2606:4700::10)');
  });

  it('the same name from a dual-stack pod resolves to IPv6', () => {
    const t = trace({ ipStack: 'dual', ipv6Bandwidth: true }, FROM, 'v6.example.com');
    expect(hop(t, 'dns').packet.dst).toBe('2606:4700::10');
    expect(t.verdict).toBe('reachable');
  });

  it('an RDS connection string resolves to the instance address', () => {
    const t = trace(
      { rdsWhitelist: [{ name: 'pods', ips: '10.0.64.0/19' }] },
      FROM,
      'rm-orders.mysql.rds.aliyuncs.com',
      { port: 3306 },
    );
    expect(hop(t, 'dns').packet.dst).toBe('10.0.8.20');
    expect(t.verdict).toBe('reachable');
  });
});

describe('dns hop: an answer of the other family only', () => {
  it('an IPv4-only pod asked for IPv4 of an AAAA-only name: the seed reason (IPv4-only pods never reach IPv6)', () => {
    const t = trace({}, FROM, 'v6.example.com', { port: 443, family: 4 });
    expect(hop(t, 'dns').reason).toContain(
      'has only IPv6 (AAAA) answers (2606:4700::10) and the pod has only IPv4',
    );
  });

  it('a dual-stack pod forced to IPv4 is not told it has only IPv4, but that IPv4 was asked for', () => {
    const t = trace({ ipStack: 'dual', ipv6Bandwidth: true }, FROM, 'v6.example.com', {
      port: 443,
      family: 4,
    });
    expect(t.verdict).toBe('unresolved');
    expect(hop(t, 'dns').reason).not.toContain('the pod has only IPv4');
    expect(hop(t, 'dns').reason).toContain('has no IPv4 answer the pod can use');
    expect(hop(t, 'dns').reason).toContain('IPv4 was asked for (--family 4)');
  });
});
