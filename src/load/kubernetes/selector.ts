import type { z } from 'zod';
import type { LabelSelector, LabelSelectorRequirement } from '../../model/kubernetes.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { problemAt } from './problems.js';
import type { labelSelectorSchema } from './schema.js';

type Path = readonly (string | number)[];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const HINT =
  'the API server would refuse this selector; fix it as in the live object (kubectl get … -o yaml)';

/**
 * Converts a label selector and checks it the way the API server does (apimachinery ValidateLabelSelector):
 * In/NotIn need values, Exists/DoesNotExist take none, and no other operator exists. Returns undefined when invalid.
 */
export function toLabelSelector(
  raw: z.infer<typeof labelSelectorSchema> | null | undefined,
  doc: RawDocument,
  path: Path,
  problems: LoadProblem[],
): LabelSelector | undefined {
  const matchExpressions: LabelSelectorRequirement[] = [];
  let valid = true;
  (raw?.matchExpressions ?? []).forEach((expr, i) => {
    const at = [...path, 'matchExpressions', i];
    const values = expr.values ?? [];
    const operator = OPERATORS.find((op) => op === expr.operator);
    if (operator === undefined) {
      problems.push(
        problemAt(doc, [...at, 'operator'], {
          message: `unknown selector operator "${expr.operator}"`,
          expected: OPERATORS.join(', '),
          hint: HINT,
        }),
      );
      valid = false;
      return;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      problems.push(
        problemAt(doc, at, {
          message: `selector operator ${operator} on key "${expr.key}" has no values`,
          expected: 'at least one value for In and NotIn',
          hint: HINT,
        }),
      );
      valid = false;
      return;
    }
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      problems.push(
        problemAt(doc, [...at, 'values'], {
          message: `selector operator ${operator} on key "${expr.key}" has values`,
          expected: 'no values for Exists and DoesNotExist',
          hint: HINT,
        }),
      );
      valid = false;
      return;
    }
    matchExpressions.push({ key: expr.key, operator, values });
  });
  if (!valid) return undefined;
  return { matchLabels: raw?.matchLabels ?? {}, matchExpressions };
}
