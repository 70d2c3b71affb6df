import { describe, expect, it } from 'vitest'
import { sendBatchesInOrder } from './seed-post-pipeline'

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
