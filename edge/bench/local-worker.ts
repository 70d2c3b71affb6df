// The Worker in local workerd for the benchmarks: wrangler's unstable_dev with wrangler.toml's bindings,
// fresh storage in a temporary folder, a random admin token, and nothing sent off the machine.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WRANGLER_OFFLINE_ENV } from '../dev/wrangler-offline.ts'

Object.assign(process.env, WRANGLER_OFFLINE_ENV)

const REQUEST_TIMEOUT_MS = 120_000

export interface LocalWorker {
  base: string
  adminToken: string
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  /** Stops workerd and deletes its storage. */
  stop: () => Promise<void>
}

export async function startLocalWorker(
  name: string,
  vars: Record<string, string> = {},
): Promise<LocalWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), `fye-bench-${name}-`))
  const adminToken = `bench-admin-${crypto.randomUUID()}`
  const { unstable_dev } = await import('wrangler')
  const worker = await unstable_dev('edge/index.ts', {
    config: 'wrangler.toml',
    local: true,
    persistTo,
    // BENCH_LOG_LEVEL=log shows the Worker's own logs (errors only by default).
    logLevel: process.env.BENCH_LOG_LEVEL === 'log' ? 'log' : 'error',
    vars: {
      ADMIN_TOKEN: adminToken,
      TOKEN_SECRET: `bench-secret-${crypto.randomUUID()}`,
      ENVIRONMENT: 'local',
      ...vars,
    },
    experimental: { disableExperimentalWarning: true },
  })
  const base = `http://${worker.address}:${worker.port}`
  let stopped = false
  return {
    base,
    adminToken,
    fetch: (path, init) => fetch(`${base}${path}`, init),
    stop: async () => {
      if (stopped) return
      stopped = true
      await worker.stop()
      rmSync(persistTo, { recursive: true, force: true })
    },
  }
}

/** A JSON request with the admin token; throws on any non-2xx with the status and the body's start. */
export async function admin(
  dev: LocalWorker,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const init = {
    method,
    headers: { authorization: `Bearer ${dev.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A request that never answers fails the run instead of hanging it.
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }
  // After a long pause (Node busy ranking) workerd may have closed the idle keep-alive connection; the
  // request never reached it, so it is sent once more on a fresh one.
  const res = await dev.fetch(path, init).catch((err: unknown) => {
    if (!(err instanceof TypeError && String(err.cause).includes('other side closed'))) throw err
    return dev.fetch(path, init)
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text)
}

/** Posts held by all Thunder shards together. */
export async function thunderTotal(dev: LocalWorker): Promise<number> {
  const stats = await admin(dev, 'GET', '/v1/admin/thunder/stats')
  return typeof stats === 'object' && stats !== null && 'totalPosts' in stats ? Number(stats.totalPosts) : 0
}

/** Sends `items` in batches of `size`, `parallel` requests in flight. */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  parallel: number,
  send: (b: T[]) => Promise<unknown>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    for (let i = next++ * size; i < items.length; i = next++ * size) await send(items.slice(i, i + size))
  }
  await Promise.all(Array.from({ length: parallel }, worker))
}

/** Wall time of one call, ms, with its result. */
export async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const out = await run()
  return [performance.now() - t0, out]
}
