import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { indexSnapshot } from './snapshot-index.js';
import { fixtureSnapshot, WEB_A, WEB_B } from './test-fixtures/cluster.js';
import { hop, path, query, trace, workload } from './test-fixtures/query.js';

const FROM_A = `shop/${WEB_A}`;
const FROM_B = `shop/${WEB_B}`;

describe('check: verdict and blockers', () => {
  it('reachable: every hop in path order, the seen address after the last rewrite', () => {
    const t = trace({}, FROM_A, 'api.example.com');
    expect(path(t)).toEqual([
      'source:pass',
      'dns:pass',
      'egress-policy:pass',
      'egress-security-group:pass',
      'source-nat:pass',
      'route:pass',
      'internet-exit:rewrite',
      'destination-access:skip',
      'ingress-policy:skip',
      'destination:pass',
    ]);
    expect(t.verdict).toBe('reachable');
    expect(t.sourceAddressSeen).toBe('47.98.1.10');
    expect(t.blockers).toEqual([]);
    expect(t.blockedAt).toBeNull();
    expect(t.query).toEqual({
      from: FROM_A,
      to: 'api.example.com',
      protocol: 'tcp',
      port: 443,
      family: null,
    });
  });

  it('evaluation goes on past a drop so every blocker shows at once', () => {
    const drop = {
      id: 'sgr-drop-443',
      direction: 'egress' as const,
      policy: 'Drop' as const,
      priority: 1,
      protocol: 'TCP',
      ports: '443/443',
      cidr: '0.0.0.0/0',
    };
    const t = trace({ sgRules: { 'sg-pod': [drop] } }, FROM_B, 'api.example.com');
    expect(t.verdict).toBe('blocked');
    expect(t.blockers.map((b) => b.kind)).toEqual(['egress-security-group', 'internet-exit']);
    expect(t.blockedAt).toEqual(t.blockers[0]);
    expect(t.blockers[0]?.hopIndex).toBe(3);
    expect(t.blockers.every((b) => b.fixes.length === 0)).toBe(true);
    expect(t.sourceAddressSeen).toBeNull();
  });

  it('unknown without any drop: verdict unknown, seen address null, the missing data listed', () => {
    const t = trace({ omit: ['vpc-DescribeSnatTableEntries.json'] }, FROM_A, '140.82.112.5');
    expect(t.verdict).toBe('unknown');
    expect(t.sourceAddressSeen).toBeNull();
    expect(t.missing.length).toBeGreaterThan(0);
  });

  it('every deciding rule carries where it was written', () => {
    const t = trace({}, FROM_A, 'api.example.com');
    expect(hop(t, 'route').rule?.origin?.file).toBe('alibaba/vpc-DescribeRouteEntryList.json');
    expect(hop(t, 'internet-exit').rule?.origin?.file).toBe('alibaba/vpc-DescribeSnatTableEntries.json');
  });

  it('is deterministic and indexes a snapshot once', () => {
    const snapshot = fixtureSnapshot();
    const q = query(FROM_A, 'api.example.com');
    expect(check(snapshot, q)).toEqual(check(snapshot, q));
    expect(indexSnapshot(snapshot)).toBe(indexSnapshot(snapshot));
  });
});

describe('check: workloads', () => {
  it('pods with different outcomes are split into groups; the verdict is the worst', () => {
    const w = workload({}, 'shop/deployment/web', 'api.example.com');
    expect(w.verdict).toBe('blocked');
    expect(w.groups.map((g) => [g.pods, g.trace.verdict])).toEqual([
      [[FROM_A], 'reachable'],
      [[FROM_B], 'blocked'],
    ]);
    expect(w.query.from).toBe('shop/deployment/web');
  });

  it('pods with the same outcome form one group', () => {
    const snat = [{ id: 'snat-vpc', cidr: '10.0.0.0/8', ips: '47.98.1.10' }];
    const w = workload({ snat }, 'shop/deployment/web', 'api.example.com');
    expect(w.verdict).toBe('reachable');
    expect(w.groups.map((g) => g.pods)).toEqual([[FROM_A, FROM_B]]);
  });
});

describe('check: query errors', () => {
  const snapshot = fixtureSnapshot();
  const error = (from: string, to: string, extras = {}) => {
    const result = check(snapshot, query(from, to, extras));
    return result.ok ? undefined : result.error;
  };

  it('tcp without a port', () => {
    expect(error(FROM_A, '140.82.112.5', { port: null })?.message).toBe('--port is required for tcp');
  });

  it('an unknown Service, resource or workload', () => {
    expect(error(FROM_A, 'svc/shop/apj', { port: 80 })?.hint).toContain('shop/api');
    expect(error(FROM_A, 'rm-nothere', { port: 3306 })?.message).toBe(
      'RDS instance rm-nothere is not in the snapshot',
    );
    expect(error('shop/deployment/webb', '140.82.112.5')?.hint).toContain('shop/deployment/web');
  });

  it('a family that contradicts the address', () => {
    expect(error(FROM_A, '140.82.112.5', { family: 6 })?.message).toBe(
      '--family 6 does not match the IPv4 address 140.82.112.5',
    );
  });
});

describe('check: a pod without an address of the family', () => {
  it('an IPv4-only pod towards a private IPv6 address is dropped at the source', () => {
    const t = trace({}, FROM_A, 'fd00::10', { port: 8080 });
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.kind).toBe('source');
    expect(t.blockedAt?.reason).toBe(`${FROM_A} has no IPv6 address to send to fd00::10 from`);
  });

  it('towards the IPv6 Internet it is the seed page point, at internet-exit', () => {
    expect(trace({}, FROM_A, '2606:4700::10').blockedAt?.kind).toBe('internet-exit');
  });
});
