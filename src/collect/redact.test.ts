import { describe, expect, it } from 'vitest';
import { hashRedactor, identityRedactor, isInfrastructureLabel } from './redact.js';

describe('hashRedactor', () => {
  it('gives one hash per name within a run, a valid DNS label, and different names different hashes', () => {
    const r = hashRedactor(new Uint8Array(32).fill(1));
    const a = r.name('payments');
    expect(r.name('payments')).toBe(a);
    expect(a).toMatch(/^h[0-9a-f]{12}$/);
    expect(r.name('shop')).not.toBe(a);
  });

  it('depends on the salt: two runs do not share hashes', () => {
    expect(hashRedactor(new Uint8Array(32).fill(1)).name('shop')).not.toBe(
      hashRedactor(new Uint8Array(32).fill(2)).name('shop'),
    );
  });

  it('keeps marked names and the empty string', () => {
    const r = hashRedactor();
    r.keep('kube-system');
    expect(r.name('kube-system')).toBe('kube-system');
    expect(r.name('')).toBe('');
    expect(r.name('shop')).not.toBe('shop');
  });

  it('the identity redactor changes nothing', () => {
    expect(identityRedactor.name('shop')).toBe('shop');
  });
});

describe('isInfrastructureLabel', () => {
  it('keeps topology, instance type, ACK and template-hash labels', () => {
    for (const key of [
      'topology.kubernetes.io/zone',
      'failure-domain.beta.kubernetes.io/region',
      'node.kubernetes.io/instance-type',
      'ack.aliyun.com',
      'alibabacloud.com/nodepool-id',
      'pod-template-hash',
      'kubernetes.io/os',
    ])
      expect(isInfrastructureLabel(key)).toBe(true);
  });

  it('redacts application and name-carrying labels', () => {
    for (const key of [
      'app',
      'app.kubernetes.io/name',
      'kubernetes.io/metadata.name',
      'kubernetes.io/service-name',
      'team',
    ])
      expect(isInfrastructureLabel(key)).toBe(false);
  });
});
