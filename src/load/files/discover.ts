import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const SNAPSHOT_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

export interface Candidate {
  /** As shown to the user: relative to the snapshot folder with `/` separators, or the path as given. */
  readonly file: string;
  readonly absolutePath: string;
  readonly size: number;
}

export interface Discovery {
  readonly candidates: Candidate[];
  readonly ignored: { file: string; reason: string }[];
  /** Set when the path cannot be read at all. */
  readonly failure?: { readonly message: string; readonly hint: string };
}

export function hasSnapshotExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return SNAPSHOT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function extensionReason(file: string): string {
  const dot = file.lastIndexOf('.');
  const slash = file.lastIndexOf('/');
  const ext = dot > slash ? file.slice(dot) : '(none)';
  return `extension ${ext} is not read (only .json, .yaml and .yml files are)`;
}

/** Lists the files of a snapshot: a single file as given, or every file under a folder in sorted path order. */
export async function discover(path: string): Promise<Discovery> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return {
      candidates: [],
      ignored: [],
      failure: {
        message: 'no such file or folder',
        hint: 'pass the folder (or file) that holds the snapshot',
      },
    };
  }
  if (info.isFile())
    return { candidates: [{ file: path, absolutePath: path, size: info.size }], ignored: [] };
  const candidates: Candidate[] = [];
  const ignored: { file: string; reason: string }[] = [];
  await walk(path, path, candidates, ignored);
  const byFile = (a: { file: string }, b: { file: string }) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  candidates.sort(byFile);
  ignored.sort(byFile);
  return { candidates, ignored };
}

async function walk(
  root: string,
  dir: string,
  candidates: Candidate[],
  ignored: { file: string; reason: string }[],
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const absolutePath = join(dir, entry.name);
    const file = relative(root, absolutePath).split(sep).join('/');
    if (entry.name.startsWith('.')) {
      ignored.push({ file, reason: 'hidden file or folder' });
      continue;
    }
    if (entry.isDirectory()) {
      await walk(root, absolutePath, candidates, ignored);
      continue;
    }
    if (entry.isSymbolicLink()) {
      // Followed only when it points to a file: a linked folder could loop.
      const target = await stat(absolutePath).catch(() => undefined);
      if (!target?.isFile()) {
        ignored.push({ file, reason: 'symbolic link to a folder or to nothing' });
        continue;
      }
    } else if (!entry.isFile()) {
      ignored.push({ file, reason: 'not a regular file' });
      continue;
    }
    if (!hasSnapshotExtension(file)) {
      ignored.push({ file, reason: extensionReason(file) });
      continue;
    }
    const size = (await stat(absolutePath)).size;
    candidates.push({ file, absolutePath, size });
  }
}
