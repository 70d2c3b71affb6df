// Counts the queue work a test file causes in this isolate: messages sent (by the Worker, its Durable Objects
// or the test), deliveries to the Worker's queue handler, and the redeliveries its outcomes schedule. A file
// may end only when every message has been handled: work left in flight at a file's end runs against a
// torn-down test runtime (the pool reports it as an unhandled error or a dropped WebSocket).
import { createMessageBatch } from 'cloudflare:test'

interface QueueWorkCounts {
  /** Messages accepted by a queue binding. */
  sent: number
  /** Retries and dead-letter moves the handler's outcomes scheduled (each is one more delivery). */
  redeliveries: number
  /** Messages handed to the queue handler by the runtime. */
  delivered: number
  /** send/sendBatch calls and queue handler runs not settled yet. */
  running: number
}

type QueueHandler = (batch: MessageBatch<unknown>, env: never, ctx: ExecutionContext) => Promise<void> | void

// One set of counts per isolate: the producer patch is on a shared prototype, so it must be installed once.
const COUNTS = Symbol.for('fye.test.queueWork')
const scope = globalThis as typeof globalThis & { [COUNTS]?: QueueWorkCounts }

export function queueWork(): QueueWorkCounts {
  scope[COUNTS] ??= { sent: 0, redeliveries: 0, delivered: 0, running: 0 }
  return scope[COUNTS]
}

/** Messages sent or scheduled for redelivery that the handler has not received yet, plus work running. */
export function queueWorkOutstanding(): number {
  const w = queueWork()
  return w.sent + w.redeliveries - w.delivered + w.running
}

const isQueue = (v: unknown): v is Queue<unknown> =>
  typeof v === 'object' && v !== null && 'send' in v && 'sendBatch' in v && typeof v.send === 'function'

const PATCHED = Symbol.for('fye.test.queueWork.patched')

/** Counts what every queue binding of `env` sends (patched on the binding class, so DO code is counted too). */
export function countQueueSends(env: object): void {
  for (const binding of Object.values(env)) {
    if (!isQueue(binding)) continue
    const proto = Object.getPrototypeOf(binding) as Queue<unknown> & { [PATCHED]?: true }
    if (proto[PATCHED]) continue
    proto[PATCHED] = true
    const send = proto.send
    const sendBatch = proto.sendBatch
    proto.send = function (this: Queue<unknown>, ...args: Parameters<Queue<unknown>['send']>) {
      return counted(1, () => send.apply(this, args))
    }
    proto.sendBatch = function (this: Queue<unknown>, ...args: Parameters<Queue<unknown>['sendBatch']>) {
      const messages = [...args[0]]
      return counted(messages.length, () => sendBatch.call(this, messages, args[1]))
    }
  }
}

async function counted<T>(messages: number, send: () => Promise<T>): Promise<T> {
  const w = queueWork()
  w.running++
  try {
    const result = await send()
    w.sent += messages
    return result
  } finally {
    w.running--
  }
}

// Batches a test builds with createMessageBatch and hands to the handler itself never came from a queue.
const TestBatch = createMessageBatch('fye-test', []).constructor

/** Wraps the Worker's queue handler so runtime deliveries and the redeliveries they schedule are counted. */
export function countQueueDeliveries(worker: { queue?: QueueHandler }): void {
  const handle = worker.queue
  if (handle === undefined || PATCHED in handle) return
  const counting: QueueHandler = async (batch, env, ctx) => {
    if (batch instanceof TestBatch) return handle(batch, env, ctx)
    const w = queueWork()
    const retried = new Set<string>()
    let retryAll = false
    const messages = batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: QueueRetryOptions) => {
        retried.add(m.id)
        m.retry(options)
      },
    }))
    const counted: MessageBatch<unknown> = {
      queue: batch.queue,
      metadata: batch.metadata,
      messages,
      ackAll: () => batch.ackAll(),
      retryAll: (options?: QueueRetryOptions) => {
        retryAll = true
        batch.retryAll(options)
      },
    }
    w.delivered += messages.length
    w.running++
    try {
      await handle(counted, env, ctx)
    } catch (error) {
      retryAll = true
      throw error
    } finally {
      // The local broker retries every message of a failed or retryAll batch, else the ones retried by id;
      // past max_retries it moves them to the dead-letter queue, which is one more delivery all the same.
      w.redeliveries += retryAll ? messages.length : retried.size
      w.running--
    }
  }
  Object.assign(counting, { [PATCHED]: true })
  worker.queue = counting
}
