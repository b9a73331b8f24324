/** The fuzz corpus: every raw body the project holds (both examples and the loader fixtures), parsed once. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { ROOT } from '../reference/example-files.js';

export interface CorpusFile {
  /** Path relative to the repository root, e.g. `examples/flannel-ipv4/alibaba/vpc-DescribeVpcs.json`. */
  readonly path: string;
  readonly format: 'json' | 'yaml';
  readonly text: string;
  /** The parsed body; a YAML stream is held as the list of its documents. */
  readonly body: unknown;
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(json|ya?ml)$/.test(entry.name) && entry.name !== 'expectations.yaml') out.push(full);
  }
  return out;
}

export const CORPUS: readonly CorpusFile[] = [
  ...walk(join(ROOT, 'examples'), []),
  ...walk(join(ROOT, 'test/fixtures/alibaba'), []),
  ...walk(join(ROOT, 'test/fixtures/load'), []),
]
  .sort()
  .map((full) => {
    const text = readFileSync(full, 'utf8');
    const format = full.endsWith('.json') ? 'json' : 'yaml';
    return {
      path: relative(ROOT, full),
      format,
      text,
      body: format === 'json' ? JSON.parse(text) : parseAllDocuments(text).map((d) => d.toJS()),
    };
  });

export function serialise(format: 'json' | 'yaml', body: unknown): string {
  if (format === 'json') return JSON.stringify(body, null, 2) ?? 'null';
  const docs = Array.isArray(body) ? body : [body];
  return docs.map((doc) => stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 })).join('---\n');
}
