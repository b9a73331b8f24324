import { readFileSync } from 'node:fs';

/** The package version, read from package.json (two folders up from both src/cli and dist/cli). */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const PODREACH_VERSION = readVersion();
