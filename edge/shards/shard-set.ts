// The one sharding helper for Durable Objects: stable placement by key, one call per shard in parallel,
// per-shard failure reported rather than thrown (a caller decides whether a missing shard degrades or fails).
import { fnv1a32 } from '../../shared/util/fnv1a.ts'

/** Per-shard outcome of a fan-out: every called shard is in exactly one of the two maps. */
export interface ShardResults<R> {
  ok: Map<number, R>
  failed: Map<number, unknown>
}

/** N named shards of one Durable Object namespace; names embed the count ("<prefix>-<count>-<i>") so a new count never mixes placements. */
export class ShardSet<T extends Rpc.DurableObjectBranded | undefined> {
  readonly count: number

  constructor(
    private readonly ns: DurableObjectNamespace<T>,
    private readonly prefix: string,
    count: number,
  ) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be ≥ 1, got ${count}`)
    this.count = count
  }

  /** FNV-1a of the key mod count: every isolate agrees without coordination. */
  shardOf(key: string): number {
    return fnv1a32(key) % this.count
  }

  stub(shard: number): DurableObjectStub<T> {
    if (!Number.isInteger(shard) || shard < 0 || shard >= this.count) {
      throw new RangeError(`shard ${shard} is outside 0..${this.count - 1}`)
    }
    return this.ns.getByName(`${this.prefix}-${this.count}-${shard}`)
  }

  stubFor(key: string): DurableObjectStub<T> {
    return this.stub(this.shardOf(key))
  }

  /** Groups items by their key's shard and calls `call` once per non-empty shard, in parallel. */
  fanOut<I, R>(
    items: readonly I[],
    key: (item: I) => string,
    call: (stub: DurableObjectStub<T>, group: I[], shard: number) => Promise<R>,
  ): Promise<ShardResults<R>> {
    const groups = new Map<number, I[]>()
    for (const item of items) {
      const shard = this.shardOf(key(item))
      const group = groups.get(shard)
      if (group) group.push(item)
      else groups.set(shard, [item])
    }
    return this.settle([...groups.keys()], (shard) => call(this.stub(shard), groups.get(shard)!, shard))
  }

  /** Calls every shard once, in parallel. */
  broadcast<R>(call: (stub: DurableObjectStub<T>, shard: number) => Promise<R>): Promise<ShardResults<R>> {
    const all = Array.from({ length: this.count }, (_, i) => i)
    return this.settle(all, (shard) => call(this.stub(shard), shard))
  }

  private async settle<R>(shards: number[], call: (shard: number) => Promise<R>): Promise<ShardResults<R>> {
    const results: ShardResults<R> = { ok: new Map(), failed: new Map() }
    await Promise.all(
      shards.map(async (shard) => {
        try {
          results.ok.set(shard, await call(shard))
        } catch (err) {
          results.failed.set(shard, err)
        }
      }),
    )
    return results
  }
}

/** For data that must be whole: the shards' result lists joined, or the first failed shard's error. */
export async function fromEveryShard<R>(pending: Promise<ShardResults<R[]>>): Promise<R[]> {
  const { ok, failed } = await pending
  for (const err of failed.values()) throw err
  return [...ok.values()].flat()
}

/** The one object of a namespace that every Worker talks to (a log, a ledger), by its fixed name. */
export function singleton<T extends Rpc.DurableObjectBranded | undefined>(
  ns: DurableObjectNamespace<T>,
  name: string,
): DurableObjectStub<T> {
  return ns.getByName(name)
}
