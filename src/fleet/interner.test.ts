import { describe, expect, it } from 'vitest';
import { Interner } from './interner.js';

describe('Interner', () => {
  it('numbers keys from 0 in first-seen order and gives a key seen before its old id', () => {
    const names = new Interner<string>();
    expect(names.id('b')).toBe(0);
    expect(names.id('a')).toBe(1);
    expect(names.id('b')).toBe(0);
    expect(names.id('c')).toBe(2);
  });

  it('keys objects by identity', () => {
    const rules = new Interner<object>();
    const rule = { port: 80 };
    expect(rules.id(rule)).toBe(0);
    expect(rules.id({ port: 80 })).toBe(1);
    expect(rules.id(rule)).toBe(0);
  });
});
