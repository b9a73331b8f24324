/**
 * Model types use `exactOptionalPropertyTypes`: an optional field must be absent, never `undefined`. Records are
 * built with possibly-undefined values and passed through `strip`, which drops those keys and narrows the type.
 */
type UndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

export type Stripped<T> = { [K in Exclude<keyof T, UndefinedKeys<T>>]: T[K] } & {
  [K in UndefinedKeys<T>]?: Exclude<T[K], undefined>;
};

export function strip<T extends object>(record: T): Stripped<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as Stripped<T>;
}
