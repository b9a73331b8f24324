import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSelector } from '../../eval/label-selector.js';
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../model/kubernetes.js';
import { labelSignature, selectorReads } from './label-signature.js';

const sel = (matchLabels: Labels, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});

describe('labelSignature', () => {
  const reads = selectorReads([
    sel({ app: 'web' }),
    sel({}, [{ key: 'tier', operator: 'In', values: ['front', 'back'] }]),
    sel({}, [{ key: 'legacy', operator: 'DoesNotExist', values: [] }]),
  ]);

  it('reads only the keys selectors name, sorted', () => {
    expect(reads.keys).toEqual(['app', 'legacy', 'tier']);
  });

  it('keeps named values, folds other values together, and tells absent apart', () => {
    expect(labelSignature(reads, { app: 'web', tier: 'front', other: 'x' })).toBe('3:web-5:front');
    expect(labelSignature(reads, { app: 'api', tier: 'mid' })).toBe('*-*');
    expect(labelSignature(reads, { app: 'db', tier: 'edge' })).toBe('*-*');
    expect(labelSignature(reads, { legacy: '' })).toBe('-*-');
  });

  const keyArb = fc.constantFrom('a', 'b', 'c');
  const valueArb = fc.constantFrom('1', '2', '3', '');
  const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 3 });
  const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.record({
    key: keyArb,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.uniqueArray(valueArb, { maxLength: 2 }),
  });
  const selectorArb = fc.record({
    matchLabels: fc.dictionary(keyArb, valueArb, { maxKeys: 2 }),
    matchExpressions: fc.array(requirementArb, { maxLength: 2 }),
  });

  it('equal signatures are matched by the same selectors (property)', () => {
    fc.assert(
      fc.property(fc.array(selectorArb, { maxLength: 4 }), labelsArb, labelsArb, (selectors, x, y) => {
        const r = selectorReads(selectors);
        if (labelSignature(r, x) !== labelSignature(r, y)) return;
        for (const s of selectors) expect(matchesSelector(s, x)).toBe(matchesSelector(s, y));
      }),
    );
  });
});
