/**
 * `podreach assert` output: a line per expectation (PASS/FAIL, its name, what was seen, and why it failed), then
 * exactly `N passed, N failed`. JUnit XML for CI systems that collect test reports.
 */
import type { ExpectationResult } from '../../fleet/assert.js';
import { summaryLine } from '../../fleet/assert.js';
import { palette } from '../colors.js';
import { visible } from '../sanitize.js';

export function renderAssertText(
  results: readonly ExpectationResult[],
  options: { readonly color: boolean },
): string {
  const c = palette(options.color);
  const lines = results.map((r) => {
    const mark = r.passed ? c.green('PASS') : c.red('FAIL');
    const head = `${mark} ${visible(r.expectation.name)}: ${visible(r.observed)}`;
    return r.passed ? head : `${head}\n${r.failures.map((f) => `       ${visible(f)}`).join('\n')}`;
  });
  return `${[...lines, summaryLine(results)].join('\n')}\n`;
}

/** XML 1.0 text: markup characters escaped, characters XML cannot carry replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(
      /[&<>"']/g,
      (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
    );
}

export function renderJunit(file: string, results: readonly ExpectationResult[]): string {
  const failures = results.filter((r) => !r.passed).length;
  const suite = escapeXml(`podreach assert ${file}`);
  const cases = results.map((r) => {
    const name = escapeXml(r.expectation.name);
    const classname = escapeXml(`${file}:${r.expectation.line}`);
    if (r.passed) return `    <testcase name="${name}" classname="${classname}"/>`;
    const message = escapeXml(r.failures[0] ?? 'failed');
    const body = escapeXml([`observed: ${r.observed}`, ...r.failures].join('\n'));
    return `    <testcase name="${name}" classname="${classname}">\n      <failure message="${message}">${body}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${results.length}" failures="${failures}">`,
    `  <testsuite name="${suite}" tests="${results.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
