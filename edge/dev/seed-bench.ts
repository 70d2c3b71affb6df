// Where seeding time goes: seeds the default world into a fresh `wrangler dev` (its own state folder and
// port) and prints the seeder's per-path times, the request counts and when Thunder holds every post.
//   tsx edge/dev/seed-bench.ts [--users-per-chunk N] [--backlog N] [--only users|posts]
//     [--in-flight N] [--log FILE (every line the runtime prints)]
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import type { SeedStage } from '../seed/seed-world'
import { freePort, startLocalRuntime } from './local-runtime.ts'
import { seedWorld } from './seed.ts'
import { runtimeCpu } from './seed-bench-cpu.ts'
import { buildSeed } from './world-build.ts'

const { values } = parseArgs({
  options: {
    'users-per-chunk': { type: 'string' },
    backlog: { type: 'string' },
    'in-flight': { type: 'string' },
    only: { type: 'string' },
    log: { type: 'string' },
  },
})
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
const stages: Record<string, readonly SeedStage[]> = {
  users: ['accounts', 'follows', 'engagements'],
  posts: ['posts'],
}
const token = 'seed-bench-admin-token-0123456789abcdef0123'
const t0 = Date.now()
// The build takes seconds to a minute of CPU; a second run reads the first one's copy.
const cached = join(tmpdir(), 'fye-seed-bench-world-20260721.json')
const seed: WorldSeed = existsSync(cached) ? JSON.parse(readFileSync(cached, 'utf8')) : buildSeed(20260721)
if (!existsSync(cached)) writeFileSync(cached, JSON.stringify(seed))
console.log(
  `world built in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
const persistTo = mkdtempSync(join(tmpdir(), 'fye-seed-bench-'))
// wrangler prints "QUEUE fye-post-ingest 100/100 (812ms)" per consumer batch at level info: the post-ingest
// consumer's batches are the seed's critical path; Grox's queues show what competes with it for the CPU.
const batchMsByQueue = new Map<string, number[]>()
const batchMs: number[] = []
// Per route: requests and the runtime's summed response time (wrangler's "POST /v1/... 200 OK (812ms)").
const routeMs = new Map<string, { n: number; ms: number; max: number }>()
const runtime = await startLocalRuntime({
  persistTo,
  port: await freePort(),
  vars: { ADMIN_TOKEN: token, TOKEN_SECRET: token, ENVIRONMENT: 'local' },
  logLevel: 'info',
  onLine: (line) => {
    if (values.log !== undefined) appendFileSync(values.log, `${Date.now() - t0} ${line}\n`)
    const r = /(GET|POST) (\/v1\/\S+) (\d+) .*\((\d+)ms\)/.exec(line)
    if (r?.[2] !== undefined && r[4] !== undefined) {
      const key = `${r[1]} ${r[2]}${r[3] === '200' ? '' : ` ${r[3]}`}`
      const s = routeMs.get(key) ?? { n: 0, ms: 0, max: 0 }
      routeMs.set(key, { n: s.n + 1, ms: s.ms + Number(r[4]), max: Math.max(s.max, Number(r[4])) })
    }
    const m = /QUEUE (\S+) \d+\/\d+ \((\d+)ms\)/.exec(line)
    if (m?.[1] === undefined || m[2] === undefined) return
    const list = batchMsByQueue.get(m[1]) ?? []
    list.push(Number(m[2]))
    batchMsByQueue.set(m[1], list)
    if (m[1] === 'fye-post-ingest') batchMs.push(Number(m[2]))
  },
})
// wrangler runs in its own process group: a timeout or Ctrl-C must take it down too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(
    signal,
    () =>
      void runtime.kill().finally(() => {
        rmSync(persistTo, { recursive: true, force: true })
        process.exit(1)
      }),
  )
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0
try {
  let requests = 0
  const counting = async (input: string, init: RequestInit) => {
    requests++
    const res = await fetch(input, init)
    // The seeder retries a 5xx; what the runtime said is worth seeing.
    if (res.status >= 500)
      console.log(`  ${res.status} ${input}: ${(await res.clone().text()).slice(0, 200)}`)
    return res
  }
  const started = Date.now()
  // CPU seconds of workerd, wrangler and this process, sampled each second: busy ≈ 1 per second for
  // workerd means seeding waits on the Worker's one JavaScript thread.
  const cpuAt = () => ({ ...runtimeCpu(persistTo), seederS: process.cpuUsage().user / 1e6 })
  const cpu0 = cpuAt()
  const samples: { t: number; cpu: ReturnType<typeof cpuAt> }[] = []
  const sampler = setInterval(() => samples.push({ t: Date.now() - started, cpu: cpuAt() }), 1000)
  const cpuUntil = (ms: number) => {
    const at = samples.findLast((s) => s.t <= ms)?.cpu ?? cpu0
    const r = (x: number) => Number(x.toFixed(1))
    return {
      workerdS: r(at.workerdS - cpu0.workerdS),
      wranglerS: r(at.wranglerS - cpu0.wranglerS),
      seederS: r(at.seederS - cpu0.seederS),
    }
  }
  const ticker = setInterval(() => {
    const s = ((Date.now() - started) / 1000).toFixed(0)
    const queues = [...batchMsByQueue].map(([q, ms]) => `${q} ${ms.length}`).join(', ')
    console.log(`  ${s} s: consumer batches ${queues || 'none'}; load ${loadavg()[0]?.toFixed(1)}`)
  }, 15_000)
  const report = await seedWorld(runtime.base, token, seed, {
    progress: 'none',
    fetch: counting,
    ...(values.only === undefined ? {} : { stages: stages[values.only] ?? [] }),
    ...(values['users-per-chunk'] === undefined ? {} : { usersPerChunk: num(values['users-per-chunk']) }),
    ...(values.backlog === undefined ? {} : { maxBacklog: num(values.backlog) }),
    ...(values['in-flight'] === undefined ? {} : { postBatchesInFlight: num(values['in-flight']) }),
  })
  clearInterval(ticker)
  clearInterval(sampler)
  samples.push({ t: Date.now() - started, cpu: cpuAt() })
  const seededAt = Date.now()
  const stats = async () => {
    const res = await fetch(`${runtime.base}/v1/admin/thunder/stats`, {
      headers: { authorization: `Bearer ${token}` },
    })
    return ((await res.json()) as { totalPosts: number }).totalPosts
  }
  while (
    report.posts.published > 0 &&
    (await stats()) < report.posts.created &&
    Date.now() - seededAt < 120_000
  )
    await new Promise((r) => setTimeout(r, 250))
  console.log(
    JSON.stringify({
      seededS: report.ms / 1000,
      usersPathS: report.pathMs.users / 1000,
      postsPathS: report.pathMs.posts / 1000,
      thunderCompleteS: (Date.now() - seededAt + report.ms) / 1000,
      thunderPosts: await stats(),
      published: report.posts.published,
      eventsUnconfirmed: report.eventsUnconfirmed,
      requests,
      cpuDuringUsersPath: cpuUntil(report.pathMs.users),
      cpuDuringPostsPath: cpuUntil(report.pathMs.posts),
      cpuWhole: cpuUntil(report.ms),
      routes: Object.fromEntries([...routeMs].map(([k, v]) => [k, { ...v, meanMs: Math.round(v.ms / v.n) }])),
      consumerBatches: batchMs.length,
      consumerBatchMs: {
        p50: quantile(batchMs, 0.5),
        p90: quantile(batchMs, 0.9),
        sum: batchMs.reduce((a, b) => a + b, 0),
      },
      queues: Object.fromEntries(
        [...batchMsByQueue].map(([q, ms]) => [
          q,
          { batches: ms.length, busyMs: ms.reduce((a, b) => a + b, 0) },
        ]),
      ),
      accounts: report.accounts.created,
      follows: report.follows.added,
      posts: report.posts.created,
      engagements: report.engagements.added,
      load: loadavg().map((l) => Number(l.toFixed(1))),
    }),
  )
} finally {
  await runtime.kill()
  rmSync(persistTo, { recursive: true, force: true })
}
