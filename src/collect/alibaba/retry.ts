/**
 * Throttling is retried here, with bounded exponential backoff: the OpenAPI runtime does not retry
 * `Throttling.User` by itself (shared/reference/ecosystem.md, "Checked since").
 */
import type { CallResult, CloudRequest, Transport } from './call.js';

export interface RetryPolicy {
  /** Attempts in all, including the first (≥ 1). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt + 1` (attempt counts from 1): base·2^(attempt-1), capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export function withRetry(transport: Transport, policy: RetryPolicy, sleep: Sleep = realSleep) {
  return async (request: CloudRequest): Promise<CallResult> => {
    const max = Math.max(1, Math.floor(policy.maxAttempts));
    for (let attempt = 1; ; attempt++) {
      const result = await transport(request);
      if (result.ok || result.error.kind !== 'throttled' || attempt >= max)
        return { ...result, attempts: attempt };
      await sleep(backoffDelay(policy, attempt));
    }
  };
}
