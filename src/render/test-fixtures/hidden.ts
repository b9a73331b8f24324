/** The characters of `text` a terminal would act on or hide (newline excepted), as code points. */
export function hiddenCodePoints(text: string): number[] {
  const found: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
    const format = code === 0x200b || code === 0x202e || code === 0x2028 || code === 0xfeff;
    if (control || format) found.push(code);
  }
  return found;
}
