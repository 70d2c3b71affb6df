// Values no route accepts: path segments that are not ids or handles, strings no schema takes, bodies
// no strict schema takes.
import fc from 'fast-check'

const ID_RE = /^[1-9][0-9]{0,18}$/
const HANDLE_RE = /^[A-Za-z0-9_]{1,15}$/

/** Path segments that are never a valid id or handle. */
export const badSegment = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '01',
    '1.5',
    '1e3',
    'abc',
    '99999999999999999999',
    '9223372036854775808',
    'x'.repeat(300),
  ),
  fc.constantFrom('😀', '\u0000', '../..', 'a b', 'null', 'undefined', '%', 'ÿ', '\uFEFF1', '１２３'),
  fc
    .string({ minLength: 1, maxLength: 40, unit: 'binary' })
    .filter((s) => !ID_RE.test(s) && !HANDLE_RE.test(s)),
)

/** Strings no field of any schema accepts: every string field is constrained (ids, handles, safe text). */
export const poisonString = fc.oneof(
  fc.constantFrom('a\uD800b', '\uDC00', 'x\u0007y', '\u0000', 'x'.repeat(2001)),
  fc.string({ maxLength: 10 }).map((s) => `${s}\uD800`),
)

/** A JSON value that is never a valid body: objects get an unknown key (all body schemas are strict). */
export const invalidJson = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v, __fuzz__: true } : v))
