// The one way a SQLite Durable Object creates its schema: before the object answers anything.

/** CREATE … IF NOT EXISTS statements, run in order; each must be safe to run on every start. */
export type SqlSchema = readonly string[]

/**
 * Runs `schema`, then `afterwards` (e.g. rebuilding an in-memory index from the rows), inside
 * blockConcurrencyWhile, so no call or alarm can touch a table before it exists. The runtime starts the
 * callback after the constructor has returned, so `afterwards` sees every field. Returns the object's SQL
 * handle, for a field initialiser: `private readonly sql = migrateOnStart(this.ctx, SCHEMA)`.
 */
export function migrateOnStart(
  ctx: DurableObjectState,
  schema: SqlSchema,
  afterwards?: () => void,
): SqlStorage {
  const sql = ctx.storage.sql
  ctx
    .blockConcurrencyWhile(async () => {
      for (const statement of schema) sql.exec(statement)
      afterwards?.()
    })
    .catch(() => {
      // A throwing callback makes the runtime reset the object and fail every call waiting on it with this
      // error; the returned promise carries the same error and would only be reported again as unhandled.
    })
  return sql
}
