import { describe, expect, it } from 'vitest';
import { memoByIdentities, memoByIdentity } from './memo.js';

describe('memoByIdentity', () => {
  it('builds once per object and again for an equal but distinct object', () => {
    const calls: number[][] = [];
    const sum = memoByIdentity((list: number[]) => {
      calls.push(list);
      return list.reduce((a, b) => a + b, 0);
    });
    const a = [1, 2];
    expect(sum(a)).toBe(3);
    expect(sum(a)).toBe(3);
    expect(sum([1, 2])).toBe(3);
    expect(calls.length).toBe(2);
  });

  it('keeps a cached undefined instead of building again', () => {
    let builds = 0;
    const nothing = memoByIdentity((_: object) => {
      builds++;
      return undefined;
    });
    const key = {};
    nothing(key);
    nothing(key);
    expect(builds).toBe(1);
  });
});

describe('memoByIdentities', () => {
  it('reuses a value only while both inputs are the same objects', () => {
    let builds = 0;
    const pair = memoByIdentities((a: { n: number }, b: { n: number }) => {
      builds++;
      return a.n * 10 + b.n;
    });
    const one = { n: 1 };
    const two = { n: 2 };
    expect(pair(one, two)).toBe(12);
    expect(pair(one, two)).toBe(12);
    expect(builds).toBe(1);
    expect(pair(two, one)).toBe(21);
    expect(pair(one, { n: 2 })).toBe(12);
    expect(builds).toBe(3);
  });
});
