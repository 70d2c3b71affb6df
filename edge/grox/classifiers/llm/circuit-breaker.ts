// A failure-rate circuit breaker (upstream's shape, x-algorithm-facts §6): over a sliding window of calls,
// once at least `minCalls` ran and the failure rate reaches `failureRate`, it opens and refuses calls for
// `recoveryMs`; then it half-opens and lets `halfOpenCalls` probes through: all succeed → closed, any
// fails → open again. Per isolate: each Worker isolate protects its own calls.

export interface CircuitBreakerOptions {
  failureRate: number
  windowMs: number
  minCalls: number
  recoveryMs: number
  halfOpenCalls: number
  now?: () => number
}

export const DEFAULT_BREAKER: CircuitBreakerOptions = {
  failureRate: 0.5,
  windowMs: 120_000,
  minCalls: 10,
  recoveryMs: 600_000,
  halfOpenCalls: 5,
}

export type BreakerState = 'closed' | 'open' | 'half_open'

export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError'
}

export class CircuitBreaker {
  private calls: { at: number; ok: boolean }[] = []
  private openedAt: number | undefined
  private probesStarted = 0
  private probesSucceeded = 0
  private readonly now: () => number

  constructor(private readonly opts: CircuitBreakerOptions = DEFAULT_BREAKER) {
    this.now = opts.now ?? Date.now
  }

  state(): BreakerState {
    if (this.openedAt === undefined) return 'closed'
    return this.now() - this.openedAt >= this.opts.recoveryMs ? 'half_open' : 'open'
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state()
    if (state === 'open' || (state === 'half_open' && this.probesStarted >= this.opts.halfOpenCalls)) {
      throw new CircuitOpenError('circuit open: the LLM endpoint failed too often recently')
    }
    if (state === 'half_open') this.probesStarted++
    try {
      const out = await fn()
      this.record(state, true)
      return out
    } catch (err) {
      this.record(state, false)
      throw err
    }
  }

  private record(state: BreakerState, ok: boolean): void {
    if (state === 'half_open') {
      if (!ok) {
        this.open()
        return
      }
      this.probesSucceeded++
      if (this.probesSucceeded >= this.opts.halfOpenCalls) this.close()
      return
    }
    const now = this.now()
    this.calls.push({ at: now, ok })
    this.calls = this.calls.filter((c) => now - c.at < this.opts.windowMs)
    const failures = this.calls.filter((c) => !c.ok).length
    if (this.calls.length >= this.opts.minCalls && failures / this.calls.length >= this.opts.failureRate)
      this.open()
  }

  private open(): void {
    this.openedAt = this.now()
    this.probesStarted = 0
    this.probesSucceeded = 0
  }

  private close(): void {
    this.openedAt = undefined
    this.calls = []
    this.probesStarted = 0
    this.probesSucceeded = 0
  }
}
