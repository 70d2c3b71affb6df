// One pagination rule for every list that can grow: `?limit=` (a strict integer with a stated default and
// maximum) and `?cursor=` (opaque, from the previous page's `nextCursor`); the response keeps its item
// arrays and adds `nextCursor` (null on the last page). A cursor is base64url of the position of the last
// item returned, in a total order (time, then a unique key), so items sharing a time are never skipped.
import { z } from 'zod'
import { queryInt } from './common.ts'
import { LIMITS } from './limits.ts'

const CURSOR_VERSION = 1
/** Longer than any position we encode (a keyword of 100 characters is at most ~550 base64url characters). */
const CURSOR_MAX_CHARS = 1024

/**
 * The name of a paged list ("engagements", "following", "muted-keywords", …), written into its cursors so
 * a cursor from one list is refused by another.
 */
export type CursorList = string

function toBase64Url(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(cursor: string): string | null {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/** The cursor that continues `list` after an item at `position`. */
export function encodeCursor(list: CursorList, position: readonly (string | number)[]): string {
  return toBase64Url(JSON.stringify([CURSOR_VERSION, list, ...position]))
}

/**
 * The position a cursor names, or null when it is not one this API issued for `list`: not base64url, not
 * in canonical form (one spelling per cursor), not JSON, another version or list, or a position of the
 * wrong shape. Cursors are not signed: a caller who edits one only moves within a list it may read whole.
 */
export function decodeCursor<P extends z.ZodType>(
  list: CursorList,
  position: P,
  cursor: string,
): z.output<P> | null {
  const json = fromBase64Url(cursor)
  if (json === null || toBase64Url(json) !== cursor) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || parsed[1] !== list) return null
  const result = position.safeParse(parsed.slice(2))
  return result.success ? result.data : null
}

/** `?cursor=`: decoded into the position it names; anything else is a 400 naming `cursor`. */
export function cursorParam<P extends z.ZodType>(list: CursorList, position: P) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1024}$/, 'must be a nextCursor returned by this list')
    .max(CURSOR_MAX_CHARS)
    .transform((cursor, ctx) => {
      const decoded = decodeCursor(list, position, cursor)
      if (decoded === null) {
        ctx.addIssue({ code: 'custom', message: `must be a nextCursor returned by this list (${list})` })
        return z.NEVER
      }
      return decoded
    })
    .meta({ description: 'Opaque: the `nextCursor` of the previous page of this list.' })
}

/** The query of a paged list: strict (unknown keys are a 400 naming the key). */
export function pageQuery<P extends z.ZodType>(
  list: CursorList,
  position: P,
  limit: { default: number; max: number },
) {
  return z.strictObject({
    limit: queryInt(1, limit.max)
      .default(limit.default)
      .meta({ description: `Items per page, 1-${limit.max} (default ${limit.default}).` }),
    cursor: cursorParam(list, position).optional(),
  })
}

/** `nextCursor`: pass it as `?cursor=` for the next page; null when this page is the last. */
export const nextCursorSchema = z.string().nullable()

/**
 * Page sizes, default and maximum per list: the whole engagement history (512) or keyword list (200) fits
 * one page; a relation list (up to 5,000) takes 5 pages of 1,000 (X's own page size for follow lists).
 */
export const PAGE_SIZES = {
  engagements: { default: 100, max: LIMITS.engagementHistory },
  relations: { default: 100, max: 1000 },
  mutedKeywords: { default: LIMITS.mutedKeywords, max: LIMITS.mutedKeywords },
  deadLetters: { default: 100, max: 500 },
} as const
