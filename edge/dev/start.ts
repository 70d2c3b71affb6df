// npm start — the edge Worker (wrangler dev, local and offline) and the web app (Vite, proxying /v1 to the
// edge) together, with the synthetic world seeded into the local deployment. Prints the URL and demo
// handles once everything answers; Ctrl-C stops both.
//   npm start                 reuse local state; seed only when this state has not been seeded yet
//   npm start -- --reseed     send the world again (idempotent: nothing is duplicated)
//   npm start -- --fresh      wipe the local state (.wrangler/state), then seed a world relative to now
//   npm start -- --no-seed    start empty
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { DEFAULT_SEED, PRESETS, worldConfig } from '../../models/world/config.ts'
import { buildWorldSeed, DEFAULT_SEED_OPTIONS } from '../../models/world/export-seed.ts'
import { SessionSampler } from '../../models/world/sessions.ts'
import { generateWorld } from '../../models/world/world.ts'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { ensureDevVars } from './dev-vars.ts'
import { demoHandles, seedWorld } from './seed.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const EDGE_PORT = Number(process.env.EDGE_PORT ?? 8787)
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173)
const EDGE_URL = `http://127.0.0.1:${EDGE_PORT}`
const WEB_URL = `http://localhost:${WEB_PORT}`
const READY_TIMEOUT_MS = 120_000
const STATE_DIR = resolve(ROOT, '.wrangler', 'state')
// Lives next to the data it describes, so wiping the state also forgets the seeding.
const SEED_MARKER = resolve(STATE_DIR, 'for-you-edge-seed.json')
// Seeded posts span the 48 h before seeding; after a day most of them have left Thunder's window.
const STALE_SEED_MS = 24 * 3600_000

// No outbound connections from wrangler: no metrics, no Request.cf fetch.
const offline = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }

interface SeedMarker {
  worldSeed: number
  seededAt: number
  demoHandles: string[]
  posts: number
  accounts: number
}

const { values: flags } = parseArgs({
  options: {
    reseed: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    'world-seed': { type: 'string' },
  },
})
const worldSeedNumber = flags['world-seed'] === undefined ? DEFAULT_SEED : Number(flags['world-seed'])
if (!Number.isSafeInteger(worldSeedNumber)) {
  console.error(`--world-seed must be an integer, got ${flags['world-seed']}`)
  process.exit(2)
}

const children: ChildProcess[] = []
let stopping = false
// While seeding, wrangler's one line per request and per queue batch would bury the progress bar: dropped.
let seeding = false
const SEEDER_REQUEST = /\[wrangler:info\] ((GET|POST) \/v1\/admin\/|QUEUE fye-post-ingest )/

function run(label: string, args: string[], env: Record<string, string>): ChildProcess {
  // Own process group, so stopping also stops workerd / esbuild grandchildren.
  const child = spawn('npx', args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) => {
        if (seeding && SEEDER_REQUEST.test(line)) return
        console.log(`[${label}] ${line}`)
      })
  }
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`[${label}] exited (${signal ?? code}); stopping everything`)
    stop(1)
  })
  children.push(child)
  return child
}

function stop(code: number): void {
  if (stopping) return
  stopping = true
  for (const c of children) {
    if (c.pid === undefined || c.exitCode !== null) continue
    try {
      process.kill(-c.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  // Give them a moment to exit cleanly, then make sure.
  setTimeout(() => {
    for (const c of children) {
      if (c.pid !== undefined && c.exitCode === null) {
        try {
          process.kill(-c.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
    process.exit(code)
  }, 1500).unref()
}

async function waitFor(url: string, label: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`${label} did not answer at ${url} within ${READY_TIMEOUT_MS / 1000} s`)
}

function readMarker(): SeedMarker | undefined {
  try {
    return JSON.parse(readFileSync(SEED_MARKER, 'utf8')) as SeedMarker
  } catch {
    return undefined
  }
}

/** The same edge seed `npm run models:world` writes, built in memory (a few seconds, no files). */
function buildSeed(seedNumber: number): WorldSeed {
  const world = generateWorld(worldConfig('default', seedNumber))
  const sampler = new SessionSampler(world, PRESETS.default.split)
  return buildWorldSeed(world, sampler, DEFAULT_SEED_OPTIONS)
}

async function seedIfNeeded(adminToken: string): Promise<string[]> {
  const marker = readMarker()
  if (flags['no-seed']) return marker?.demoHandles ?? []
  if (marker !== undefined && marker.worldSeed === worldSeedNumber && !flags.reseed) {
    const ageH = (Date.now() - marker.seededAt) / 3600_000
    console.log(
      `  world ${marker.worldSeed} already seeded ${ageH.toFixed(1)} h ago ` +
        `(${marker.accounts} accounts, ${marker.posts} posts); not sending it again`,
    )
    if (Date.now() - marker.seededAt > STALE_SEED_MS)
      console.log('  its posts are ageing out of the 48 h window: `npm start -- --fresh` seeds a new one')
    return marker.demoHandles
  }
  const started = Date.now()
  const seed = buildSeed(worldSeedNumber)
  console.log(
    `  world ${worldSeedNumber}: ${seed.accounts.length} accounts, ${seed.follows.length} follows, ` +
      `${seed.posts.length} posts, ${seed.engagements.length} engagements ` +
      `(built in ${((Date.now() - started) / 1000).toFixed(1)} s); seeding ${EDGE_URL} …`,
  )
  seeding = true
  const report = await seedWorld(EDGE_URL, adminToken, seed, { progress: true }).finally(() => {
    seeding = false
  })
  const invalid = Object.values(report.invalid).reduce((a, b) => a + b, 0)
  console.log(
    `  seeded in ${(report.ms / 1000).toFixed(0)} s: accounts +${report.accounts.created}, ` +
      `follows +${report.follows.added}, posts +${report.posts.created} (${report.posts.existing} already there), ` +
      `engagements +${report.engagements.added}` +
      (invalid > 0 ? `; ${invalid} seed items failed validation and were skipped` : ''),
  )
  const handles = demoHandles(seed)
  const next: SeedMarker = {
    worldSeed: worldSeedNumber,
    // A reseed keeps the original time: the posts keep the times they were first stored with.
    seededAt: marker?.worldSeed === worldSeedNumber ? marker.seededAt : started,
    demoHandles: handles,
    posts: seed.posts.length,
    accounts: seed.accounts.length,
  }
  mkdirSync(STATE_DIR, { recursive: true })
  writeFileSync(SEED_MARKER, `${JSON.stringify(next, null, 2)}\n`)
  return handles
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

if (flags.fresh) {
  rmSync(STATE_DIR, { recursive: true, force: true })
  console.log(`  --fresh: removed ${STATE_DIR}`)
}
const vars = ensureDevVars(resolve(ROOT, '.dev.vars'))
if (vars.written.length > 0) console.log(`  wrote ${vars.written.join(' and ')} to .dev.vars`)
if (existsSync(SEED_MARKER) && flags.reseed) console.log('  --reseed: sending the world again')

run(
  'edge',
  [
    'wrangler',
    'dev',
    '--port',
    String(EDGE_PORT),
    '--ip',
    '127.0.0.1',
    '--show-interactive-dev-session=false',
  ],
  offline,
)
run('web', ['vite', '--port', String(WEB_PORT), '--strictPort'], { EDGE_URL, WEB_PORT: String(WEB_PORT) })

try {
  await Promise.all([waitFor(`${EDGE_URL}/v1/health`, 'edge'), waitFor(WEB_URL, 'web')])
  const handles = await seedIfNeeded(vars.values.ADMIN_TOKEN)
  console.log('')
  console.log(`  For You Edge is ready: ${WEB_URL}`)
  console.log(`  edge API: ${EDGE_URL}/v1 (also proxied at ${WEB_URL}/v1; OpenAPI at /v1/openapi.json)`)
  if (handles.length > 0) console.log(`  demo users: ${handles.map((h) => `@${h}`).join(', ')}`)
  console.log('  Ctrl-C stops both.')
  console.log('')
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  stop(1)
}
