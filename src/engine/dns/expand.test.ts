import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandName } from './expand.js';

const CLUSTER_FIRST = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

describe('expandName (glibc res_search order)', () => {
  it('fewer dots than ndots: the search list first, then the name as it is', () => {
    expect(expandName('api', CLUSTER_FIRST, 5)).toEqual([
      'api.shop.svc.cluster.local.',
      'api.svc.cluster.local.',
      'api.cluster.local.',
      'api.',
    ]);
  });

  it('the 4-dot RDS connection string with ndots 5 still goes through the search list first', () => {
    expect(expandName('rm-bp1xxxx.mysql.rds.aliyuncs.com', CLUSTER_FIRST, 5)).toEqual([
      'rm-bp1xxxx.mysql.rds.aliyuncs.com.shop.svc.cluster.local.',
      'rm-bp1xxxx.mysql.rds.aliyuncs.com.svc.cluster.local.',
      'rm-bp1xxxx.mysql.rds.aliyuncs.com.cluster.local.',
      'rm-bp1xxxx.mysql.rds.aliyuncs.com.',
    ]);
  });

  it('as many dots as ndots: the name as it is first (NodeLocal DNSCache ndots 3)', () => {
    expect(expandName('rm-bp1xxxx.mysql.rds.aliyuncs.com', CLUSTER_FIRST, 3)[0]).toBe(
      'rm-bp1xxxx.mysql.rds.aliyuncs.com.',
    );
  });

  it('a trailing dot is absolute: asked once, as it is', () => {
    expect(expandName('api.github.com.', CLUSTER_FIRST, 5)).toEqual(['api.github.com.']);
  });

  it('no search list: only the name', () => {
    expect(expandName('API.Example.com', [], 1)).toEqual(['api.example.com.']);
  });

  it('property: the name as it is is always asked exactly once, and every candidate ends with a dot', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (labels, ndots) => {
          const name = labels.join('.');
          const out = expandName(name, CLUSTER_FIRST, ndots);
          expect(out.filter((c) => c === `${name}.`)).toHaveLength(1);
          expect(out.every((c) => c.endsWith('.'))).toBe(true);
          expect(out).toHaveLength(4);
        },
      ),
    );
  });
});
