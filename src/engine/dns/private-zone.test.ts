import { describe, expect, it } from 'vitest';
import type { Hop, Trace } from '../../model/index.js';
import { hop } from '../test-fixtures/query.js';
import { dnsTrace } from './test-fixtures/dns-cluster.js';

/** The fixture cluster's VPC is vpc-t; world.yaml also answers db.corp.internal publicly, to show precedence. */
const world = (vpcs: string) => `apiVersion: podreach/v1
kind: World
dns:
  db.corp.internal: { a: [203.0.113.99] }
  api.example.com: { a: [140.82.112.5] }
privateZones:
  - zone: corp.internal
    vpcs: [${vpcs}]
    records:
      db.corp.internal: { a: [10.0.8.30] }
      api.corp.internal: { cname: db.corp.internal }
`;

const BOUND = world('vpc-t');
const ELSEWHERE = world('vpc-other');

function answer(t: Trace): unknown {
  return hop(t, 'dns').details?.answer;
}

function lastQueries(h: Hop): string[] {
  return ((h.details?.queries ?? []) as { name: string; type: string; outcome: string }[])
    .filter((q) => q.name.endsWith('corp.internal.'))
    .map((q) => `${q.name} ${q.type} ${q.outcome}`);
}

describe('PrivateZone zones at the VPC DNS', () => {
  it('a zone bound to the cluster VPC answers A, ahead of the public world.yaml answer', () => {
    const t = dnsTrace({ world: BOUND }, 'db.corp.internal.');
    expect(answer(t)).toEqual({ name: 'db.corp.internal.', addresses: ['10.0.8.30'], cnames: [] });
  });

  it('a CNAME in the bound zone is followed inside the zone', () => {
    const t = dnsTrace({ world: BOUND }, 'api.corp.internal.');
    expect(answer(t)).toEqual({
      name: 'api.corp.internal.',
      addresses: ['10.0.8.30'],
      cnames: ['db.corp.internal'],
    });
  });

  it('a name of the bound zone without a record is NXDOMAIN (the zone is authoritative)', () => {
    const t = dnsTrace({ world: BOUND }, 'nosuch.corp.internal.');
    expect(t.verdict).toBe('unresolved');
    expect(lastQueries(hop(t, 'dns'))).toEqual([
      'nosuch.corp.internal. A nxdomain',
      'nosuch.corp.internal. AAAA nxdomain',
    ]);
  });

  it('a zone bound to another VPC is not consulted: the public world.yaml answer is used, and the dns hop says why', () => {
    const t = dnsTrace({ world: ELSEWHERE }, 'db.corp.internal.');
    expect(answer(t)).toEqual({ name: 'db.corp.internal.', addresses: ['203.0.113.99'], cnames: [] });
    expect(t.assumptions.filter((a) => a.hop === 'dns').map((a) => a.statement)).toContain(
      "PrivateZone corp.internal would match db.corp.internal but is bound to vpc-other, not the cluster's VPC vpc-t: the VPC DNS does not consult it",
    );
  });

  it('a zone bound to another VPC, with no public answer: unknown, not NXDOMAIN', () => {
    const t = dnsTrace({ world: ELSEWHERE }, 'api.corp.internal.');
    expect(t.verdict).toBe('unknown');
    expect(answer(t)).toEqual({ name: 'api.corp.internal.', addresses: [], cnames: [] });
  });

  it('a dnsPolicy Default pod asks the VPC DNS directly and gets the bound zone too', () => {
    const t = dnsTrace({ world: BOUND, webASpec: '  dnsPolicy: Default' }, 'db.corp.internal');
    expect(hop(t, 'dns').details?.nameserver).toBe('100.100.2.136');
    expect(answer(t)).toEqual({ name: 'db.corp.internal.', addresses: ['10.0.8.30'], cnames: [] });
  });

  it('names outside every zone are untouched', () => {
    const t = dnsTrace({ world: BOUND }, 'api.example.com.');
    expect(answer(t)).toEqual({ name: 'api.example.com.', addresses: ['140.82.112.5'], cnames: [] });
  });
});
