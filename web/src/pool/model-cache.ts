// IndexedDB cache for model bytes. The cache is an optimisation only: every IndexedDB failure is
// treated as a miss, never as an error, so private modes and quota problems still load models.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import type { ModelRef } from './types'

const DB_NAME = 'fye-models'
const STORE = 'models'

export interface CachedModel {
  key: string
  name: string
  bytes: ArrayBuffer
  storedAt: number
}

interface ModelDb extends DBSchema {
  models: { key: string; value: CachedModel }
}

export class ModelMissingError extends Error {
  override readonly name = 'ModelMissingError'
}

export const cacheKey = (ref: ModelRef): string =>
  ref.sha256 !== undefined ? `${ref.name}@sha256:${ref.sha256}` : `${ref.name}@${ref.version ?? ref.url}`

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

let dbPromise: Promise<IDBPDatabase<ModelDb> | null> | undefined

function db(): Promise<IDBPDatabase<ModelDb> | null> {
  dbPromise ??= openDB<ModelDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'key' })
    },
  }).catch(() => null)
  return dbPromise
}

export async function readCached(key: string): Promise<CachedModel | undefined> {
  try {
    return (await (await db())?.get(STORE, key)) ?? undefined
  } catch {
    return undefined
  }
}

export async function writeCached(record: CachedModel): Promise<boolean> {
  try {
    const d = await db()
    if (!d) return false
    await d.put(STORE, record)
    return true
  } catch {
    return false
  }
}

export async function clearCache(): Promise<void> {
  try {
    await (await db())?.clear(STORE)
  } catch {
    // Nothing cached is the same as an empty cache.
  }
}

/** Bytes so far, the expected total (null: unknown), and where they come from. */
export type OnBytes = (received: number, total: number | null, from: 'network' | 'cache') => void

/** The body, read as a stream so `onBytes` sees it arrive; the total is Content-Length (or ref.bytes). */
async function readBody(res: Response, ref: ModelRef, onBytes?: OnBytes): Promise<ArrayBuffer> {
  const length = Number(res.headers.get('content-length') ?? Number.NaN)
  // A compressed response's Content-Length counts encoded bytes; the stream yields decoded ones.
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity'
  const total = Number.isFinite(length) && length > 0 && !encoded ? length : (ref.bytes ?? null)
  if (!onBytes || !res.body) {
    const bytes = await res.arrayBuffer()
    onBytes?.(bytes.byteLength, total ?? bytes.byteLength, 'network')
    return bytes
  }
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  onBytes(0, total, 'network')
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    received += value.byteLength
    onBytes(received, total, 'network')
  }
  const out = new Uint8Array(received)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out.buffer
}

async function fetchModel(ref: ModelRef, onBytes?: OnBytes): Promise<ArrayBuffer> {
  let res: Response
  try {
    res = await fetch(ref.url)
  } catch (e) {
    throw new ModelMissingError(`fetch ${ref.url} failed: ${String(e)}`)
  }
  // Dev servers answer unknown paths with index.html (200), so HTML also means "missing".
  const type = res.headers.get('content-type') ?? ''
  if (!res.ok || type.includes('text/html')) {
    throw new ModelMissingError(`fetch ${ref.url}: HTTP ${res.status} ${type}`.trim())
  }
  const bytes = await readBody(res, ref, onBytes)
  // A stale or truncated file must not be cached under the hash it does not have. (crypto.subtle
  // exists only in secure contexts; localhost and https both are.)
  if (ref.sha256 !== undefined && globalThis.crypto?.subtle !== undefined) {
    const got = await sha256Hex(bytes)
    if (got !== ref.sha256) throw new ModelMissingError(`${ref.url}: sha256 ${got}, expected ${ref.sha256}`)
  }
  return bytes
}

/** Runs `fn` under a cross-context Web Lock when available, so concurrent workers fetch once. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!locks) return fn()
  let result!: T
  await locks.request(name, async () => {
    result = await fn()
  })
  return result
}

export interface ModelBytes {
  bytes: Uint8Array
  from: 'cache' | 'network'
}

/**
 * Model bytes from IndexedDB, or from the network (then stored). Throws ModelMissingError. `onBytes` follows
 * the download (a cache hit reports all bytes at once).
 */
export function getModelBytes(ref: ModelRef, onBytes?: OnBytes): Promise<ModelBytes> {
  const key = cacheKey(ref)
  return withLock(`fye-model:${key}`, async () => {
    const hit = await readCached(key)
    if (hit) {
      onBytes?.(hit.bytes.byteLength, hit.bytes.byteLength, 'cache')
      return { bytes: new Uint8Array(hit.bytes), from: 'cache' }
    }
    const bytes = await fetchModel(ref, onBytes)
    await writeCached({ key, name: ref.name, bytes, storedAt: Date.now() })
    return { bytes: new Uint8Array(bytes), from: 'network' }
  })
}
