/**
 * RFC 4180 CSV. A field that a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) is prefixed
 * with `'` (OWASP CSV injection advice): snapshot names are untrusted.
 */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | boolean | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
