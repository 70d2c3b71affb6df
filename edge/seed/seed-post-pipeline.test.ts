import { describe, expect, it } from 'vitest'
import { AppliedRate, backlogBound, sendBatchesInOrder, waitForBacklog } from './seed-post-pipeline'

const post = (id: string, replyToId?: string) => (replyToId === undefined ? { id } : { id, replyToId })

/** Records which batches were in flight when each one started; each send resolves when released. */
function recorder() {
  const started: string[] = []
  const overlaps: string[][] = []
  const open = new Map<string, () => void>()
  const send = (batch: readonly unknown[]) =>
    new Promise<void>((done) => {
      const name = (batch[0] as { id: string }).id
      overlaps.push([name, ...open.keys()])
      started.push(name)
      open.set(name, () => {
        open.delete(name)
        done()
      })
    })
  const release = (name: string) => open.get(name)?.()
  return { started, overlaps, send, release, open }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('sendBatchesInOrder', () => {
  it('overlaps independent batches up to the window, in order', async () => {
    const r = recorder()
    const batches = [[post('a')], [post('b')], [post('c')], [post('d')]]
    const run = sendBatchesInOrder(batches, 3, r.send)
    await tick()
    expect(r.started).toEqual(['a', 'b', 'c'])
    r.release('b')
    await tick()
    expect(r.started).toEqual(['a', 'b', 'c', 'd'])
    for (const n of ['a', 'c', 'd']) r.release(n)
    await run
  })

  it('holds a batch until the batch holding a post it replies to is stored', async () => {
    const r = recorder()
    const batches = [[post('a')], [post('b')], [post('c', 'a')]]
    const run = sendBatchesInOrder(batches, 3, r.send)
    await tick()
    expect(r.started).toEqual(['a', 'b'])
    r.release('b')
    await tick()
    expect(r.started).toEqual(['a', 'b'])
    r.release('a')
    await tick()
    expect(r.started).toEqual(['a', 'b', 'c'])
    expect(r.overlaps.at(-1)).toEqual(['c'])
    r.release('c')
    await run
  })

  it('with a window of 1 sends one batch at a time', async () => {
    const r = recorder()
    const run = sendBatchesInOrder([[post('a')], [post('b')]], 1, r.send)
    await tick()
    expect(r.started).toEqual(['a'])
    r.release('a')
    await tick()
    expect(r.started).toEqual(['a', 'b'])
    r.release('b')
    await run
  })

  it('fails when a batch fails', async () => {
    await expect(
      sendBatchesInOrder([[post('a')], [post('b')]], 2, async (b) => {
        if ((b[0] as { id: string }).id === 'b') throw new Error('500')
      }),
    ).rejects.toThrow('500')
  })
})

/** A fake clock: each sleep moves it on, so the waits below take no real time. */
function fakeClock() {
  let t = 0
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms
    },
  }
}

describe('waitForBacklog', () => {
  it('keeps waiting past any fixed deadline while the backlog falls, however slowly', async () => {
    const clock = fakeClock()
    // Falls by 10 every 5 s of fake time: 5,000 -> 4,000 takes 500 s, far past the old 30 s cut-off.
    let backlog = 5000
    const polls: number[] = []
    const unapplied = async () => {
      polls.push(backlog)
      const now = backlog
      if (clock.now() % 5000 === 0) backlog -= 10
      return now
    }
    const done = await waitForBacklog({ unapplied, max: 4000, stallMs: 20_000, pollMs: 1000, ...clock })
    expect(done).toBe(true)
    expect(polls.at(-1)).toBe(4000)
    expect(clock.now()).toBeGreaterThan(30_000)
  })

  it('gives up on a backlog that stops falling, after the stall time', async () => {
    const clock = fakeClock()
    const done = await waitForBacklog({
      unapplied: async () => 4500,
      max: 4000,
      stallMs: 20_000,
      pollMs: 1000,
      ...clock,
    })
    expect(done).toBe(false)
    expect(clock.now()).toBe(21_000)
  })

  it('returns at once when the backlog is within bounds', async () => {
    const clock = fakeClock()
    expect(await waitForBacklog({ unapplied: async () => 10, max: 4000, stallMs: 20_000, ...clock })).toBe(
      true,
    )
    expect(clock.now()).toBe(0)
  })
})

describe('backlog paced by the consumer', () => {
  it('measures the applied rate over the last window', () => {
    const rate = new AppliedRate(10_000)
    rate.add(0, 0)
    expect(rate.perSecond()).toBeUndefined()
    rate.add(1000, 100)
    expect(rate.perSecond()).toBeUndefined() // under 2 s of samples
    rate.add(4000, 400)
    expect(rate.perSecond()).toBe(100)
    // 20 s later the consumer has slowed to 20/s; the window forgets the fast start.
    rate.add(14_000, 600)
    rate.add(24_000, 800)
    expect(rate.perSecond()).toBe(20)
  })

  it('bounds the backlog to what the consumer applies in 10 s, between one batch and the maximum', () => {
    expect(backlogBound(undefined, 2000, 500)).toBe(2000)
    expect(backlogBound(1100, 2000, 500)).toBe(2000)
    expect(backlogBound(120, 2000, 500)).toBe(1200)
    expect(backlogBound(20, 2000, 500)).toBe(500)
  })

  it('waits against a bound read afresh at every poll', async () => {
    const clock = fakeClock()
    let backlog = 1500
    let bound = 1000
    const unapplied = async () => {
      backlog -= 100
      if (backlog < 1300) bound = 900 // the consumer slowed: the bound shrinks while the seeder waits
      return backlog
    }
    const done = await waitForBacklog({
      unapplied,
      max: () => bound,
      stallMs: 20_000,
      pollMs: 1000,
      ...clock,
    })
    expect(done).toBe(true)
    expect(backlog).toBe(900)
  })
})
