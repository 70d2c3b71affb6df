// The world clock: one Durable Object whose alarm keeps the synthetic world's users posting and engaging at a
// configured rate, so the feed, Thunder, retrieval and content understanding always have fresh traffic.
// Off until an admin turns it on (POST /v1/admin/world-clock; `npm start` does, tests only when they mean to).
import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { singleton } from '../shards/shard-set'
import { runTick } from './clock-tick'
import { DEFAULT_WORLD_CLOCK_SEED, type WorldClockBody, type WorldClockStatus } from './world-clock-schema'

/** Seconds between ticks: short enough that a modest rate looks continuous, long enough to batch writes. */
export const TICK_SECONDS = 10
/** A tick never creates more than this many posts, whatever the rate (it would outlast the next tick). */
const MAX_POSTS_PER_TICK = 200

interface ClockState {
  enabled: boolean
  ratePerMinute: number
  seed: number
  ticks: number
  /** Posts owed but not yet created: the fractional part of rate × tick length, carried to the next tick. */
  carry: number
  postsCreated: number
  engagementsCreated: number
  lastTickAt: number | null
  lastPostIds: string[]
  lastError: string | null
}

const INITIAL: ClockState = {
  enabled: false,
  ratePerMinute: 0,
  seed: DEFAULT_WORLD_CLOCK_SEED,
  ticks: 0,
  carry: 0,
  postsCreated: 0,
  engagementsCreated: 0,
  lastTickAt: null,
  lastPostIds: [],
  lastError: null,
}

export function worldClock(env: Env): DurableObjectStub<WorldClock> {
  return singleton(env.WORLD_CLOCK, 'world-clock')
}

export class WorldClock extends DurableObject<Env> {
  private async load(): Promise<ClockState> {
    return { ...INITIAL, ...((await this.ctx.storage.get<ClockState>('state')) ?? {}) }
  }

  async status(): Promise<WorldClockStatus> {
    const { carry: _, ...state } = await this.load()
    const next = await this.ctx.storage.getAlarm()
    return { ...state, tickSeconds: TICK_SECONDS, nextTickAt: state.enabled ? (next ?? null) : null }
  }

  /** Turns the clock on or off and sets its rate; the first tick comes one tick length after enabling. */
  async configure(body: WorldClockBody, now = Date.now()): Promise<WorldClockStatus> {
    const state = await this.load()
    const next: ClockState = {
      ...state,
      enabled: body.enabled,
      ratePerMinute: body.ratePerMinute,
      seed: body.seed ?? state.seed,
    }
    await this.ctx.storage.put('state', next)
    if (!next.enabled) await this.ctx.storage.deleteAlarm()
    else if ((await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(now + TICK_SECONDS * 1000)
    return this.status()
  }

  override async alarm(): Promise<void> {
    const before = await this.load()
    if (!before.enabled) return
    const now = Date.now()
    const owed = before.carry + (before.ratePerMinute * TICK_SECONDS) / 60
    const quota = Math.min(Math.floor(owed), MAX_POSTS_PER_TICK)
    let outcome: Pick<ClockState, 'lastPostIds' | 'lastError'> & { engagements: number }
    try {
      const r = await runTick(this.env, before.seed, before.ticks, quota, now)
      outcome = { lastPostIds: r.postIds, lastError: null, engagements: r.engagements }
    } catch (err) {
      // Not rethrown: a retried alarm would run the same tick twice. The next tick tries again.
      console.error('world clock: tick failed:', err)
      outcome = {
        lastPostIds: [],
        lastError: err instanceof Error ? err.message : String(err),
        engagements: 0,
      }
    }
    // Re-read: an admin may have reconfigured the clock while the tick was writing.
    const state = await this.load()
    await this.ctx.storage.put('state', {
      ...state,
      ticks: state.ticks + 1,
      carry: Math.min(owed - quota, MAX_POSTS_PER_TICK),
      postsCreated: state.postsCreated + outcome.lastPostIds.length,
      engagementsCreated: state.engagementsCreated + outcome.engagements,
      lastTickAt: now,
      lastPostIds: outcome.lastPostIds,
      lastError: outcome.lastError,
    } satisfies ClockState)
    if (state.enabled) await this.ctx.storage.setAlarm(Date.now() + TICK_SECONDS * 1000)
  }
}
