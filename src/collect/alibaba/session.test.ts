import { describe, expect, it } from 'vitest';
import type { CallResult, CloudRequest } from './call.js';
import { CloudSession } from './session.js';

type Json = Record<string, unknown>;

function session(
  answer: (request: CloudRequest) => Json | CallResult,
  settings = { pageSize: 2, maxPages: 5 },
) {
  const written: string[] = [];
  const requests: CloudRequest[] = [];
  const s = new CloudSession(
    async (request) => {
      requests.push(request);
      const a = answer(request);
      return 'ok' in a && typeof a.ok === 'boolean'
        ? (a as CallResult)
        : { ok: true, body: a as Json, attempts: 1 };
    },
    async (file) => {
      written.push(file);
    },
    settings,
    () => {},
  );
  return { s, written, requests };
}

const vswitches = (n: number) => ({
  VSwitches: { VSwitch: Array.from({ length: n }, (_, i) => ({ VSwitchId: `vsw-${i}` })) },
});
const base = { product: 'vpc' as const, action: 'DescribeVSwitches', params: { RegionId: 'cn-hangzhou' } };

describe('CloudSession.paged', () => {
  it('follows TotalCount and names pages …, -page2, -page3', async () => {
    const { s, written, requests } = session((r) => {
      const page = Number(r.params.PageNumber);
      return { TotalCount: 5, ...vswitches(page === 3 ? 1 : 2) };
    });
    expect(await s.paged(base, 'alibaba/vpc-DescribeVSwitches', 'VSwitches', 'VSwitch')).toHaveLength(5);
    expect(written).toEqual([
      'alibaba/vpc-DescribeVSwitches.json',
      'alibaba/vpc-DescribeVSwitches-page2.json',
      'alibaba/vpc-DescribeVSwitches-page3.json',
    ]);
    expect(requests.map((r) => r.params.PageSize)).toEqual(['2', '2', '2']);
    expect(s.records[0]).toMatchObject({ pages: 3, outcome: 'ok', attempts: 3 });
  });

  it('reads RDS TotalRecordCount given as a string, and stops at an empty page when the total lies', async () => {
    const rds = session((r) => ({
      TotalRecordCount: '3',
      Items: { DBInstance: r.params.PageNumber === '1' ? [{}, {}] : [{}] },
    }));
    expect(await rds.s.paged(base, 'x', 'Items', 'DBInstance')).toHaveLength(3);
    const liar = session((r) => ({ TotalCount: 100, ...vswitches(r.params.PageNumber === '1' ? 2 : 0) }));
    expect(await liar.s.paged(base, 'x', 'VSwitches', 'VSwitch')).toHaveLength(2);
    expect(liar.requests).toHaveLength(2);
  });

  it('without a total, stops at a short page', async () => {
    const { s, requests } = session(() => vswitches(1));
    await s.paged(base, 'x', 'VSwitches', 'VSwitch');
    expect(requests).toHaveLength(1);
  });

  it('stops at maxPages and records the call as truncated', async () => {
    const { s, requests } = session(() => ({ TotalCount: 1000, ...vswitches(2) }), {
      pageSize: 2,
      maxPages: 3,
    });
    expect(await s.paged(base, 'x', 'VSwitches', 'VSwitch')).toHaveLength(6);
    expect(requests).toHaveLength(3);
    expect(s.records[0]?.outcome).toBe('truncated');
  });

  it('keeps the pages before a failed one and records the failure with its RAM action', async () => {
    const { s, written } = session((r) =>
      r.params.PageNumber === '2'
        ? { ok: false, error: { kind: 'denied', message: 'no', code: 'Forbidden' }, attempts: 1 }
        : { TotalCount: 4, ...vswitches(2) },
    );
    expect(await s.paged(base, 'b', 'VSwitches', 'VSwitch')).toHaveLength(2);
    expect(written).toEqual(['b.json']);
    expect(s.records[0]).toMatchObject({
      outcome: 'failed',
      error: { kind: 'denied', ramAction: 'vpc:DescribeVSwitches' },
    });
  });
});

describe('CloudSession.tokenPaged', () => {
  it('follows NextToken, and stops at an empty or repeated token', async () => {
    const { s, requests, written } = session((r) => ({
      NextToken: r.params.NextToken === undefined ? 't1' : r.params.NextToken === 't1' ? 't2' : 't1',
      RouteEntrys: { RouteEntry: [{}] },
    }));
    expect(await s.tokenPaged(base, 'r', 'RouteEntrys', 'RouteEntry')).toHaveLength(3);
    expect(requests.map((r) => r.params.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(requests.map((r) => r.params.MaxResults)).toEqual(['2', '2', '2']);
    expect(written).toEqual(['r.json', 'r-page2.json', 'r-page3.json']);
  });
});

describe('CloudSession, an endpoint that stops answering', () => {
  it('stops calling a product after two timeouts in a row, and keeps calling the others', async () => {
    const { s, requests } = session((r) =>
      r.product === 'ecs'
        ? { ok: false, error: { kind: 'timeout', message: 'Read timeout' }, attempts: 1 }
        : { TotalCount: 0, Vpcs: { Vpc: [] } },
    );
    for (const id of ['sg-1', 'sg-2', 'sg-3'])
      await s.single(
        { product: 'ecs', action: 'DescribeSecurityGroupAttribute', params: { SecurityGroupId: id } },
        `g.${id}`,
      );
    await s.paged({ product: 'vpc', action: 'DescribeVpcs', params: {} }, 'v', 'Vpcs', 'Vpc');
    expect(requests.map((r) => `${r.product} ${r.params.SecurityGroupId ?? r.action}`)).toEqual([
      'ecs sg-1',
      'ecs sg-2',
      'vpc DescribeVpcs',
    ]);
    expect(s.records[2]).toMatchObject({
      outcome: 'failed',
      attempts: 0,
      error: { kind: 'network', message: 'not tried: the ecs endpoint failed to answer 2 calls in a row' },
    });
  });

  it('a success in between resets the count', async () => {
    let n = 0;
    const { s, requests } = session(() =>
      ++n === 2 ? {} : { ok: false, error: { kind: 'network', message: 'ECONNRESET' }, attempts: 1 },
    );
    for (const id of ['a', 'b', 'c', 'd'])
      await s.single(
        { product: 'ecs', action: 'DescribeSecurityGroupAttribute', params: { SecurityGroupId: id } },
        id,
      );
    expect(requests).toHaveLength(4);
  });
});
