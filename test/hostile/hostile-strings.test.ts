/**
 * Hostile strings in a snapshot (names, labels, annotations, descriptions, file names) and on the command line go
 * through the real CLI (text, JSON and HTML, inspect and check, errors included) and must never reach the terminal
 * or a page raw: no control, bidi or zero-width character in any output, markup escaped in HTML, whatever the input
 * carried; very long values do not break the run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { captureIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { hiddenCodePoints } from '../../src/render/test-fixtures/hidden.js';
import { ROOT } from '../reference/example-files.js';

const ANSI = '\u001b[31mred\u001b[0m\u001b[2J';
const BIDI = 'abc\u202eevil\u202c';
const CONTROL = 'bell\u0007back\u0008csi\u009b31m\u007fdel\u200bzw\u2028ls\ufeffbom';
const HTML = '<script>alert(1)</script>&amp;';
const LONG = 'x'.repeat(100_000);
const HOSTILE = `${ANSI}|${BIDI}|${CONTROL}|${HTML}`;

let dir = '';

// biome-ignore lint/suspicious/noExplicitAny: a raw API body, edited by a test that knows its shape
function editJson(path: string, edit: (body: Record<string, any>) => void): void {
  const full = join(dir, path);
  const body = JSON.parse(readFileSync(full, 'utf8'));
  edit(body);
  writeFileSync(full, JSON.stringify(body, null, 2));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podreach-hostile-'));
  cpSync(join(ROOT, 'examples/flannel-ipv4'), dir, { recursive: true });
  // Descriptions and names the API lets anyone write.
  editJson('alibaba/ecs-DescribeSecurityGroupAttribute.sg-bp11nh9y5kmtxh18mpqc.json', (body) => {
    body.SecurityGroupName = HOSTILE;
    body.Description = HOSTILE;
    for (const rule of body.Permissions.Permission) rule.Description = `${HOSTILE}${LONG}`;
  });
  editJson('alibaba/vpc-DescribeRouteEntryList.json', (body) => {
    for (const entry of body.RouteEntrys.RouteEntry) {
      entry.RouteEntryName = HOSTILE;
      entry.Description = HOSTILE;
    }
  });
  editJson('alibaba/vpc-DescribeSnatTableEntries.json', (body) => {
    for (const entry of body.SnatTableEntries.SnatTableEntry) entry.SnatEntryName = HOSTILE;
  });
  // Labels and annotations on every pod (values the API server would refuse are still in a hand-made file).
  editJson('kubernetes/pods.json', (body) => {
    for (const pod of body.items) {
      pod.metadata.annotations = { ...pod.metadata.annotations, note: HOSTILE, long: LONG };
      pod.metadata.labels = { ...pod.metadata.labels, [`x${ANSI}`]: BIDI };
    }
  });
  // The allow-list name is printed in the destination-access hop.
  const worldPath = join(dir, 'world.yaml');
  const world = parse(readFileSync(worldPath, 'utf8'));
  world.allowLists[0].name = HOSTILE;
  writeFileSync(worldPath, stringify(world));
  // A file whose name and kind are hostile: listed by inspect as ignored.
  writeFileSync(
    join(dir, `kubernetes/${ANSI}${BIDI}.yaml`),
    `apiVersion: v1\nkind: "${HTML}\\e[2J\\u202e"\n`,
  );
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function expectNothingHidden(result: { out: string; err: string }): void {
  expect(hiddenCodePoints(result.out)).toEqual([]);
  expect(hiddenCodePoints(result.err)).toEqual([]);
  expect(result.err).not.toContain('internal error');
}

describe('hostile strings never reach the terminal raw', () => {
  it('inspect, text and JSON: file names, kinds and names are escaped', async () => {
    for (const output of ['text', 'json']) {
      const result = await cli(['inspect', '--snapshot', dir, '--output', output]);
      expectNothingHidden(result);
      expect([0, 2]).toContain(result.code);
    }
    const text = await cli(['inspect', '--snapshot', dir]);
    // The hostile file name is listed, visibly escaped.
    expect(text.out).toContain('\\x1b[31mred');
    expect(text.out).toContain('\\u202e');
  });

  it('check, text and JSON: the allow-list name and the rule descriptions are escaped', async () => {
    const argv = [
      'check',
      '--snapshot',
      dir,
      'web/frontend-6b7c9d8f5-r6t2y',
      'api.paygate.example',
      '--port',
      '443',
    ];
    for (const output of ['text', 'json']) {
      const result = await cli([...argv, '--output', output]);
      expectNothingHidden(result);
      expect(result.code).toBe(1);
    }
    const details = await cli([...argv, '--details']);
    expectNothingHidden(details);
    expect(details.out + details.err).toContain('\\x1b[31mred');
    const json = await cli([...argv, '--output', 'json']);
    expect(json.out).toContain(HTML); // JSON carries HTML as text; whoever embeds it in a page escapes it
    expect(() => JSON.parse(json.out)).not.toThrow();
  });

  it('check --output html: markup in names is escaped, never live', async () => {
    const argv = [
      'check',
      '--snapshot',
      dir,
      'web/frontend-6b7c9d8f5-r6t2y',
      'api.paygate.example',
      '--port',
      '443',
    ];
    const result = await cli([...argv, '--output', 'html']);
    expectNothingHidden(result);
    expect(result.code).toBe(1);
    expect(result.out).toContain('<html');
    expect(result.out).not.toContain('<script>alert(1)</script>');
    expect(result.out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('with colour forced, the only escape sequences are the colours podreach writes', async () => {
    const argv = [
      'check',
      '--snapshot',
      dir,
      'web/frontend-6b7c9d8f5-r6t2y',
      'api.paygate.example',
      '--port',
      '443',
    ];
    const result = await cli([...argv, '--details'], { FORCE_COLOR: '1' });
    const withoutColours = result.out.replace(new RegExp(`${'\u001b'}\\[\\d+(;\\d+)*m`, 'g'), '');
    expect(hiddenCodePoints(withoutColours)).toEqual([]);
    expect(result.out).not.toContain('\u001b[2J');
    expect(result.out).not.toContain('\u001b[31mred');
  });

  it('hostile names on the command line are escaped in the error', async () => {
    for (const from of [`web/${ANSI}`, `${BIDI}/pod`, `web/${CONTROL}`, `web/${LONG}`]) {
      const result = await cli(['check', '--snapshot', dir, from, '8.8.8.8', '--port', '443']);
      expectNothingHidden(result);
      expect(result.code).toBe(2);
    }
    const result = await cli([
      'check',
      '--snapshot',
      dir,
      'web/frontend-6b7c9d8f5-r6t2y',
      `${ANSI}.example`,
      '--port',
      '443',
    ]);
    expectNothingHidden(result);
  });

  it('a hostile snapshot path is escaped in the error', async () => {
    const result = await cli(['inspect', '--snapshot', join(dir, `missing${ANSI}${BIDI}`)]);
    expectNothingHidden(result);
    expect(result.code).toBe(2);
  });

  it('a load error quoting hostile text is escaped, and still says where', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'podreach-hostile-bad-'));
    try {
      writeFileSync(
        join(bad, 'pods.yaml'),
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${HTML}\\e[2J"\n  namespace: "\\u202e"\nspec:\n  hostNetwork: "${ANSI.replaceAll('\u001b', '\\e')}"\n`,
      );
      const result = await cli(['check', '--snapshot', bad, 'a/b', '8.8.8.8', '--port', '443']);
      expectNothingHidden(result);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/pods\.yaml:\d+:\d+: /);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
