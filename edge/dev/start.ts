// npm start — the edge Worker (wrangler dev, local and offline) and the web app (Vite, proxying /v1 to the
// edge) together. Prints the ready line as soon as both answer; the synthetic world is seeded in the
// background after it, with progress on the console and in the page. Ctrl-C stops both.
//   npm start                 reuse local state; seed only when this state has not been seeded yet
//   npm start -- --reseed     send the world again (idempotent: nothing is duplicated)
//   npm start -- --fresh      wipe the local state (.wrangler/state), then seed a world relative to now
//   npm start -- --no-seed    start empty
//   npm start -- --world-rate <posts/min>   the world clock's rate (also WORLD_RATE; default 6, 0 = off)
// A seeded world repeats every 48 h from when it was first seeded; a start more than 3 h after the last one
// sends the posts and engagements live now (re-anchoring), so the demo world never decays.
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { DEFAULT_SEED } from '../../shared/world/config.ts'
import { setGroxDrain } from '../seed/seed-grox-pause'
import { childSet } from './child-processes.ts'
import { ensureDevVars } from './dev-vars.ts'
import { busyPortMessage, busyPorts } from './port-check.ts'
import { demoHandles, seedWorld } from './seed.ts'
import { readMarker, STATE_LAYOUT, writeMarker } from './seed-marker.ts'
import { type SeedPlan, seedPlan } from './seed-plan.ts'
import { type SeedStatus, writeSeedStatus } from './seed-status.ts'
import { waitForUrl } from './wait-for-url.ts'
import { buildSeed } from './world-build.ts'
import { parseWorldRate, startWorldClock } from './world-rate.ts'
import { WRANGLER_OFFLINE_ENV } from './wrangler-offline.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const EDGE_PORT = Number(process.env.EDGE_PORT ?? 8787)
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173)
const EDGE_URL = `http://127.0.0.1:${EDGE_PORT}`
const WEB_URL = `http://localhost:${WEB_PORT}`
const READY_TIMEOUT_MS = 120_000
const STATE_DIR = resolve(ROOT, '.wrangler', 'state')
const SEED_MARKER = resolve(STATE_DIR, 'for-you-edge-seed.json')
// Served by Vite (web/public), read by the page's health panel; git-ignored.
const SEED_STATUS = resolve(ROOT, 'web', 'public', 'seed-status.json')

const { values: flags } = parseArgs({
  options: {
    reseed: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    'world-seed': { type: 'string' },
    'world-rate': { type: 'string' },
  },
})
const worldRate = parseWorldRate(flags['world-rate'], process.env.WORLD_RATE)
if (typeof worldRate === 'string') {
  console.error(worldRate)
  process.exit(2)
}
const worldSeedNumber = flags['world-seed'] === undefined ? DEFAULT_SEED : Number(flags['world-seed'])
if (!Number.isSafeInteger(worldSeedNumber)) {
  console.error(`--world-seed must be an integer, got ${flags['world-seed']}`)
  process.exit(2)
}
for (const [name, port] of [
  ['EDGE_PORT', EDGE_PORT],
  ['WEB_PORT', WEB_PORT],
] as const) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${process.env[name]}`)
    process.exit(2)
  }
}
// Before anything is spawned or written: a busy port would otherwise fail deep inside workerd.
const busy = await busyPorts([
  { variable: 'EDGE_PORT', port: EDGE_PORT, hosts: ['127.0.0.1'] },
  { variable: 'WEB_PORT', port: WEB_PORT, hosts: ['127.0.0.1', '::1'] },
])
if (busy.length > 0) {
  console.error(busyPortMessage(busy))
  process.exit(1)
}

// While seeding, wrangler's one line per request and per queue batch would bury the progress: dropped.
let seeding = false
const SEEDER_REQUEST = /\[wrangler:info\] ((GET|POST) \/v1\/admin\/|QUEUE fye-post-ingest )/
const children = childSet(ROOT, (line) => seeding && SEEDER_REQUEST.test(line))
let status: SeedStatus | undefined
const setStatus = (next: SeedStatus) => {
  status = next
  writeSeedStatus(SEED_STATUS, next)
}
const onSignal = () => {
  if (status?.state === 'seeding' || status?.state === 'building')
    setStatus({ ...status, state: 'stopped', updatedAt: Date.now() })
  children.stop(0)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

if (flags.fresh) {
  rmSync(STATE_DIR, { recursive: true, force: true })
  console.log(`  --fresh: removed ${STATE_DIR}`)
}
const vars = ensureDevVars(resolve(ROOT, '.dev.vars'))
if (vars.written.length > 0) console.log(`  wrote ${vars.written.join(' and ')} to .dev.vars`)
if (existsSync(SEED_MARKER) && flags.reseed) console.log('  --reseed: sending the world again')

/** Seconds a local start lets a queued Grox task wait (wrangler.toml ships upstream's 900). */
const LOCAL_GROX_TASK_DEADLINE_S = 21_600

const marker = readMarker(SEED_MARKER)
const startedAt = Date.now()
const plan: SeedPlan = seedPlan({
  marker,
  worldSeed: worldSeedNumber,
  now: startedAt,
  reseed: flags.reseed,
  noSeed: flags['no-seed'],
})
const mustSeed = plan.kind !== 'none'
// Written before Vite starts, so the page never sees a stale file from an earlier start.
setStatus(
  mustSeed
    ? { state: 'building', done: 0, total: 0, startedAt, updatedAt: startedAt }
    : {
        state: 'done',
        done: 0,
        total: 0,
        startedAt,
        updatedAt: startedAt,
        message: flags['no-seed'] ? 'not seeded (--no-seed)' : 'seeded by an earlier start',
      },
)

children.run(
  'edge',
  [
    'wrangler',
    'dev',
    '--port',
    String(EDGE_PORT),
    '--ip',
    '127.0.0.1',
    '--show-interactive-dev-session=false',
    // The seed hands Grox ~25k posts at once, more than it runs in the 900 s task deadline on 2 cores;
    // locally their tasks wait in the dispatcher's queue for up to 6 h instead of expiring unrun.
    '--var',
    `GROX_TASK_DEADLINE_S:${LOCAL_GROX_TASK_DEADLINE_S}`,
  ],
  WRANGLER_OFFLINE_ENV,
)
children.run('web', ['vite', '--port', String(WEB_PORT), '--strictPort'], {
  EDGE_URL,
  WEB_PORT: String(WEB_PORT),
})

async function waitFor(url: string, label: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  if ((await waitForUrl(url, { deadline, keepWaiting: () => !children.stopping })) || children.stopping)
    return
  throw new Error(`${label} did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s`)
}

async function seedInBackground(seed: WorldSeed, plan: Exclude<SeedPlan, { kind: 'none' }>): Promise<void> {
  const started = Date.now()
  seeding = true
  try {
    const report = await seedWorld(EDGE_URL, vars.values.ADMIN_TOKEN, seed, {
      now: started,
      anchor: plan.anchor,
      ...(plan.kind === 'reanchor' ? { stages: ['posts', 'engagements'] as const } : {}),
      onTotal: (stage, done, total) => {
        // At most one file write per second; the page polls every 2 s.
        if (status === undefined || Date.now() - status.updatedAt < 1000) return
        setStatus({ state: 'seeding', stage, done, total, startedAt: started, updatedAt: Date.now() })
      },
    })
    const invalid = Object.values(report.invalid).reduce((a, b) => a + b, 0)
    const total = seed.accounts.length + seed.follows.length + seed.posts.length + seed.engagements.length
    setStatus({ state: 'done', done: total, total, startedAt: started, updatedAt: Date.now() })
    console.log(
      `  world ${plan.kind === 'reanchor' ? 're-anchored' : 'seeded'} in ${(report.ms / 1000).toFixed(0)} s: ` +
        `accounts +${report.accounts.created}, ` +
        `follows +${report.follows.added}, posts +${report.posts.created} (${report.posts.existing} already there), ` +
        `engagements +${report.engagements.added}` +
        (invalid > 0 ? `; ${invalid} seed items failed validation and were skipped` : ''),
    )
    const missing = report.eventsUnconfirmed ?? 0
    if (missing > 0)
      console.log(
        `  but ${missing} post events are not yet applied to Thunder (of ${report.posts.published} sent): ` +
          'the local queue stopped delivering (seen on a loaded machine); the post stores re-send them, ' +
          'and restarting `npm start` un-sticks the queue',
      )
    if (report.posts.published > 0)
      console.log(
        '  content labels and retrieval embeddings of the new posts follow in the background (Grox)',
      )
    writeMarker(SEED_MARKER, {
      worldSeed: worldSeedNumber,
      stateLayout: STATE_LAYOUT,
      // The world's anchor never moves: its posts recur every 48 h from it (edge/seed/world-period.ts).
      seededAt: plan.anchor,
      anchoredAt: started,
      demoHandles: demoHandles(seed),
      posts: seed.posts.length,
      accounts: seed.accounts.length,
    })
  } finally {
    seeding = false
  }
}

/** After the ready line: build the world (seconds of CPU, so not before the page answers), then seed it. */
async function buildAndSeed(plan: Exclude<SeedPlan, { kind: 'none' }>): Promise<void> {
  const t = Date.now()
  const seed = buildSeed(worldSeedNumber)
  console.log(
    `  world ${worldSeedNumber}: ${seed.accounts.length} accounts, ${seed.follows.length} follows, ` +
      `${seed.posts.length} posts, ${seed.engagements.length} engagements ` +
      `(built in ${((Date.now() - t) / 1000).toFixed(1)} s); demo users once seeded: ` +
      demoHandles(seed)
        .map((h) => `@${h}`)
        .join(', '),
  )
  await seedInBackground(seed, plan)
}

try {
  if (marker !== undefined && plan.kind !== 'seed' && !flags['no-seed']) {
    const ageH = (startedAt - (marker.anchoredAt ?? marker.seededAt)) / 3600_000
    console.log(
      `  world ${marker.worldSeed} (${marker.accounts} accounts, ${marker.posts} posts) brought up to date ` +
        `${ageH.toFixed(1)} h ago; ` +
        (plan.kind === 'reanchor' ? 'sending the posts live now (re-anchoring)' : 'not sending it again'),
    )
  }
  await Promise.all([waitFor(`${EDGE_URL}/v1/health`, 'edge'), waitFor(WEB_URL, 'web')])
  const handles = plan.kind === 'seed' ? [] : (marker?.demoHandles ?? [])
  console.log('')
  console.log(`  For You Edge is ready: ${WEB_URL}  (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`)
  console.log(`  edge API: ${EDGE_URL}/v1 (also proxied at ${WEB_URL}/v1; OpenAPI at /v1/openapi.json)`)
  if (handles.length > 0) console.log(`  demo users: ${handles.map((h) => `@${h}`).join(', ')}`)
  if (mustSeed)
    console.log('  building and seeding the world in the background; progress here and in the page')
  // The page works without the clock, so a failure to set it is reported, not fatal.
  console.log(
    `  ${await startWorldClock(EDGE_URL, vars.values.ADMIN_TOKEN, worldRate).catch((e: unknown) => `world clock not set: ${e instanceof Error ? e.message : e}`)}`,
  )
  // A seeder stopped mid-way leaves Grox paused (edge/seed/seed-grox-pause.ts); seeding pauses it again.
  await setGroxDrain({ fetch }, EDGE_URL, vars.values.ADMIN_TOKEN, false).catch((e: unknown) =>
    console.log(`  content understanding (Grox) not resumed: ${e instanceof Error ? e.message : e}`),
  )
  console.log('  Ctrl-C stops both.')
  console.log('')
  if (plan.kind !== 'none') {
    // Lets the ready line reach the terminal before the build holds the event loop.
    await new Promise((r) => setImmediate(r))
    // After the ready line a failed seeding leaves the app running: the page and this line say so.
    await buildAndSeed(plan).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e)
      if (status !== undefined) setStatus({ ...status, state: 'failed', updatedAt: Date.now(), message })
      console.error(`  seeding failed: ${message}; \`npm start -- --reseed\` tries again`)
    })
  }
} catch (e) {
  const message = e instanceof Error ? e.message : String(e)
  if (status?.state === 'seeding' || status?.state === 'building')
    setStatus({ ...status, state: 'failed', updatedAt: Date.now(), message })
  console.error(message)
  children.stop(1)
}
