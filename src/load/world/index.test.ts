import { describe, expect, it } from 'vitest';
import { formatProblem, loadSnapshotFromFiles } from '../index.js';

const load = (content: string) => loadSnapshotFromFiles([{ path: 'world.yaml', content }]);
const HEAD = 'apiVersion: podreach/v1\nkind: World\n';

describe('world.yaml', () => {
  it('reads the documented example: names normalised, protocol defaulted to tcp', () => {
    const result = load(`${HEAD}dns:
  API.GitHub.com.: { a: [140.82.112.5] }
  ipv6.example.com: { aaaa: ["2001:db8::10"] }
  both.example.com: { a: [203.0.113.5], aaaa: ["2001:db8::5"] }
  alias.example.com: { cname: api.github.com. }
  missing.example.com: { nxdomain: true }
allowLists:
  - name: partner-api
    addresses: [203.0.113.10, api.partner.example.]
    ports: [443]
    allowedSources: [47.98.1.10/32]
`);
    expect(result.problems).toEqual([]);
    expect(result.recognised).toEqual([{ file: 'world.yaml', as: ['podreach World'] }]);
    expect(result.snapshot.world.dns.map(({ origin: _, ...rest }) => rest)).toEqual([
      { name: 'api.github.com', a: ['140.82.112.5'], aaaa: [], nxdomain: false },
      { name: 'ipv6.example.com', a: [], aaaa: ['2001:db8::10'], nxdomain: false },
      { name: 'both.example.com', a: ['203.0.113.5'], aaaa: ['2001:db8::5'], nxdomain: false },
      { name: 'alias.example.com', a: [], aaaa: [], cname: 'api.github.com', nxdomain: false },
      { name: 'missing.example.com', a: [], aaaa: [], nxdomain: true },
    ]);
    expect(result.snapshot.world.dns[0]?.origin).toEqual({
      file: 'world.yaml',
      line: 4,
      column: 20,
      path: 'dns.API.GitHub.com.',
    });
    expect(result.snapshot.world.allowLists).toEqual([
      {
        name: 'partner-api',
        addresses: ['203.0.113.10', 'api.partner.example'],
        ports: [443],
        protocol: 'tcp',
        allowedSources: ['47.98.1.10/32'],
        origin: { file: 'world.yaml', line: 10, column: 5, path: 'allowLists[0]' },
      },
    ]);
  });

  it('refuses a bad IPv4 address in an A record, and keeps the other names', () => {
    const result = load(
      `${HEAD}dns:\n  a.example.com: { a: [203.0.113.300] }\n  b.example.com: { a: [203.0.113.5] }\n`,
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'error: world.yaml:4:24: dns.a.example.com.a[0]: "203.0.113.300" is not an IPv4 address (expected an IPv4 address such as 203.0.113.5) — fix world.yaml (format: docs/snapshot.md)',
    ]);
    expect(result.snapshot.world.dns.map((d) => d.name)).toEqual(['b.example.com']);
  });

  it('refuses an IPv4 address in an AAAA record', () => {
    const result = load(`${HEAD}dns:\n  a.example.com: { aaaa: [203.0.113.5] }\n`);
    expect(result.problems[0]?.message).toBe('"203.0.113.5" is not an IPv6 address');
  });

  it('refuses a bad allowed source CIDR', () => {
    const result = load(
      `${HEAD}allowLists:\n  - name: p\n    addresses: [203.0.113.10]\n    allowedSources: [47.98.1.10/40]\n`,
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'error: world.yaml:6:22: allowLists[0].allowedSources[0]: "47.98.1.10/40" is not a valid IP address or CIDR (expected an IP address or a CIDR such as 47.98.1.10/32) — fix world.yaml (format: docs/snapshot.md)',
    ]);
    expect(result.snapshot.world.allowLists).toEqual([]);
  });

  it('refuses a name that is NXDOMAIN and has answers, and a name with no answer', () => {
    const result = load(
      `${HEAD}dns:\n  a.example.com: { nxdomain: true, a: [203.0.113.5] }\n  b.example.com: {}\n`,
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      'a.example.com is NXDOMAIN and also has answers',
      'b.example.com has no answer',
    ]);
  });

  it('refuses a CNAME with addresses', () => {
    const result = load(`${HEAD}dns:\n  a.example.com: { cname: b.example.com, a: [203.0.113.5] }\n`);
    expect(result.problems.map((p) => p.message)).toEqual(['a.example.com has a cname and addresses']);
  });

  it('reports a wrong type at its line', () => {
    const result = load(
      `${HEAD}allowLists:\n  - name: p\n    addresses: [203.0.113.10]\n    ports: ["https"]\n    allowedSources: []\n`,
    );
    expect(result.problems.map(formatProblem)).toEqual([
      'error: world.yaml:6:13: allowLists[0].ports[0]: World: item [0] has the wrong type (found "https") (expected number) — the object was skipped; fix it and load again (the rest of the file was read)',
    ]);
  });

  it('warns about a name declared twice (after normalisation) and keeps the first', () => {
    const result = loadSnapshotFromFiles([
      { path: 'a/world.yaml', content: `${HEAD}dns:\n  x.example.com: { a: [203.0.113.5] }\n` },
      { path: 'b/world.yaml', content: `${HEAD}dns:\n  X.example.com.: { a: [203.0.113.6] }\n` },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'warning: b/world.yaml:4:19: dns.X.example.com.: DNS name x.example.com is declared twice; this entry was ignored, the first is at a/world.yaml:4:18 (dns.x.example.com) (expected each name once (names are compared lower-case, without a trailing dot)) — fix world.yaml (format: docs/snapshot.md)',
    ]);
    expect(result.snapshot.world.dns.map((d) => d.a)).toEqual([['203.0.113.5']]);
  });
});

describe('world.yaml privateZones', () => {
  it('reads a zone, its VPCs and its records (names normalised)', () => {
    const result = load(`${HEAD}privateZones:
  - zone: Corp.Internal.
    vpcs: [vpc-bp1abc]
    records:
      DB.corp.internal: { a: [10.0.8.30] }
      api.corp.internal: { cname: db.corp.internal. }
`);
    expect(result.problems).toEqual([]);
    expect(
      result.snapshot.world.privateZones?.map((z) => ({
        zone: z.zone,
        vpcs: z.vpcs,
        records: z.records.map(({ origin: _, ...rest }) => rest),
        line: z.origin.line,
      })),
    ).toEqual([
      {
        zone: 'corp.internal',
        vpcs: ['vpc-bp1abc'],
        records: [
          { name: 'db.corp.internal', a: ['10.0.8.30'], aaaa: [], nxdomain: false },
          { name: 'api.corp.internal', a: [], aaaa: [], cname: 'db.corp.internal', nxdomain: false },
        ],
        line: 4,
      },
    ]);
  });

  it('no privateZones section: none', () => {
    expect(load(`${HEAD}dns: {}\n`).snapshot.world.privateZones).toBeUndefined();
  });

  it('refuses a record outside its zone, at its line, and drops the zone', () => {
    const result = load(`${HEAD}privateZones:
  - zone: corp.internal
    vpcs: [vpc-bp1abc]
    records:
      db.corp.internal: { a: [10.0.8.30] }
      db.other.internal: { a: [10.0.8.31] }
`);
    expect(result.problems.map(formatProblem)).toEqual([
      'error: world.yaml:8:26: privateZones[0].records.db.other.internal: db.other.internal is not inside the zone corp.internal (expected a name ending in .corp.internal (a PrivateZone answers only its own names)) — fix world.yaml (format: docs/snapshot.md)',
    ]);
    expect(result.snapshot.world.privateZones).toBeUndefined();
  });

  it('refuses a bad IP in a zone record and a bad zone name', () => {
    const result = load(`${HEAD}privateZones:
  - zone: corp.internal
    vpcs: [vpc-bp1abc]
    records:
      db.corp.internal: { a: [10.0.8.300] }
  - zone: "bad zone"
    vpcs: []
`);
    expect(result.problems.map(formatProblem)).toEqual([
      'error: world.yaml:7:31: privateZones[0].records.db.corp.internal.a[0]: "10.0.8.300" is not an IPv4 address (expected an IPv4 address such as 203.0.113.5) — fix world.yaml (format: docs/snapshot.md)',
      'error: world.yaml:8:11: privateZones[1].zone: "bad zone" is not a valid zone name (expected a zone such as corp.internal) — fix world.yaml (format: docs/snapshot.md)',
    ]);
    expect(result.snapshot.world.privateZones).toBeUndefined();
  });
});
