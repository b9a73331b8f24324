/** One Alibaba Cloud OpenAPI call, its outcome as a value (never thrown), and the error classes collect reports. */
import type { Product } from './products.js';

export interface CloudRequest {
  readonly product: Product;
  readonly action: string;
  /** RPC query parameters (strings, as the API takes them). */
  readonly params: Readonly<Record<string, string>>;
  /** ROA calls (cs) only: the resource path, e.g. `/clusters/c123`. */
  readonly pathname?: string;
}

export type CallErrorKind =
  | 'denied'
  | 'throttled'
  | 'not-found'
  | 'client'
  | 'server'
  | 'malformed'
  | 'timeout'
  | 'network'
  | 'credentials';

export interface CallError {
  readonly kind: CallErrorKind;
  readonly message: string;
  readonly code?: string;
  readonly status?: number;
}

export type AttemptResult =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly error: CallError };

export type CallResult = AttemptResult & { readonly attempts: number };

/** Sends one request once. Implementations never throw. */
export type Transport = (request: CloudRequest) => Promise<AttemptResult>;

/** Removes anything that looks like a credential from a message before it is printed or written. */
export function scrubSecrets(message: string): string {
  return message
    .replace(/(AccessKeyId|AccessKeySecret|SecurityToken|Signature|BearerToken)=[^&\s"']*/gi, '$1=***')
    .replace(/(Credential=)[^,\s"']*/g, '$1***')
    .replace(/(authorization["']?\s*[:=]\s*["']?)[^"'\n]*/gi, '$1***');
}

/** Parses a response body: JSON objects only; anything else is a malformed answer. */
export function parseBody(text: string): AttemptResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: { kind: 'malformed', message: `the answer is not JSON (${describeText(text)})` },
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: { kind: 'malformed', message: 'the answer is JSON but not an object' } };
  return { ok: true, body: value as Record<string, unknown> };
}

function describeText(text: string): string {
  const start = text.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
  return `${text.length} bytes starting "${start}"`;
}

const DENIED_CODE = /forbidden|nopermission|accessdenied|unauthorized|notauthorized/i;

/** Classifies what the OpenAPI runtime threw (AlibabaCloudError subclasses, SyntaxError, socket errors). */
export function classifyError(error: unknown): CallError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  const rawCode = typeof e.code === 'string' ? e.code : undefined;
  const code = rawCode !== undefined && rawCode !== 'undefined' ? rawCode : undefined;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const message = scrubSecrets(error instanceof Error ? error.message : String(error));
  const base = {
    message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
  };
  if (name === 'ThrottlingError' || code?.includes('Throttling') === true)
    return { kind: 'throttled', ...base };
  if (status === 403 || (code !== undefined && DENIED_CODE.test(code))) return { kind: 'denied', ...base };
  if (status === 404) return { kind: 'not-found', ...base };
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'client', ...base };
  if (status !== undefined && status >= 500) return { kind: 'server', ...base };
  if (error instanceof SyntaxError)
    return { kind: 'malformed', message: `the error answer is not JSON: ${message}` };
  if (/timeout|timed out|ETIMEDOUT/i.test(`${name} ${message} ${code ?? ''}`))
    return { kind: 'timeout', ...base };
  return { kind: 'network', ...base };
}
