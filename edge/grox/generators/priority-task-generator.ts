// PriorityTaskGenerator (seed 002, task_generator.py): weighted-random multiplexing over streams. Each
// poll samples a stream by weight among those not yet tried this round; a stream with nothing now is
// skipped for the rest of the round (fresh chance next round), an exhausted one is dropped for good, one
// that throws is skipped for the round. Nothing from any stream: null.
import type { StreamType } from '../core/types'

export const EXHAUSTED = Symbol('exhausted')

/** One stream as the generator sees it: a task, nothing right now (null), or never again (EXHAUSTED). */
export interface StreamSource<T> {
  readonly type: StreamType
  poll(): T | null | typeof EXHAUSTED
}

export class PriorityTaskGenerator<T> {
  private readonly weights = new Map<StreamSource<T>, number>()

  constructor(
    generators: readonly (readonly [StreamSource<T>, number])[],
    private readonly random: () => number = Math.random,
  ) {
    if (generators.length === 0) throw new Error('No generators provided')
    if (generators.some(([, w]) => !(w > 0))) throw new Error('All weights must be positive')
    for (const [source, weight] of generators) this.weights.set(source, weight)
  }

  /** Streams still in the pool (not exhausted). */
  get active(): StreamType[] {
    return [...this.weights.keys()].map((s) => s.type)
  }

  poll(): { item: T; stream: StreamType } | null {
    const round = new Map(this.weights)
    while (round.size > 0) {
      const source = this.sample(round)
      let item: T | null | typeof EXHAUSTED
      try {
        item = source.poll()
      } catch (err) {
        console.error(`grox: polling stream ${source.type} failed:`, err)
        round.delete(source)
        continue
      }
      if (item === EXHAUSTED) {
        round.delete(source)
        this.weights.delete(source)
      } else if (item === null) {
        round.delete(source)
      } else {
        return { item, stream: source.type }
      }
    }
    return null
  }

  private sample(pool: Map<StreamSource<T>, number>): StreamSource<T> {
    let total = 0
    for (const w of pool.values()) total += w
    let r = this.random() * total
    for (const [source, w] of pool) {
      r -= w
      if (r < 0) return source
    }
    return [...pool.keys()].at(-1)!
  }
}
