/** The raw files of an example cluster (examples/<name>), read for the recorded test servers. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

type Json = Record<string, unknown>;

export const EXAMPLES_ROOT = join(import.meta.dirname, '..', '..', '..', 'examples');

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every Kubernetes object of the example, Lists unwrapped, in file order. */
export function exampleKubernetesObjects(example: string): Json[] {
  const dir = join(EXAMPLES_ROOT, example, 'kubernetes');
  const objects: Json[] = [];
  for (const file of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (!('toJS' in doc)) continue;
      const value: unknown = doc.toJS();
      if (!isObject(value)) continue;
      if (value.kind === 'List' && Array.isArray(value.items)) objects.push(...value.items.filter(isObject));
      else objects.push(value);
    }
  }
  return objects;
}

/** The example's aliyun bodies by file name without `.json`, e.g. `ecs-DescribeSecurityGroupAttribute.sg-…`. */
export function exampleAlibabaBodies(example: string): Map<string, Json> {
  const dir = join(EXAMPLES_ROOT, example, 'alibaba');
  const bodies = new Map<string, Json>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const value: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (isObject(value)) bodies.set(file.slice(0, -'.json'.length), value);
  }
  return bodies;
}
