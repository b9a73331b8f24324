/** The files of a bundled example, held in memory so tests can change one raw body and load the result. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface MemoryFile {
  readonly path: string;
  readonly content: string;
}

export function exampleFiles(name: string): MemoryFile[] {
  const folder = join(ROOT, 'examples', name);
  const files: MemoryFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'expectations.yaml' && !entry.name.endsWith('.md'))
        files.push({ path: relative(folder, full), content: readFileSync(full, 'utf8') });
    }
  };
  walk(folder);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Returns the files with one JSON body changed by `edit` (which mutates a parsed copy). */
export function withJson(
  files: readonly MemoryFile[],
  path: string,
  // biome-ignore lint/suspicious/noExplicitAny: a raw API body, edited by tests that know its shape
  edit: (body: any) => void,
): MemoryFile[] {
  let found = false;
  const result = files.map((file) => {
    if (file.path !== path) return file;
    found = true;
    const body = JSON.parse(file.content);
    edit(body);
    return { path, content: JSON.stringify(body, null, 2) };
  });
  if (!found) throw new Error(`no file ${path} in the example`);
  return result;
}

/** Number of fast-check runs: small in CI, raised on demand with PODREACH_FUZZ_RUNS. */
export function runs(ciDefault: number): number {
  const fromEnv = Number(process.env.PODREACH_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : ciDefault;
}

/** Per-test timeout: the default in CI; none worth speaking of when PODREACH_FUZZ_RUNS asks for a long run. */
export function fuzzTimeout(ciDefault = 60_000): number {
  return process.env.PODREACH_FUZZ_RUNS ? 24 * 60 * 60 * 1000 : ciDefault;
}
