import { describe, expect, it } from 'vitest';
import { isNamespaceName, isRegionId, parseEndpoint, parseEndpoints } from './options.js';

describe('parseEndpoint', () => {
  it('takes https URLs, http test servers and bare hosts (https)', () => {
    expect(parseEndpoint('vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com')).toEqual({
      ok: true,
      value: ['vpc', { protocol: 'HTTPS', host: 'vpc-vpc.cn-hangzhou.aliyuncs.com' }],
    });
    expect(parseEndpoint('ecs=http://127.0.0.1:8080')).toEqual({
      ok: true,
      value: ['ecs', { protocol: 'HTTP', host: '127.0.0.1:8080' }],
    });
    expect(parseEndpoint('RDS=rds.aliyuncs.com')).toEqual({
      ok: true,
      value: ['rds', { protocol: 'HTTPS', host: 'rds.aliyuncs.com' }],
    });
  });

  it('refuses a missing product, an unknown product, other schemes and paths', () => {
    expect(parseEndpoint('https://x')).toEqual({
      ok: false,
      message:
        '--endpoint https://x: expected PRODUCT=URL, e.g. vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com',
    });
    expect(parseEndpoint('oss=https://x')).toEqual({
      ok: false,
      message: '--endpoint oss=https://x: unknown product "oss" (one of cs, vpc, ecs, rds, slb)',
    });
    expect(parseEndpoint('ecs=ftp://x')).toEqual({
      ok: false,
      message: '--endpoint ecs=ftp://x: only http:// and https:// endpoints are supported',
    });
    expect(parseEndpoint('ecs=https://x/api')).toEqual({
      ok: false,
      message: '--endpoint ecs=https://x/api: give only scheme, host and port (no path, query or user)',
    });
  });

  it('refuses the same product twice', () => {
    expect(parseEndpoints(['ecs=a.example', 'ecs=b.example'])).toEqual({
      ok: false,
      message: '--endpoint ecs= is given twice',
    });
    expect(parseEndpoints([])).toEqual({ ok: true, value: {} });
  });
});

describe('region ids and namespace names', () => {
  it('accepts real ones and refuses the rest', () => {
    expect(isRegionId('cn-hangzhou')).toBe(true);
    expect(isRegionId('ap-southeast-1')).toBe(true);
    expect(isRegionId('hangzhou')).toBe(false);
    expect(isRegionId('cn_hangzhou')).toBe(false);
    expect(isNamespaceName('kube-system')).toBe(true);
    expect(isNamespaceName('Shop')).toBe(false);
    expect(isNamespaceName('-shop')).toBe(false);
  });
});
