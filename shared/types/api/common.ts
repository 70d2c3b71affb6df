// Building blocks for the API schemas: ids, safe text, the error body.
import { z } from 'zod'

const INT64_MAX = '9223372036854775807'

/** A positive 64-bit id as a decimal string (no sign, no leading zeros). */
export const idSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/, 'must be a positive 64-bit integer as a decimal string')
  // Refinements run even after the regex fails, so this must not assume digits (no BigInt here).
  .refine((s) => s.length < 19 || (s.length === 19 && s <= INT64_MAX), 'must fit in a signed 64-bit integer')

// A lone surrogate cannot be stored as UTF-8 and would come back as U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// C0/C1 controls other than tab and newline; they have no business in user-visible text.
function isControl(code: number, allowTabNewline: boolean): boolean {
  if (allowTabNewline && (code === 9 || code === 10)) return false
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f)
}
const CONTROL = { test: (s: string) => hasControl(s, true) }
const CONTROL_OR_NEWLINE = { test: (s: string) => hasControl(s, false) }
function hasControl(s: string, allowTabNewline: boolean): boolean {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i), allowTabNewline)) return true
  return false
}

/** Counts code points, as a reader would count characters. */
export function codePointLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

/**
 * Well-formed text of at most `max` code points; `multiline` allows tab and newline; `nfc` stores the NFC
 * form (so one text has one spelling, and the limit counts the composed characters).
 */
export function safeText(max: number, opts: { multiline?: boolean; min?: number; nfc?: boolean } = {}) {
  const control = opts.multiline ? CONTROL : CONTROL_OR_NEWLINE
  const base = z.string().max(max * 2, `must be at most ${max} characters`)
  return (
    // NFC of a lone surrogate keeps it, so the checks below still see one.
    (opts.nfc ? base.normalize('NFC') : base)
      .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode (no lone surrogates)')
      .refine((s) => !control.test(s), 'must not contain control characters')
      .refine((s) => codePointLength(s) <= max, `must be at most ${max} characters`)
      .refine((s) => codePointLength(s) >= (opts.min ?? 0), `must be at least ${opts.min ?? 0} characters`)
      // Published as the code-point limit (JSON Schema counts characters, not UTF-16 units); the .max above
      // is only a cheap first bound.
      .meta({ maxLength: max, description: `At most ${max} Unicode code points.` })
  )
}

/**
 * An integer query parameter: plain decimal digits only (no `0x10`, `1e2`, sign, spaces or repeats, which
 * Number() would accept or turn into NaN), then bounded like a number.
 */
export function queryInt(min: number, max: number) {
  return z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, 'must be a decimal integer')
    .pipe(z.coerce.number<string>().int().min(min).max(max))
}

/** Epoch milliseconds: an integer after the snowflake epoch (2010-11-04). */
export const epochMsSchema = z.number().int().min(1288834974657).max(8.64e15)

const errorDetailSchema = z.object({ code: z.string(), message: z.string(), field: z.string().optional() })

/** `error` is the first problem; validation failures list every one in `errors`. */
export const errorBodySchema = z.object({
  error: errorDetailSchema.extend({ requestId: z.string().optional() }),
  errors: z.array(errorDetailSchema).optional(),
})
export type ErrorBodyJson = z.infer<typeof errorBodySchema>

export const okSchema = z.object({ ok: z.literal(true) })
