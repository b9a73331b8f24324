/** Writes the snapshot folder: pretty JSON, one file per list or page, folders made as needed. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type FolderState = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** collect writes into a new or empty folder only: stale pages of an older run would mix into the snapshot. */
export async function checkOutputFolder(out: string): Promise<FolderState> {
  try {
    const entries = await readdir(out);
    if (entries.length > 0)
      return {
        ok: false,
        message: `--out ${out}: the folder is not empty; choose a new folder (or empty this one)`,
      };
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true };
    if (code === 'ENOTDIR') return { ok: false, message: `--out ${out}: this is a file, not a folder` };
    return { ok: false, message: `--out ${out}: the folder cannot be read (${code ?? 'error'})` };
  }
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function folderWriter(out: string) {
  const root = resolve(out);
  return async (relativePath: string, value: unknown): Promise<void> => {
    const path = join(root, relativePath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, jsonText(value), { encoding: 'utf8', mode: 0o600 });
  };
}
