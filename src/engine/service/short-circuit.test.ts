import { describe, expect, it } from 'vitest';
import { versionAtLeast } from './short-circuit.js';

describe('versionAtLeast (Terway image tags and add-on versions)', () => {
  it('v1.2.0 and later count as v1.2.0', () => {
    expect(versionAtLeast('v1.2.0', [1, 2, 0])).toBe(true);
    expect(versionAtLeast('v1.10.3', [1, 2, 0])).toBe(true);
    expect(versionAtLeast('1.2.1-aliyun.1', [1, 2, 0])).toBe(true);
  });

  it('earlier versions do not', () => {
    expect(versionAtLeast('v1.1.9', [1, 2, 0])).toBe(false);
    expect(versionAtLeast('v1.1.0', [1, 2, 0])).toBe(false);
    expect(versionAtLeast('v0.9', [1, 2, 0])).toBe(false);
  });
});
