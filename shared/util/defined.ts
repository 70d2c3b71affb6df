// Optional fields travel without `undefined` keys: JSON drops them, but structured clone (Durable Object
// RPC), SQLite bindings and strict equality do not. One helper instead of a line per optional field.

/** Keys of T whose type admits `undefined`. */
type UndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T]

/** T with every key that may be undefined made optional (and never present as `undefined`). */
export type DefinedFields<T> = {
  [K in Exclude<keyof T, UndefinedKeys<T>>]: T[K]
} & {
  [K in UndefinedKeys<T>]?: Exclude<T[K], undefined>
}

/** A shallow copy of `fields` without the keys whose value is `undefined` (null, 0 and '' are kept). */
export function definedFields<T extends object>(fields: T): DefinedFields<T> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value
  return out as DefinedFields<T>
}

/** Only `keys` of `source`, without the undefined ones: a view that internal fields never leak into. */
export function pickFields<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): DefinedFields<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out as DefinedFields<Pick<T, K>>
}
