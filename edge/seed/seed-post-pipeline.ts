// The seeder's post batches, several in flight: a batch is sent once every earlier batch holding a post it
// refers to (reply, quote, repost) has been stored, so the store still sees parents before their replies and
// captures their facts; batches without such a dependency overlap. One batch at a time left the local
// queue consumer idle while each request was in flight (measured: consumer busy 72 of 158 s).

type Refs = { id?: unknown; replyToId?: unknown; quoteOfId?: unknown; repostOfId?: unknown }

const refsOf = (post: unknown): string[] => {
  const p = (typeof post === 'object' && post !== null ? post : {}) as Refs
  return [p.replyToId, p.quoteOfId, p.repostOfId].filter((r): r is string => typeof r === 'string')
}
const idOf = (post: unknown): unknown =>
  typeof post === 'object' && post !== null ? (post as Refs).id : undefined

/** Sends `batches` in order with at most `window` in flight, never before the batches holding their parents. */
export async function sendBatchesInOrder(
  batches: readonly (readonly unknown[])[],
  window: number,
  send: (batch: readonly unknown[]) => Promise<void>,
): Promise<void> {
  const inFlight = new Set<{ ids: Set<unknown>; done: Promise<void> }>()
  const all: Promise<void>[] = []
  for (const batch of batches) {
    const refs = new Set(batch.flatMap(refsOf))
    for (const f of [...inFlight]) if ([...refs].some((r) => f.ids.has(r))) await f.done
    while (inFlight.size >= Math.max(1, window)) await Promise.race([...inFlight].map((f) => f.done))
    const entry = { ids: new Set(batch.map(idOf)), done: send(batch) }
    inFlight.add(entry)
    // Settled either way: a failure surfaces from Promise.all below (and from any wait on it above).
    const settled = entry.done.then(
      () => inFlight.delete(entry),
      () => inFlight.delete(entry),
    )
    all.push(
      entry.done,
      settled.then(() => undefined),
    )
    entry.done.catch(() => {})
  }
  await Promise.all(all)
}

export interface BacklogWait {
  /** Events published but not yet applied (in Thunder). */
  unapplied: () => Promise<number>
  /** The bound, read again at every poll when a function (backlogBound: it follows the consumer's rate). */
  max: number | (() => number)
  /** Give up when the count has not fallen for this long (Thunder's caps can keep it above `max`). */
  stallMs: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  pollMs?: number
}

/**
 * Waits until at most `max` events are unapplied, for as long as the consumer keeps applying them. A fixed
 * deadline let the seeder pile more onto a local queue that was merely slow (a loaded machine); past ~10k
 * undelivered messages the local queue refuses sends and the post store's re-sends add more. Returns false
 * when it gave up on a stalled count.
 */
export async function waitForBacklog(w: BacklogWait): Promise<boolean> {
  const now = w.now ?? Date.now
  const pause = w.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const bound = typeof w.max === 'number' ? () => w.max as number : w.max
  let lowest = await w.unapplied()
  let fellAt = now()
  while (lowest > bound()) {
    if (now() - fellAt > w.stallMs) return false
    await pause(w.pollMs ?? 250)
    const current = await w.unapplied()
    if (current < lowest) {
      lowest = current
      fellAt = now()
    }
  }
  return true
}

/** Events applied per second over the last `windowMs`, from (time, applied count) samples. */
export class AppliedRate {
  private readonly samples: [at: number, applied: number][] = []

  constructor(private readonly windowMs = 10_000) {}

  add(at: number, applied: number): void {
    this.samples.push([at, applied])
    while (this.samples.length > 2 && (this.samples[1]?.[0] ?? at) <= at - this.windowMs) this.samples.shift()
  }

  /** Undefined until the samples span 2 s. */
  perSecond(): number | undefined {
    const first = this.samples[0]
    const last = this.samples.at(-1)
    if (first === undefined || last === undefined || last[0] - first[0] < 2000) return undefined
    return (last[1] - first[1]) / ((last[0] - first[0]) / 1000)
  }
}

/**
 * The backlog a consumer applying `rate` events/s clears in `waitS` seconds, between `floor` (one batch, so
 * the seeder always moves) and `max`. A post store re-sends an event its consumer has not confirmed within 30 s
 * (OUTBOX_RESEND_AFTER_S), so a fixed 2,000 on a runtime applying ~50 posts/s made events wait ~40 s and
 * ~2,500 of them were sent twice during `npm start`'s seeding; `max` while the rate is unknown.
 */
export function backlogBound(rate: number | undefined, max: number, floor: number, waitS = 10): number {
  if (rate === undefined) return max
  return Math.min(max, Math.max(floor, Math.round(rate * waitS)))
}
