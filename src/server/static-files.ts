/**
 * Serves the built UI (dist/ui) read-only. A request path is decoded once, must stay inside the root after
 * normalisation, and may not hold `..`, backslashes, NUL or dot-files; anything else is a 404, never a read
 * outside the folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Uint8Array;
  readonly type: string;
}

/** The file under `root` a URL path names, or undefined (a 404) for anything unsafe or absent. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (
    decoded.includes('\0') ||
    decoded.includes('\\') ||
    decoded.split('/').some((part) => part === '..' || part.startsWith('.'))
  ) {
    return undefined;
  }
  const type = TYPES[extname(decoded).toLowerCase()];
  if (type === undefined) return undefined;
  const base = normalize(root).replace(/[\\/]+$/, '');
  const full = normalize(join(base, decoded));
  if (!full.startsWith(base + sep)) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    return { body: new Uint8Array(await readFile(full)), type };
  } catch {
    return undefined;
  }
}
