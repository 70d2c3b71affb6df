// The edge half of shared/types/api/pagination.ts: a store returns up to limit + 1 rows in the list's total
// order; the extra row only says that another page exists.
import { type CursorList, encodeCursor } from '../../shared/types/api/pagination.ts'

/** The first `limit` rows and the cursor after the last of them (null when no row follows). */
export function toPage<R>(
  rows: readonly R[],
  limit: number,
  list: CursorList,
  positionOf: (row: R) => readonly (string | number)[],
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(list, positionOf(last)) : null
  return { rows: page, nextCursor }
}
