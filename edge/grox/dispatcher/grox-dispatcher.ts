// GroxDispatcher (seed 002's dispatcher process on Cloudflare): holds every task not yet acked, per stream;
// releases them to the engine queue with weighted priority across streams (PriorityTaskGenerator, empty and
// rate-limited streams skipped), per-stream QPS buckets and an in-flight cap; retries failures with attempt
// + 1 up to max attempts, then acks them as terminal (dead-letter record, failure counted on the origin
// stream). A task leaves only on success or terminal failure; an expired deadline is skipped; a released
// task whose result never comes back fails its attempt when its lease ends; drain stops releases.
import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../../env'
import { deadLetterLog } from '../../ops/dead-letter-log'
import { singleton } from '../../shards/shard-set'
import { migrateOnStart } from '../../storage/migrate'
import type { GroxSourceMessage, GroxTaskMessage } from '../core/messages'
import type { StreamType } from '../core/types'
import type { EngineReport } from '../engine/engine-report'
import { PriorityTaskGenerator, type StreamSource } from '../generators/priority-task-generator'
import { STREAM_GENERATORS, streamsReading } from '../generators/stream-generators'
import { TokenBucket } from '../generators/token-bucket'
import { type DispatcherConfig, dispatcherConfig } from './dispatcher-config'
import { buildStats, type DispatcherStats } from './dispatcher-stats'
import { bump, DISPATCHER_SCHEMA, DONE_RETENTION_MS, recordLabels, type TaskRow } from './dispatcher-tables'

export const GROX_TASKS_QUEUE = 'fye-grox-tasks'

export function groxDispatcher(env: Env, name = 'grox-dispatcher'): DurableObjectStub<GroxDispatcher> {
  return singleton(env.GROX_DISPATCHER, name)
}

export interface SourceDelivery {
  /** The queue message id: stable across redeliveries, so a redelivered message adds nothing. */
  mid: string
  message: GroxSourceMessage
}

/** A failed attempt; `failedPlans` are the plans that failed in it (none when the run was lost). */
type Failure = { row: TaskRow; error: string; failedPlans?: readonly string[] }

export class GroxDispatcher extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, DISPATCHER_SCHEMA)
  private readonly buckets = new Map<StreamType, TokenBucket>()
  /** Injected by tests to make the weighted draw reproducible. */
  random: () => number = Math.random
  /** Releases tasks to the engine queue; tests capture them instead, to play the engine themselves. */
  sendTasks: (messages: readonly GroxTaskMessage[]) => Promise<void> = async (messages) => {
    await this.env.GROX_TASKS.sendBatch(messages.map((body) => ({ body })))
  }

  private get config(): DispatcherConfig {
    return dispatcherConfig(this.env)
  }

  /** Stores one task per stream reading each message's source, then releases what it may. */
  async enqueue(deliveries: readonly SourceDelivery[], now = Date.now()): Promise<{ added: number }> {
    const { taskDeadlineMs } = this.config
    let added = 0
    this.ctx.storage.transactionSync(() => {
      for (const { mid, message } of deliveries) {
        for (const stream of streamsReading(message.source)) {
          const payloadId = `${mid}:${stream}`
          if (this.sql.exec('SELECT 1 FROM done WHERE payload_id = ?', payloadId).toArray().length > 0)
            continue
          const inserted = this.sql
            .exec(
              `INSERT INTO tasks (payload_id, stream, attempt, deadline_ms, message, state, enqueued_at)
               VALUES (?, ?, 0, ?, ?, 'queued', ?) ON CONFLICT (payload_id) DO NOTHING RETURNING payload_id`,
              payloadId,
              stream,
              message.sentAt + taskDeadlineMs,
              JSON.stringify(message),
              now,
            )
            .toArray().length
          bump(this.sql, 'stream', stream, 'enqueued', inserted)
          added += inserted
        }
      }
    })
    await this.pump(now)
    return { added }
  }

  /** The engine's results: ack on success, retry below max attempts, terminal failure otherwise. */
  async complete(reports: readonly EngineReport[], now = Date.now()): Promise<void> {
    const failures: Failure[] = []
    this.ctx.storage.transactionSync(() => {
      for (const r of reports) {
        const row = this.sql
          .exec<TaskRow>('SELECT * FROM tasks WHERE payload_id = ?', r.payloadId)
          .toArray()[0]
        // A duplicate delivery, or a result for an attempt already retried after its lease ran out.
        if (row?.state !== 'in_flight' || row.attempt !== r.attempt) {
          bump(this.sql, 'dispatcher', 'results', 'stale')
          continue
        }
        for (const p of r.plans) bump(this.sql, 'plan', p.plan, p.status)
        for (const [key, n] of Object.entries(r.taskCounts)) {
          const [task, outcome] = key.split(':')
          bump(this.sql, 'task', task!, outcome!, n)
        }
        recordLabels(this.sql, r.postId, r.labels, now)
        if (r.success) {
          const noWork = r.expired || r.plans.every((p) => p.status === 'skipped')
          bump(this.sql, 'stream', row.stream, noWork ? 'skipped' : 'succeeded')
          this.ack(row.payload_id, now)
        } else {
          const failedPlans = r.plans.filter((p) => p.status === 'failed').map((p) => p.plan)
          failures.push({ row, error: r.error ?? 'unknown error', failedPlans })
        }
      }
    })
    await this.fail(failures, now)
    await this.pump(now)
  }

  /** Drain: stop releasing tasks (what is in flight finishes; new messages are stored). Off resumes. */
  async drain(on: boolean, now = Date.now()): Promise<DispatcherStats> {
    this.sql.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('draining', ?)", on ? '1' : '0')
    if (!on) await this.pump(now)
    return this.stats()
  }

  /** Re-drives dead-lettered tasks into their stream's recovery stream (or their own) as fresh tasks. */
  async redrive(limit = 100, now = Date.now()): Promise<{ redriven: number }> {
    const dead = this.sql
      .exec<{ payload_id: string; stream: StreamType; message: string }>(
        'SELECT * FROM dead ORDER BY at LIMIT ?',
        limit,
      )
      .toArray()
    this.ctx.storage.transactionSync(() => {
      for (const d of dead) {
        const target = STREAM_GENERATORS[d.stream].recovery ?? d.stream
        const message = { ...(JSON.parse(d.message) as GroxSourceMessage), sentAt: now }
        this.sql.exec(
          `INSERT INTO tasks (payload_id, stream, attempt, deadline_ms, message, state, enqueued_at)
           VALUES (?, ?, 0, ?, ?, 'queued', ?) ON CONFLICT (payload_id) DO NOTHING`,
          `${d.payload_id}:redrive:${now}`,
          target,
          now + this.config.taskDeadlineMs,
          JSON.stringify(message),
          now,
        )
        this.sql.exec('DELETE FROM dead WHERE payload_id = ?', d.payload_id)
        bump(this.sql, 'stream', target, 'redriven')
      }
    })
    await this.pump(now)
    return { redriven: dead.length }
  }

  stats(): DispatcherStats {
    return buildStats(this.sql, this.config, this.draining())
  }

  override async alarm(): Promise<void> {
    const now = Date.now()
    await this.expireLeases(now)
    this.sql.exec('DELETE FROM done WHERE at < ?', now - DONE_RETENTION_MS)
    await this.pump(now)
  }

  /** In-flight tasks whose lease ended: their run was lost (a crash, a dropped message); a failed attempt. */
  async expireLeases(now = Date.now()): Promise<number> {
    const rows = this.sql
      .exec<TaskRow>("SELECT * FROM tasks WHERE state = 'in_flight' AND lease_until <= ?", now)
      .toArray()
    await this.fail(
      rows.map((row) => ({ row, error: `lease expired: no result within ${this.config.leaseMs} ms` })),
      now,
    )
    return rows.length
  }

  private draining(): boolean {
    return (
      this.sql.exec<{ value: string }>("SELECT value FROM settings WHERE key = 'draining'").toArray()[0]
        ?.value === '1'
    )
  }

  private ack(payloadId: string, now: number): void {
    this.sql.exec('DELETE FROM tasks WHERE payload_id = ?', payloadId)
    this.sql.exec('INSERT OR REPLACE INTO done (payload_id, at) VALUES (?, ?)', payloadId, now)
  }

  private async fail(failures: readonly Failure[], now: number): Promise<void> {
    if (failures.length === 0) return
    const { maxAttempts, leaseMs } = this.config
    const retries: GroxTaskMessage[] = []
    const terminal: Failure[] = []
    this.ctx.storage.transactionSync(() => {
      for (const f of failures) {
        bump(this.sql, 'stream', f.row.stream, 'failed')
        if (f.row.attempt < maxAttempts) {
          // Upstream re-submits straight to the engine: the task stays in flight with attempt + 1.
          const attempt = f.row.attempt + 1
          this.sql.exec(
            'UPDATE tasks SET attempt = ?, lease_until = ? WHERE payload_id = ?',
            attempt,
            now + leaseMs,
            f.row.payload_id,
          )
          retries.push(taskMessage({ ...f.row, attempt }))
        } else {
          terminal.push(f)
          bump(this.sql, 'stream', f.row.stream, 'dead_lettered')
          for (const plan of f.failedPlans ?? []) bump(this.sql, 'plan', plan, 'dead_lettered')
          this.sql.exec(
            'INSERT OR REPLACE INTO dead (payload_id, stream, attempt, error, message, at) VALUES (?, ?, ?, ?, ?, ?)',
            f.row.payload_id,
            f.row.stream,
            f.row.attempt,
            f.error.slice(0, 2000),
            f.row.message,
            now,
          )
          this.ack(f.row.payload_id, now)
        }
      }
    })
    if (terminal.length > 0) {
      await deadLetterLog(this.env)
        .record(
          terminal.map(({ row, error }) => ({
            id: row.payload_id,
            queue: GROX_TASKS_QUEUE,
            reason: error,
            attempts: row.attempt + 1,
            body: taskMessage(row),
          })),
        )
        .catch((err: unknown) => console.error('grox: dead-letter log unavailable:', err))
    }
    await this.send(retries)
  }

  /** Releases queued tasks while the in-flight cap allows, in weighted order across streams. */
  private async pump(now: number): Promise<void> {
    const { maxInFlight, leaseMs } = this.config
    const released: GroxTaskMessage[] = []
    if (!this.draining()) {
      let inFlight = this.sql
        .exec<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE state = 'in_flight'")
        .one().n
      const streams = this.sql
        .exec<{ stream: StreamType }>("SELECT DISTINCT stream FROM tasks WHERE state = 'queued'")
        .toArray()
        .map((r) => r.stream)
      if (streams.length > 0 && inFlight < maxInFlight) {
        const generator = new PriorityTaskGenerator(
          streams.map((s) => [this.source(s, now), STREAM_GENERATORS[s].weight] as const),
          this.random,
        )
        while (inFlight < maxInFlight) {
          const next = generator.poll()
          if (next === null) break
          this.sql.exec(
            "UPDATE tasks SET state = 'in_flight', lease_until = ? WHERE payload_id = ?",
            now + leaseMs,
            next.item.payload_id,
          )
          released.push(taskMessage(next.item))
          inFlight++
        }
      }
    }
    await this.send(released)
    await this.scheduleAlarm(now)
  }

  /** One stream for the generator: its oldest live queued task, if its QPS bucket allows one now. */
  private source(stream: StreamType, now: number): StreamSource<TaskRow> {
    const bucket = this.bucket(stream, now)
    return {
      type: stream,
      poll: () => {
        for (;;) {
          const row = this.sql
            .exec<TaskRow>(
              "SELECT * FROM tasks WHERE state = 'queued' AND stream = ? ORDER BY rowid LIMIT 1",
              stream,
            )
            .toArray()[0]
          if (!row) return null
          if (row.deadline_ms < now) {
            // Past its deadline: skipped, never run, and acked.
            bump(this.sql, 'stream', stream, 'skipped')
            bump(this.sql, 'stream', stream, 'expired')
            this.ack(row.payload_id, now)
            continue
          }
          return bucket.take(now) ? row : null
        }
      },
    }
  }

  private bucket(stream: StreamType, now: number): TokenBucket {
    const existing = this.buckets.get(stream)
    if (existing) return existing
    const bucket = new TokenBucket(STREAM_GENERATORS[stream].maxQps, now)
    this.buckets.set(stream, bucket)
    return bucket
  }

  private async send(messages: readonly GroxTaskMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 100) {
      const chunk = messages.slice(i, i + 100)
      try {
        await this.sendTasks(chunk)
      } catch (err) {
        // Not lost: each stays in flight and fails its attempt when its lease ends.
        console.error('grox: releasing tasks to the engine failed:', err)
      }
    }
  }

  /** Wake for the earliest lease end, or when a rate-limited stream gets a token. */
  private async scheduleAlarm(now: number): Promise<void> {
    const lease = this.sql
      .exec<{ t: number | null }>("SELECT MIN(lease_until) AS t FROM tasks WHERE state = 'in_flight'")
      .one().t
    let next = lease ?? Number.POSITIVE_INFINITY
    const inFlight = this.sql
      .exec<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE state = 'in_flight'")
      .one().n
    // At the cap, the next result releases more; otherwise a queued stream waits for its bucket only.
    if (!this.draining() && inFlight < this.config.maxInFlight) {
      for (const { stream } of this.sql.exec<{ stream: StreamType }>(
        "SELECT DISTINCT stream FROM tasks WHERE state = 'queued'",
      )) {
        next = Math.min(next, now + Math.max(this.bucket(stream, now).waitMs(now), 50))
      }
    }
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(next)
  }
}

function taskMessage(
  row: Pick<TaskRow, 'payload_id' | 'stream' | 'attempt' | 'deadline_ms' | 'message'>,
): GroxTaskMessage {
  return {
    payloadId: row.payload_id,
    stream: row.stream,
    attempt: row.attempt,
    deadlineMs: row.deadline_ms,
    message: JSON.parse(row.message) as GroxSourceMessage,
  }
}
