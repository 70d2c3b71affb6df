// A shard that fails, seen from the caller: the call for the chosen group rejects before it reaches the
// object, as an unreachable or overloaded shard does. Throwing inside the object instead (a spy on its
// method) makes the runtime log an "uncaught exception" for every such call, which is noise in the test run,
// not a failure the caller handles differently: ShardSet turns either into the same `failed` entry.
import { vi } from 'vitest'
import { ShardSet } from './shard-set'

type Call = (stub: unknown, group: unknown[], shard: number) => Promise<unknown>
type LooseFanOut = (items: readonly unknown[], key: (item: unknown) => string, call: Call) => Promise<unknown>

/** Until vi.restoreAllMocks: calls of the `prefix` shard set whose group `fails` picks reject with `message`. */
export function failShardCalls(
  prefix: string,
  fails: (group: readonly unknown[]) => boolean,
  message: string,
) {
  const proto = ShardSet.prototype as unknown as { fanOut: LooseFanOut }
  const fanOut = proto.fanOut
  return vi.spyOn(proto, 'fanOut').mockImplementation(function (this: unknown, items, key, call) {
    // `prefix` is private to ShardSet; the object names it builds are `<prefix>-<count>-<i>`.
    const own = (this as { prefix: string }).prefix === prefix
    return fanOut.call(this, items, key, (stub, group, shard) =>
      own && fails(group) ? Promise.reject(new Error(message)) : call(stub, group, shard),
    )
  })
}
