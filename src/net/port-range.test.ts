import { describe, expect, it } from 'vitest';
import { formatPortRange, isEveryPort, parsePortRange, portInRange } from './port-range.js';

describe('parsePortRange', () => {
  it('reads a single port and a range', () => {
    expect(parsePortRange('80/80')).toEqual([80, 80]);
    expect(parsePortRange('1024/65535')).toEqual([1024, 65535]);
    expect(parsePortRange('1/65535')).toEqual([1, 65535]);
  });

  it('reads -1/-1 as every port (null)', () => {
    expect(parsePortRange('-1/-1')).toBeNull();
  });

  it('refuses malformed, reversed and out-of-range text', () => {
    expect(parsePortRange('80')).toBeUndefined();
    expect(parsePortRange('80-90')).toBeUndefined();
    expect(parsePortRange('90/80')).toBeUndefined();
    expect(parsePortRange('0/80')).toBeUndefined();
    expect(parsePortRange('1/65536')).toBeUndefined();
    expect(parsePortRange('-1/80')).toBeUndefined();
    expect(parsePortRange('')).toBeUndefined();
  });
});

describe('portInRange', () => {
  it('includes both ends and everything for null', () => {
    expect(portInRange([80, 90], 80)).toBe(true);
    expect(portInRange([80, 90], 90)).toBe(true);
    expect(portInRange(null, 5)).toBe(true);
  });

  it('excludes ports outside', () => {
    expect(portInRange([80, 90], 79)).toBe(false);
    expect(portInRange([80, 90], 91)).toBe(false);
  });
});

describe('formatting', () => {
  it('prints single ports, ranges and all ports', () => {
    expect(formatPortRange([3306, 3306])).toBe('3306');
    expect(formatPortRange([8000, 9000])).toBe('8000-9000');
    expect(formatPortRange(null)).toBe('all ports');
    expect(formatPortRange([1, 65535])).toBe('all ports');
  });

  it('isEveryPort only for the full range', () => {
    expect(isEveryPort([1, 65535])).toBe(true);
    expect(isEveryPort([2, 65535])).toBe(false);
  });
});
