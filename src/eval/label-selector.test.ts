import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/kubernetes.js';
import {
  explainSelectorMismatch,
  formatSelector,
  isEmptySelector,
  matchesSelector,
} from './label-selector.js';

const sel = (
  matchLabels: Record<string, string> = {},
  matchExpressions: LabelSelectorRequirement[] = [],
): LabelSelector => ({ matchLabels, matchExpressions });

describe('matchesSelector', () => {
  it('an empty selector selects every label set, even an empty one', () => {
    expect(matchesSelector(sel(), {})).toBe(true);
    expect(matchesSelector(sel(), { pod: 'a' })).toBe(true);
  });

  it('matchLabels needs every key with the same value', () => {
    expect(matchesSelector(sel({ pod: 'b', pod2: 'updated' }), { pod: 'b', pod2: 'updated', x: 'y' })).toBe(
      true,
    );
    expect(matchesSelector(sel({ pod: 'b', pod2: 'updated' }), { pod: 'b' })).toBe(false);
    expect(matchesSelector(sel({ pod: 'b' }), { pod: 'c' })).toBe(false);
  });

  it('In needs the key present with one of the values', () => {
    const s = sel({}, [{ key: 'pod', operator: 'In', values: ['b', 'c'] }]);
    expect(matchesSelector(s, { pod: 'c' })).toBe(true);
    expect(matchesSelector(s, { pod: 'a' })).toBe(false);
    expect(matchesSelector(s, {})).toBe(false);
  });

  it('NotIn holds when the key is missing or has another value', () => {
    const s = sel({}, [{ key: 'env', operator: 'NotIn', values: ['prod'] }]);
    expect(matchesSelector(s, {})).toBe(true);
    expect(matchesSelector(s, { env: 'dev' })).toBe(true);
    expect(matchesSelector(s, { env: 'prod' })).toBe(false);
  });

  it('Exists needs the key whatever its value, including the empty string', () => {
    const s = sel({}, [{ key: 'env', operator: 'Exists', values: [] }]);
    expect(matchesSelector(s, { env: '' })).toBe(true);
    expect(matchesSelector(s, { other: 'x' })).toBe(false);
  });

  it('DoesNotExist holds only when the key is missing', () => {
    const s = sel({}, [{ key: 'env', operator: 'DoesNotExist', values: [] }]);
    expect(matchesSelector(s, { other: 'x' })).toBe(true);
    expect(matchesSelector(s, { env: '' })).toBe(false);
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const s = sel({ app: 'web' }, [{ key: 'tier', operator: 'In', values: ['front'] }]);
    expect(matchesSelector(s, { app: 'web', tier: 'front' })).toBe(true);
    expect(matchesSelector(s, { app: 'web', tier: 'back' })).toBe(false);
    expect(matchesSelector(s, { app: 'db', tier: 'front' })).toBe(false);
  });

  it('does not read inherited object properties as labels', () => {
    const s = sel({}, [{ key: 'constructor', operator: 'Exists', values: [] }]);
    expect(matchesSelector(s, {})).toBe(false);
  });
});

describe('explainSelectorMismatch', () => {
  it('is undefined when the selector matches', () => {
    expect(explainSelectorMismatch(sel({ pod: 'a' }), { pod: 'a' })).toBeUndefined();
  });
  it('names the first failing matchLabels key and what the object has', () => {
    expect(explainSelectorMismatch(sel({ pod: 'b' }), { pod: 'a' })).toBe('needs pod=b, but is pod=a');
    expect(explainSelectorMismatch(sel({ pod: 'b' }), {})).toBe('needs pod=b, but has no label pod');
  });
  it('names a failing expression in kubectl notation', () => {
    expect(
      explainSelectorMismatch(sel({}, [{ key: 'ns', operator: 'NotIn', values: ['x', 'y'] }]), { ns: 'x' }),
    ).toBe('needs ns notin (x,y), but is ns=x');
    expect(
      explainSelectorMismatch(sel({}, [{ key: 'env', operator: 'DoesNotExist', values: [] }]), { env: 'p' }),
    ).toBe('needs !env, but is env=p');
  });
});

describe('formatSelector / isEmptySelector', () => {
  it('prints {} for the empty selector and kubectl notation otherwise', () => {
    expect(isEmptySelector(sel())).toBe(true);
    expect(formatSelector(sel())).toBe('{}');
    expect(
      formatSelector(
        sel({ b: '2', a: '1' }, [
          { key: 'c', operator: 'Exists', values: [] },
          { key: 'd', operator: 'In', values: ['x', 'y'] },
        ]),
      ),
    ).toBe('a=1,b=2,c,d in (x,y)');
  });
});

// --- Property tests against a naive reference: a literal transcription of the API documentation. ---------------
// "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element
// of matchExpressions, whose key field is 'key', the operator is 'In', and the values array contains only 'value'.
// The requirements are ANDed." And for set-based requirements: "In: the label's value is in the set; NotIn: the
// label is absent or its value is not in the set; Exists: the label is present; DoesNotExist: the label is absent."
function naiveMatches(selector: LabelSelector, labels: Labels): boolean {
  const requirements: LabelSelectorRequirement[] = [
    ...Object.entries(selector.matchLabels).map(([key, value]) => ({
      key,
      operator: 'In' as const,
      values: [value],
    })),
    ...selector.matchExpressions,
  ];
  const entries = Object.entries(labels);
  return requirements.every((r) => {
    const found = entries.find(([k]) => k === r.key);
    if (r.operator === 'In') return found !== undefined && r.values.includes(found[1]);
    if (r.operator === 'NotIn') return found === undefined || !r.values.includes(found[1]);
    if (r.operator === 'Exists') return found !== undefined;
    return found === undefined;
  });
}

const key = fc.constantFrom('pod', 'ns', 'env', 'tier', 'app');
const value = fc.constantFrom('a', 'b', 'c', '', 'prod');
const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(key, value, { maxKeys: 4 });
const requirementArb: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key,
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key,
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
    values: fc.constant([]),
  }),
);
const selectorArb: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc.dictionary(key, value, { maxKeys: 3 }),
  matchExpressions: fc.array(requirementArb, { maxLength: 3 }),
});

describe('selector algebra (property tests)', () => {
  it('agrees with the naive transcription of the API docs', () => {
    fc.assert(fc.property(selectorArb, labelsArb, (s, l) => matchesSelector(s, l) === naiveMatches(s, l)));
  });

  it('explains exactly when it does not match', () => {
    fc.assert(
      fc.property(
        selectorArb,
        labelsArb,
        (s, l) => (explainSelectorMismatch(s, l) === undefined) === matchesSelector(s, l),
      ),
    );
  });

  it('is a conjunction: adding a requirement never widens the selection', () => {
    fc.assert(
      fc.property(selectorArb, requirementArb, labelsArb, (s, r, l) => {
        const narrower = { ...s, matchExpressions: [...s.matchExpressions, r] };
        return !matchesSelector(narrower, l) || matchesSelector(s, l);
      }),
    );
  });

  it('NotIn is the complement of In, DoesNotExist the complement of Exists', () => {
    fc.assert(
      fc.property(key, fc.uniqueArray(value, { minLength: 1, maxLength: 3 }), labelsArb, (k, vs, l) => {
        const inSel = sel({}, [{ key: k, operator: 'In', values: vs }]);
        const notInSel = sel({}, [{ key: k, operator: 'NotIn', values: vs }]);
        const exists = sel({}, [{ key: k, operator: 'Exists', values: [] }]);
        const absent = sel({}, [{ key: k, operator: 'DoesNotExist', values: [] }]);
        return (
          matchesSelector(inSel, l) !== matchesSelector(notInSel, l) &&
          matchesSelector(exists, l) !== matchesSelector(absent, l)
        );
      }),
    );
  });

  it('matchLabels {k: v} means the same as In [v]', () => {
    fc.assert(
      fc.property(key, value, labelsArb, (k, v, l) => {
        return (
          matchesSelector(sel({ [k]: v }), l) ===
          matchesSelector(sel({}, [{ key: k, operator: 'In', values: [v] }]), l)
        );
      }),
    );
  });
});
