// Per-stream max-QPS limiting (upstream: a fixed-window limiter per generator). A token bucket holding at
// most one second's worth: bursts up to maxQps, then maxQps per second. Time is passed in, so the
// dispatcher's clock (and a test's) drives it.
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly maxQps: number,
    now: number,
  ) {
    if (!(maxQps > 0)) throw new RangeError(`maxQps must be > 0, got ${maxQps}`)
    this.tokens = maxQps
    this.last = now
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.maxQps, this.tokens + ((now - this.last) / 1000) * this.maxQps)
      this.last = now
    }
  }

  /** True (and one token spent) when the stream may release a task now. */
  take(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Milliseconds until the next token, 0 when one is available. */
  waitMs(now: number): number {
    this.refill(now)
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.maxQps) * 1000)
  }
}
