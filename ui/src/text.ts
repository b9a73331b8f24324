/**
 * Snapshot strings shown in the page: Preact already escapes HTML, and this also makes control, bidi and zero-width
 * characters visible (`\x1b`, `\u202e`), as the text output does, so a name cannot reorder or hide what is around it.
 */
export { visible as t } from '../../src/render/sanitize.js';
