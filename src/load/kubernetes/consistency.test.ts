import { describe, expect, it } from 'vitest';
import type { LoadProblem } from '../problem.js';
import { dropDuplicates } from './consistency.js';

const at = (line: number) => ({ origin: { file: 'pods.json', line, path: `items[${line}]` } });

describe('dropDuplicates', () => {
  it('keeps the first copy and warns about the later one', () => {
    const items = [
      { name: 'a', ...at(1) },
      { name: 'b', ...at(2) },
      { name: 'a', ...at(3) },
    ];
    const problems: LoadProblem[] = [];
    dropDuplicates(items, 'Pod', (o) => o.name, problems);
    expect(items.map((o) => o.origin.line)).toEqual([1, 2]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
  });

  it('handles lists far larger than a call stack can spread (large clusters)', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ name: `p${i % 199_999}`, ...at(i) }));
    const problems: LoadProblem[] = [];
    dropDuplicates(items, 'Pod', (o) => o.name, problems);
    expect(items).toHaveLength(199_999);
    expect(problems).toHaveLength(1);
  });
});
