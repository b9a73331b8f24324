import type { Matrix } from '../../fleet/matrix.js';
import { escapeInvisible } from '../stable-json.js';
import { matrixData } from './matrix-data.js';

/** `podreach matrix --output json`: {schemaVersion, rows, columns, cells}; cells in row-major order. */
export function renderMatrixJson(matrix: Matrix): string {
  return `${escapeInvisible(JSON.stringify(matrixData(matrix), null, 2))}\n`;
}
