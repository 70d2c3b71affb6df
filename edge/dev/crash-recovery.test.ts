// Kills the local runtime (SIGKILL, whole process group) right after the last ingest batch is answered,
// restarts it on the same state and checks that every stored post reaches Thunder exactly once: the post
// store's outbox re-sends what the dead local queue lost. `npm run test:crash` runs it with 5,000 posts.
import { describe, expect, it } from 'vitest'
import { runCrashDrill } from './crash-recovery.ts'

const POSTS = Number(process.env.CRASH_POSTS ?? 1000)
// Longer than a restart takes, so the Thunder count read at restart shows what the kill lost.
const RESEND_AFTER_S = 40

describe('post delivery across a killed runtime', () => {
  it(`gets all ${POSTS} stored posts into Thunder exactly once after SIGKILL and restart`, async () => {
    const report = await runCrashDrill({
      posts: POSTS,
      resendAfterS: RESEND_AFTER_S,
      recoverTimeoutMs: 100_000,
    })
    console.log('crash drill:', JSON.stringify(report))
    expect(report.stored).toBe(POSTS)
    // The kill did lose queued events (otherwise this test would prove nothing) ...
    expect(report.inThunderAtRestart).toBeLessThan(POSTS)
    // ... and the outbox brought every one of them back, none twice (Thunder holds each id once).
    expect(report.inThunderAfterRecovery).toBe(POSTS)
    // Every event is confirmed: replaying the whole ingest publishes nothing.
    expect(report.republishedOnReplay).toBe(0)
  }, 240_000)
})
