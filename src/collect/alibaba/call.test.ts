import { describe, expect, it } from 'vitest';
import { classifyError, parseBody, scrubSecrets } from './call.js';

function sdkError(name: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'x')), { name, ...fields });
}

describe('classifyError', () => {
  it('throttling by error class or by code', () => {
    expect(
      classifyError(sdkError('ThrottlingError', { code: 'Throttling.User', statusCode: 400 })).kind,
    ).toBe('throttled');
    expect(classifyError(sdkError('ClientError', { code: 'Throttling.Api', statusCode: 400 })).kind).toBe(
      'throttled',
    );
  });

  it('denied: HTTP 403 or a permission code', () => {
    expect(classifyError(sdkError('ClientError', { code: 'Forbidden.RAM', statusCode: 403 }))).toMatchObject({
      kind: 'denied',
      code: 'Forbidden.RAM',
      status: 403,
    });
    expect(classifyError(sdkError('ClientError', { code: 'NoPermission', statusCode: 400 })).kind).toBe(
      'denied',
    );
    expect(classifyError(sdkError('ClientError', { code: 'InvalidParameter', statusCode: 400 })).kind).toBe(
      'client',
    );
  });

  it('404, 5xx, a non-JSON error body, a timeout and a socket error', () => {
    expect(classifyError(sdkError('ClientError', { code: 'NotFound', statusCode: 404 })).kind).toBe(
      'not-found',
    );
    expect(classifyError(sdkError('ServerError', { code: 'ServiceUnavailable', statusCode: 503 })).kind).toBe(
      'server',
    );
    expect(classifyError(new SyntaxError('Unexpected token <')).kind).toBe('malformed');
    expect(classifyError(sdkError('ReadTimeout', { message: 'Read timeout of 300ms' })).kind).toBe('timeout');
    expect(
      classifyError(sdkError('Error', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }))
        .kind,
    ).toBe('network');
  });
});

describe('scrubSecrets', () => {
  it('hides signed query values and authorization headers', () => {
    expect(scrubSecrets('GET /?AccessKeyId=LTAIabc&Signature=xyz%3D&SecurityToken=tok&Action=X')).toBe(
      'GET /?AccessKeyId=***&Signature=***&SecurityToken=***&Action=X',
    );
    expect(scrubSecrets('Authorization: ACS3-HMAC-SHA256 Credential=LTAIabc,SignedHeaders=host')).toBe(
      'Authorization: ***',
    );
    expect(scrubSecrets('connect ECONNREFUSED')).toBe('connect ECONNREFUSED');
  });
});

describe('parseBody', () => {
  it('accepts JSON objects only', () => {
    expect(parseBody('{"Vpcs":{"Vpc":[]}}')).toEqual({ ok: true, body: { Vpcs: { Vpc: [] } } });
    expect(parseBody('{"Vpcs":')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'the answer is not JSON (8 bytes starting "{"Vpcs":")' },
    });
    expect(parseBody('[1]')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'the answer is JSON but not an object' },
    });
  });
});
