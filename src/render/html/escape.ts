/**
 * Text from a snapshot placed into HTML: control and bidi characters first made visible (sanitize.ts: an ANSI
 * escape shows as `\x1b[...`, never reaches a terminal or reorders text), then the HTML-special characters (and the backtick, which old IE read as an attribute quote)
 * replaced by entities, so a name like `<script>` or `" onmouseover="` stays text in both content and attributes.
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

/** Multi-line text (a command, a manifest): each line escaped, line breaks kept. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeHtml).join('\n');
}
