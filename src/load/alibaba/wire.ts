/**
 * Building blocks of the wire schemas. Most Alibaba RPC responses wrap lists twice, XML-style:
 * `{"Permissions": {"Permission": [ … ]}}` (§12 quirk 1). Schemas are loose (unknown fields pass) and free of
 * transforms; normalisation is a separate step in each adapter.
 */
import * as z from 'zod';
import { type BodyContext, type Path, validate, validateItems } from './context.js';

/** A string field the API may leave empty (`""`) or out. */
export const optString = z.string().nullish();

/** A number the API sometimes prints as a string. */
export const numberish = z.union([z.number(), z.string()]);

/** An optional double wrapper inside an item, e.g. `SecurityGroupIds: {SecurityGroupId: [ … ]}`. */
export function wrapped<K extends string, T extends z.ZodType>(key: K, item: T) {
  const shape = { [key]: z.array(item).nullish() } as {
    [P in K]: z.ZodOptional<z.ZodNullable<z.ZodArray<T>>>;
  };
  return z.looseObject(shape, { error: `an object {"${key}": [ … ]}` }).nullish();
}

/** The list inside an optional double wrapper; absent wrappers read as empty lists. */
export function unwrap<W extends object | null | undefined, K extends keyof NonNullable<W> & string>(
  wrapper: W,
  key: K,
): NonNullable<NonNullable<W>[K]> extends readonly (infer T)[] ? readonly T[] : never {
  const list = (wrapper as Record<string, unknown> | null | undefined)?.[key];
  return (Array.isArray(list) ? list : []) as never;
}

function envelope(outer: string, inner: string) {
  return z.looseObject({
    [outer]: z.looseObject(
      { [inner]: z.array(z.unknown(), { error: `a list: "${outer}": {"${inner}": [ … ]}` }) },
      { error: `an object {"${inner}": [ … ]}` },
    ),
  });
}

/**
 * Reads the list of a paged response (`{outer: {inner: [ … ]}}`): the envelope must fit, otherwise the whole body is
 * reported and skipped; then each item is validated on its own.
 */
export function loadList<S extends z.ZodType>(
  ctx: BodyContext,
  outer: string,
  inner: string,
  schema: S,
  noun: string,
): { readonly item: z.infer<S>; readonly path: Path }[] {
  const body = validate(ctx, envelope(outer, inner), ctx.doc.value, [], 'the whole body is skipped');
  if (body === undefined) return [];
  const items = (body[outer] as Record<string, unknown[]>)[inner] ?? [];
  return validateItems(ctx, schema, items, [outer, inner], noun);
}

/** Tags in their two spellings (§12 quirk 10): `Key/Value` in most VPC APIs, `TagKey/TagValue` in ECS/SLB. */
export const tagItem = z.looseObject({
  Key: optString,
  Value: optString,
  TagKey: optString,
  TagValue: optString,
});
