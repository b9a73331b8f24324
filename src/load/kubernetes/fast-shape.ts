/**
 * Building blocks of the hand-written shape checks that let the hot kinds (Pod, EndpointSlice, Node, workloads)
 * skip zod. zod reads each object of 150,000 pods through generic machinery, copying every member; these checks only
 * look. The rule every check follows: it returns true only for a value its zod schema accepts AND for which zod's
 * output reads exactly as the value itself (same members, same order) — otherwise it returns false and the
 * document goes through zod as before, so every problem is zod's, word for word. When unsure, false.
 *
 * Where zod's output differs from its input (it copies objects, skipping a `__proto__` key; a record it copies in
 * the input's key order), the checks refuse what would make a difference: a string map holding a `__proto__` key.
 * The differential tests (fast-shape.differential.test.ts) load the same inputs both ways and compare everything.
 */

/** zod's `isObject` (looseObject's test): an object, not null, not an array. */
export function isObjectValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `z.record(z.string(), z.string())` whose output equals the input: a plain data object (Object.prototype, the
 * only prototype JSON and YAML give) with string values and no `__proto__` key (zod's copy would drop it).
 */
export function isStringMap(value: unknown): boolean {
  if (!isObjectValue(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (key === '__proto__' || typeof value[key] !== 'string') return false;
  }
  return true;
}

/** `.nullish()` of a string map. */
function isNullishStringMap(value: unknown): boolean {
  return value === undefined || value === null || isStringMap(value);
}

/** `z.string().optional()`: null is refused. */
export function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** `z.boolean().optional()`. */
export function isOptionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

/** `z.boolean().nullish()`. */
export function isNullishBoolean(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'boolean';
}

/** `z.string().min(1)`. */
function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** `z.array(z.string())`. */
export function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

/** `z.array(z.string()).nullish()`. */
export function isNullishStringArray(value: unknown): boolean {
  return value === undefined || value === null || isStringArray(value);
}

/** `z.array(item).nullish()`, each item an object that `item` accepts. */
export function isNullishArrayOf(value: unknown, item: (value: Record<string, unknown>) => boolean): boolean {
  if (value === undefined || value === null) return true;
  if (!Array.isArray(value)) return false;
  for (const element of value) if (!isObjectValue(element) || !item(element)) return false;
  return true;
}

/** `portNumberSchema`: an integer from 1 to 65535. */
export function isPortNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** `z.number().int().optional()`: zod's int is a safe integer. */
export function isOptionalSafeInteger(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isSafeInteger(value));
}

const PROTOCOLS: ReadonlySet<unknown> = new Set(['TCP', 'UDP', 'SCTP']);

/** `protocolSchema.optional()`. */
export function isOptionalProtocol(value: unknown): boolean {
  return value === undefined || PROTOCOLS.has(value);
}

/** `ownerReferenceSchema`. */
function isOwnerReference(value: Record<string, unknown>): boolean {
  return (
    typeof value.kind === 'string' && typeof value.name === 'string' && isOptionalBoolean(value.controller)
  );
}

/** `metadataSchema`. */
export function isMetadata(value: unknown): boolean {
  if (!isObjectValue(value)) return false;
  return (
    isNonEmptyString(value.name) &&
    (value.namespace === undefined || isNonEmptyString(value.namespace)) &&
    isNullishStringMap(value.labels) &&
    isNullishStringMap(value.annotations) &&
    isNullishArrayOf(value.ownerReferences, isOwnerReference)
  );
}
