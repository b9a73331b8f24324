import { describe, expect, it } from 'vitest';
import type { AttemptResult } from './call.js';
import { backoffDelay, withRetry } from './retry.js';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 };
const throttled: AttemptResult = {
  ok: false,
  error: { kind: 'throttled', message: 'slow', code: 'Throttling' },
};
const denied: AttemptResult = { ok: false, error: { kind: 'denied', message: 'no', code: 'Forbidden.RAM' } };
const ok: AttemptResult = { ok: true, body: {} };
const request = { product: 'vpc' as const, action: 'DescribeVpcs', params: {} };

function scripted(results: AttemptResult[]) {
  let i = 0;
  return async () => results[Math.min(i++, results.length - 1)] as AttemptResult;
}

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(policy, a))).toEqual([100, 200, 250, 250]);
  });
});

describe('withRetry', () => {
  it('retries throttling with growing waits, then returns the success with its attempt count', async () => {
    const waits: number[] = [];
    const call = withRetry(scripted([throttled, throttled, ok]), policy, async (ms) => {
      waits.push(ms);
    });
    expect(await call(request)).toEqual({ ok: true, body: {}, attempts: 3 });
    expect(waits).toEqual([100, 200]);
  });

  it('stops after maxAttempts', async () => {
    const waits: number[] = [];
    const call = withRetry(scripted([throttled]), policy, async (ms) => {
      waits.push(ms);
    });
    expect(await call(request)).toMatchObject({ ok: false, attempts: 4, error: { kind: 'throttled' } });
    expect(waits).toEqual([100, 200, 250]);
  });

  it('never retries other errors', async () => {
    const call = withRetry(scripted([denied, ok]), policy, async () => {
      throw new Error('must not wait');
    });
    expect(await call(request)).toMatchObject({ ok: false, attempts: 1, error: { kind: 'denied' } });
  });
});
