// GroxStore's sink accounting: first write per (post, sink) wins, later ones are refused and counted, and
// the per-sink totals the stats route reads agree with the writes themselves, including writes stored
// before the totals table existed.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Env } from '../../env'
import { GROX_STORE_SCHEMA, type GroxStore } from './grox-store'

const ENV = env as unknown as Env

function freshShard(): DurableObjectStub<GroxStore> {
  return ENV.GROX_STORE.get(ENV.GROX_STORE.idFromName(`store-test-${crypto.randomUUID()}`))
}

const write = (postId: string, sink: string, value: unknown) => ({
  postId,
  sink,
  valueJson: JSON.stringify(value),
})

describe('GroxStore sinks', () => {
  it('keeps the first write, refuses and counts the rest, and totals them per sink', async () => {
    const shard = freshShard()
    expect(await shard.writeSinks([write('1', 'a', 1), write('2', 'a', 2), write('1', 'b', 3)])).toEqual([
      true,
      true,
      true,
    ])
    expect(await shard.writeSinks([write('1', 'a', 9), write('1', 'a', 10), write('3', 'b', 4)])).toEqual([
      false,
      false,
      true,
    ])
    expect((await shard.sinkWrites(['1'])).map((w) => [w.sink, w.valueJson, w.refused])).toEqual([
      ['a', '1', 2],
      ['b', '3', 0],
    ])
    expect(await shard.sinkTotals()).toEqual([
      { sink: 'a', writes: 2, refused: 2 },
      { sink: 'b', writes: 2, refused: 0 },
    ])
  })

  it('fills the totals from writes stored before the totals table existed', async () => {
    const shard = freshShard()
    await shard.writeSinks([write('1', 'a', 1), write('1', 'a', 2), write('2', 'a', 3)])
    // An object from before the totals table: drop it, then run the schema as the next start does (twice:
    // a start with the table already filled must not count again).
    await runInDurableObject(shard, (_store: GroxStore, state) => {
      state.storage.sql.exec('DROP TABLE sink_counts')
      for (let start = 0; start < 2; start++) {
        for (const statement of GROX_STORE_SCHEMA) state.storage.sql.exec(statement)
      }
    })
    expect(await shard.sinkTotals()).toEqual([{ sink: 'a', writes: 2, refused: 1 }])
  })
})
