/**
 * The bundled examples, loaded once per test file, and a copy of an example with one change made to its raw files
 * in a temporary folder (e.g. one SNAT entry removed), so tests compare two real snapshots.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../../load/index.js';
import type { Snapshot } from '../../model/snapshot.js';

export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
export const TERWAY = join(EXAMPLES, 'terway-dualstack');
export const FLANNEL = join(EXAMPLES, 'flannel-ipv4');

export async function loadExample(path: string): Promise<Snapshot> {
  const result = await loadSnapshot(path);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`example ${path} does not load: ${JSON.stringify(errors)}`);
  return result.snapshot;
}

/** A copy of the Terway example whose DescribeSnatTableEntries lacks `snatEntryId`; returns the folder. */
export function terwayWithoutSnatEntry(snatEntryId: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'podreach-fleet-')), 'terway-dualstack');
  cpSync(TERWAY, folder, { recursive: true });
  const file = join(folder, 'alibaba', 'vpc-DescribeSnatTableEntries.json');
  const body = JSON.parse(readFileSync(file, 'utf8')) as {
    TotalCount: number;
    SnatTableEntries: { SnatTableEntry: { SnatEntryId: string }[] };
  };
  const entries = body.SnatTableEntries.SnatTableEntry;
  body.SnatTableEntries.SnatTableEntry = entries.filter((e) => e.SnatEntryId !== snatEntryId);
  if (body.SnatTableEntries.SnatTableEntry.length === entries.length) throw new Error(`no ${snatEntryId}`);
  body.TotalCount = body.SnatTableEntries.SnatTableEntry.length;
  writeFileSync(file, JSON.stringify(body, null, 2));
  return folder;
}
