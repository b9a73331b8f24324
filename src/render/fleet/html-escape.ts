/**
 * HTML escaping for every snapshot string in the HTML matrix: names, labels and reasons are untrusted (a pod may be
 * named `<script>`). Text and attribute values both go through `escapeHtml`; hidden characters are first made
 * visible the same way text output does.
 */
import { visible } from '../sanitize.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char);
}
