/**
 * Deterministic JSON: object keys in the order a zod schema declares them (the model's order), keys the schema does
 * not know appended in sorted order, free-form records (hop `details`) with sorted keys. Same value in, same bytes
 * out, whatever order the producer happened to build its objects in.
 */
import { z } from 'zod';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy with every object's keys sorted; `undefined` members dropped as JSON.stringify would. */
function sortedDeep(value: unknown): Json {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortedDeep(item)));
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = value[key];
      if (member !== undefined) out[key] = sortedDeep(member);
    }
    return out;
  }
  return value as Json;
}

/** The object option of a union whose declared keys cover every key of the value (first one wins). */
function pickOption(options: readonly z.ZodType[], value: unknown): z.ZodType | undefined {
  if (!isPlainObject(value)) return options[0];
  const keys = Object.keys(value);
  return (
    options.find((option) => {
      const inner = unwrap(option);
      return inner instanceof z.ZodObject && keys.every((key) => key in inner.shape);
    }) ?? options[0]
  );
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodExactOptional
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodReadonly) {
      current = current.unwrap() as z.ZodType;
    } else {
      return current;
    }
  }
}

/** A copy of `value` whose object keys follow `schema`'s declaration order. */
export function orderBySchema(schema: z.ZodType, value: unknown): Json {
  if (value === null || value === undefined) return null;
  const inner = unwrap(schema);
  if (inner instanceof z.ZodUnion) {
    const option = pickOption(inner.options as readonly z.ZodType[], value);
    return option === undefined ? sortedDeep(value) : orderBySchema(option, value);
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((item) => orderBySchema(inner.element as z.ZodType, item));
  }
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const out: { [key: string]: Json } = {};
    for (const [key, member] of Object.entries(shape)) {
      if (value[key] !== undefined) out[key] = orderBySchema(member, value[key]);
    }
    for (const key of Object.keys(value).sort()) {
      if (!(key in shape) && value[key] !== undefined) out[key] = sortedDeep(value[key]);
    }
    return out;
  }
  return sortedDeep(value);
}

/**
 * Characters JSON.stringify leaves raw that a terminal or editor would act on or hide: DEL and C1 controls,
 * soft hyphen, bidi marks and overrides, zero-width characters, line/paragraph separators, BOM. They can only
 * occur inside JSON strings, so escaping them as \uXXXX keeps the document valid and its parsed value identical.
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeInvisible(json: string): string {
  return json.replace(INVISIBLE, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** Stable, escaped JSON text of `value` ordered by `schema`; `indent` 0 gives one line. */
export function stableJson(schema: z.ZodType, value: unknown, indent = 0): string {
  return escapeInvisible(
    JSON.stringify(orderBySchema(schema, value), null, indent === 0 ? undefined : indent),
  );
}
