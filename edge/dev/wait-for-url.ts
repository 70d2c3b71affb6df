// Waits for a local server to answer 200. Each attempt may take until the overall deadline: on a loaded
// machine the first /v1/health takes 10 s and more, and a client that gave up after 2 s made workerd log a
// "Broken pipe" error with a stack dump for every abandoned request (and then asked again, adding load).

export interface WaitForUrlOptions {
  /** Give up at this time (epoch ms). */
  deadline: number
  /** Checked between attempts: stop waiting (false) when it says so, e.g. a child exited. */
  keepWaiting?: () => boolean
  retryMs?: number
}

/** True once `url` answered 2xx; false when the deadline passed or `keepWaiting` said stop. */
export async function waitForUrl(url: string, opts: WaitForUrlOptions): Promise<boolean> {
  while (Date.now() < opts.deadline && (opts.keepWaiting?.() ?? true)) {
    const remaining = Math.max(1, opts.deadline - Date.now())
    const ok = await fetch(url, { signal: AbortSignal.timeout(remaining) }).then(
      async (r) => {
        // Read the body so the server finishes its write before the connection goes back to the pool.
        await r.arrayBuffer().catch(() => undefined)
        return r.ok
      },
      () => false,
    )
    if (ok) return true
    await new Promise((r) => setTimeout(r, opts.retryMs ?? 250))
  }
  return false
}
