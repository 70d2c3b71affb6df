// The SQLite half of a retrieval shard: embeddings as little-endian float32 BLOBs plus tombstones. It is the
// source of truth; the in-memory table is rebuilt from it when the object starts.
import type { IndexedPost } from './retrieval-index'

export function migrateRetrieval(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS embeddings (
    post_id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    embedding BLOB NOT NULL
  )`)
  sql.exec('CREATE INDEX IF NOT EXISTS embeddings_created_at ON embeddings (created_at)')
  sql.exec(`CREATE TABLE IF NOT EXISTS removed (
    post_id TEXT PRIMARY KEY,
    removed_at INTEGER NOT NULL
  )`)
  sql.exec('CREATE INDEX IF NOT EXISTS removed_removed_at ON removed (removed_at)')
}

type EmbeddingRow = { post_id: string; author_id: string; created_at: number; embedding: ArrayBuffer }

function blobOf(v: Float32Array): ArrayBuffer {
  return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer
}

export function loadEmbeddings(sql: SqlStorage, dim: number): IndexedPost[] {
  return sql
    .exec<EmbeddingRow>('SELECT post_id, author_id, created_at, embedding FROM embeddings')
    .toArray()
    .map((r) => {
      if (r.embedding.byteLength !== dim * 4) throw new Error(`corrupt embedding row ${r.post_id}`)
      return {
        postId: r.post_id,
        authorId: r.author_id,
        createdAt: r.created_at,
        embedding: new Float32Array(r.embedding),
      }
    })
}

export function loadRemoved(sql: SqlStorage): Map<string, number> {
  const rows = sql.exec<{ post_id: string; removed_at: number }>('SELECT post_id, removed_at FROM removed')
  return new Map(rows.toArray().map((r) => [r.post_id, r.removed_at]))
}

export function putEmbedding(sql: SqlStorage, p: IndexedPost): void {
  sql.exec(
    'INSERT OR REPLACE INTO embeddings (post_id, author_id, created_at, embedding) VALUES (?, ?, ?, ?)',
    p.postId,
    p.authorId,
    p.createdAt,
    blobOf(p.embedding),
  )
}

export function removeEmbedding(sql: SqlStorage, postId: string, removedAt: number): void {
  sql.exec('DELETE FROM embeddings WHERE post_id = ?', postId)
  sql.exec('INSERT OR IGNORE INTO removed (post_id, removed_at) VALUES (?, ?)', postId, removedAt)
}

/** Drops embeddings created before `postCutoff` and tombstones older than `removedCutoff`. */
export function trimRetrieval(sql: SqlStorage, postCutoff: number, removedCutoff: number): void {
  sql.exec('DELETE FROM embeddings WHERE created_at < ?', postCutoff)
  sql.exec('DELETE FROM removed WHERE removed_at < ?', removedCutoff)
}

export function countRetrievalRows(sql: SqlStorage): { embeddings: number; removed: number } {
  const one = (table: string) => sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n
  return { embeddings: one('embeddings'), removed: one('removed') }
}
