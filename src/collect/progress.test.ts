import { describe, expect, it } from 'vitest';
import { progressReporter } from './progress.js';

describe('progressReporter', () => {
  it('prints plain lines when stderr is not a terminal', () => {
    const out: string[] = [];
    const p = progressReporter((t) => out.push(t), false);
    p.step('vpc DescribeVpcs: page 1, 1 so far');
    p.event('vpc DescribeVpcs: 1 in 1 page');
    p.event('ecs DescribeInstances: FAILED denied');
    p.done();
    expect(out.join('')).toBe(
      'collect: vpc DescribeVpcs: 1 in 1 page\ncollect: ecs DescribeInstances: FAILED denied\n',
    );
  });

  it('rewrites one status line per product on a terminal, and keeps failures on screen', () => {
    const out: string[] = [];
    const p = progressReporter((t) => out.push(t), true);
    p.step('vpc DescribeVpcs: page 1, 1 so far');
    p.event('vpc DescribeVpcs: 1 in 1 page');
    p.event('vpc DescribeVSwitches: 6 in 1 page');
    p.event('ecs DescribeInstances: FAILED denied');
    p.event('ecs DescribeNetworkInterfaces: 9 in 1 page');
    p.done();
    expect(out.join('')).toBe(
      '\r\x1b[Kcollect: vpc DescribeVpcs: page 1, 1 so far' +
        '\r\x1b[Kcollect: vpc DescribeVpcs: 1 in 1 page' +
        '\r\x1b[Kcollect: vpc DescribeVSwitches: 6 in 1 page' +
        '\n\r\x1b[Kcollect: ecs DescribeInstances: FAILED denied\n' +
        '\r\x1b[Kcollect: ecs DescribeNetworkInterfaces: 9 in 1 page\n',
    );
  });
});
