// HTTP for the seeder: JSON requests that retry what may be transient.

export interface Fetcher {
  fetch: (input: string, init: RequestInit) => Promise<Response>
  /** A GET not answered within this long is abandoned and sent again (default 60 s; see below). */
  getTimeoutMs?: number
}
const MAX_ATTEMPTS = 8
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A JSON request with the admin token; 5xx and network errors are retried with backoff. */
export async function request(
  opts: Fetcher,
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    let failure: string
    try {
      // wrangler dev's proxy holds a GET whose connection the local runtime reset (it happens after the
      // runtime's one thread was blocked for seconds by SQLite syncs) until a reload that never comes; a
      // fresh GET goes through. POSTs get a 503 there instead, retried below.
      const timeout = method === 'GET' ? AbortSignal.timeout(opts.getTimeoutMs ?? 60_000) : undefined
      const res = await opts.fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(timeout === undefined ? {} : { signal: timeout }),
      })
      const text = await res.text()
      if (res.ok) return JSON.parse(text)
      failure = `${res.status} ${text.slice(0, 300)}`
      // A 4xx is a bug in the seed or the seeder; retrying cannot help.
      if (res.status < 500) throw new Error(`seed: ${method} ${url} -> ${failure}`)
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('seed:')) throw err
      failure = err instanceof Error ? err.message : String(err)
    }
    // 5xx and network errors may be transient (a full local queue, a restarting runtime): every ingest
    // route is idempotent, so the batch is simply sent again.
    if (attempt >= MAX_ATTEMPTS) throw new Error(`seed: ${method} ${url} failed ${attempt} times: ${failure}`)
    await sleep(Math.min(10_000, 500 * 2 ** (attempt - 1)))
  }
}
