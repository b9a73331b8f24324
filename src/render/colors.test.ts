import { describe, expect, it } from 'vitest';
import { colorEnabled, palette } from './colors.js';

describe('colorEnabled', () => {
  it('colours a terminal', () => {
    expect(colorEnabled({}, true)).toBe(true);
  });
  it('does not colour a pipe or a file', () => {
    expect(colorEnabled({}, false)).toBe(false);
  });
  it('honours NO_COLOR on a terminal', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
  });
  it('ignores an empty NO_COLOR, as no-color.org says', () => {
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
  });
  it('honours FORCE_COLOR on a pipe', () => {
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
  });
  it('reads FORCE_COLOR=0 as off', () => {
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
  it('lets NO_COLOR win over FORCE_COLOR', () => {
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });
  it('does not colour TERM=dumb', () => {
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });
});

describe('palette', () => {
  it('emits ANSI codes only when enabled', () => {
    expect(palette(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(palette(false).red('x')).toBe('x');
  });
});
