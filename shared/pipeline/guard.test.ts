import { describe, expect, it } from 'vitest'
import { runGuarded } from './guard.ts'
import { discardMetrics } from './metrics.ts'

describe('runGuarded', () => {
  it('returns the value and any notes of a hook that succeeds', async () => {
    const r = await runGuarded(
      async (ctx) => {
        ctx.note('hits', 3)
        return 42
      },
      undefined,
      discardMetrics,
    )
    expect(r).toEqual({ ok: true, value: 42, notes: { hits: 3 } })
  })

  it('turns a rejection into a failed outcome with its message', async () => {
    const r = await runGuarded(async () => Promise.reject(new Error('backend down')), 100, discardMetrics)
    expect(r).toMatchObject({ ok: false, outcome: 'failed', error: 'backend down' })
  })

  it('turns a synchronous throw into a failed outcome', async () => {
    const hook = (): Promise<number> => {
      throw new Error('sync boom')
    }
    const r = await runGuarded(hook, undefined, discardMetrics)
    expect(r).toMatchObject({ ok: false, outcome: 'failed', error: 'sync boom' })
  })

  it('times out a slow hook and aborts its signal', async () => {
    let signal: AbortSignal | undefined
    const r = await runGuarded(
      (ctx) => {
        signal = ctx.signal
        return new Promise<number>(() => {}) // never settles
      },
      20,
      discardMetrics,
    )
    expect(r).toMatchObject({ ok: false, outcome: 'timed_out' })
    expect(signal?.aborted).toBe(true)
  })

  it('does not time out a hook that finishes in time', async () => {
    const r = await runGuarded(async () => 'fast', 1000, discardMetrics)
    expect(r).toMatchObject({ ok: true, value: 'fast' })
  })
})
