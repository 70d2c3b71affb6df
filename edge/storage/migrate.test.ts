import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { migrateOnStart, type SqlSchema } from './migrate'

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS migrate_probe (id TEXT PRIMARY KEY, n INTEGER NOT NULL)',
  'CREATE INDEX IF NOT EXISTS migrate_probe_n ON migrate_probe (n)',
]

// Any SQLite-backed object will do as a host; a fresh name keeps it empty.
const freshObject = () => env.HEALTH_LEDGER.getByName(`migrate-${crypto.randomUUID()}`)

/** Runs the migration and resolves once `afterwards` has run, with what it returned. */
function migrated<R>(state: DurableObjectState, schema: SqlSchema, afterwards: () => R): Promise<R> {
  return new Promise((resolve) => {
    migrateOnStart(state, schema, () => resolve(afterwards()))
  })
}

describe('migrateOnStart', () => {
  it('runs the statements in order, then `afterwards`, which sees the tables and what the constructor set', async () => {
    const result = await runInDurableObject(freshObject(), async (_instance, state) => {
      let fieldSetAfterTheCall = false
      const done = migrated(state, SCHEMA, () => ({
        tables: state.storage.sql
          .exec<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE name LIKE 'migrate_probe%' ORDER BY name",
          )
          .toArray()
          .map((r) => r.name),
        fieldSetAfterTheCall,
      }))
      fieldSetAfterTheCall = true
      return done
    })
    expect(result).toEqual({ tables: ['migrate_probe', 'migrate_probe_n'], fieldSetAfterTheCall: true })
  })

  it('returns the SQL handle and is safe to run on every start: rows survive a second run', async () => {
    const rows = await runInDurableObject(freshObject(), async (_instance, state) => {
      await migrated(state, SCHEMA, () => undefined)
      state.storage.sql.exec("INSERT INTO migrate_probe (id, n) VALUES ('a', 1)")
      const sql = migrateOnStart(state, SCHEMA)
      expect(sql).toBe(state.storage.sql)
      await migrated(state, SCHEMA, () => undefined)
      return sql.exec('SELECT id, n FROM migrate_probe').toArray()
    })
    expect(rows).toEqual([{ id: 'a', n: 1 }])
  })

  it('rejects inside blockConcurrencyWhile at the first invalid statement, so the runtime resets the object', async () => {
    // The callback is run by a watching wrapper rather than by the runtime: a real reset would work as well
    // (the runtime fails the waiting call with the SQL error), but it prints the broken object's stack.
    const outcome = await runInDurableObject(freshObject(), async (_instance, state) => {
      let callback: Promise<void> | undefined
      const watched = new Proxy(state, {
        get(target, key) {
          if (key === 'blockConcurrencyWhile')
            return (fn: () => Promise<void>) => {
              callback = fn()
              return callback
            }
          const value: unknown = Reflect.get(target, key)
          return typeof value === 'function' ? value.bind(target) : value
        },
      })
      migrateOnStart(watched, [
        'CREATE TABLE IF NOT EXISTS migrate_first (id TEXT)',
        'CREATE TABLE (oops',
        'CREATE TABLE IF NOT EXISTS migrate_never (id TEXT)',
      ])
      const error = await callback?.then(
        () => 'resolved',
        (e: unknown) => String(e),
      )
      const after = state.storage.sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE name = 'migrate_never'")
        .toArray()
      return { error, after: after.length }
    })
    expect(outcome.error).toMatch(/syntax error/)
    expect(outcome.after).toBe(0)
  })
})
