// Setup file of the workerd tests (edge/vitest.config.ts): no test file ends with background work in
// flight. After a file's last test it waits until every queue message the file caused has been handled
// (sends, deliveries, retries, dead letters; see queue-work.ts), then cancels the Durable Object alarms
// still scheduled, since they would wake objects after the file's runtime is gone; repeated until a pass
// finds neither.
import { listDurableObjectIds, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterAll } from 'vitest'
import worker from '../index'
import { countQueueDeliveries, countQueueSends, queueWork, queueWorkOutstanding } from './queue-work'

/** Longest a file's background work may take to finish (a Grox retry waits up to 60 s by design). */
const SETTLE_LIMIT_MS = 150_000
const POLL_MS = 50

countQueueSends(env)
countQueueDeliveries(worker as { queue?: Parameters<typeof countQueueDeliveries>[0]['queue'] })

afterAll(settleBackgroundWork, SETTLE_LIMIT_MS + 10_000)

export async function settleBackgroundWork(): Promise<void> {
  const deadline = Date.now() + SETTLE_LIMIT_MS
  for (;;) {
    await queuesDrained(deadline)
    if ((await cancelAlarms()) === 0 && queueWorkOutstanding() === 0) return
  }
}

async function queuesDrained(deadline: number): Promise<void> {
  while (queueWorkOutstanding() !== 0) {
    if (Date.now() > deadline) {
      throw new Error(`queue work still in flight at the end of the file: ${JSON.stringify(queueWork())}`)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

// The Worker's own Durable Object bindings (the pool adds internal ones, named __VITEST…, to env).
const namespaces = (): DurableObjectNamespace[] =>
  Object.entries(env)
    .filter(
      ([name, v]) =>
        !name.startsWith('__') && /^(Loopback)?DurableObjectNamespace$/.test(v?.constructor?.name),
    )
    .map(([, v]) => v as DurableObjectNamespace)

/** Deletes every scheduled alarm of the file's objects; returns how many there were. */
async function cancelAlarms(): Promise<number> {
  let cancelled = 0
  for (const namespace of namespaces()) {
    for (const id of await listDurableObjectIds(namespace)) {
      const had = await runInDurableObject(namespace.get(id), async (_object, state) => {
        if ((await state.storage.getAlarm()) === null) return false
        await state.storage.deleteAlarm()
        return true
      })
      if (had) cancelled++
    }
  }
  return cancelled
}
