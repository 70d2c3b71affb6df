// npm start — the edge Worker (wrangler dev, local and offline) and the web app (Vite, proxying /v1 to the
// edge) together; prints the URL once both answer; Ctrl-C stops both.
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const EDGE_PORT = Number(process.env.EDGE_PORT ?? 8787)
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173)
const EDGE_URL = `http://127.0.0.1:${EDGE_PORT}`
const WEB_URL = `http://localhost:${WEB_PORT}`
const READY_TIMEOUT_MS = 120_000

// No outbound connections from wrangler: no metrics, no Request.cf fetch.
const offline = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }

const children: ChildProcess[] = []
let stopping = false

function run(label: string, args: string[], env: Record<string, string>): ChildProcess {
  // Own process group, so stopping also stops workerd / esbuild grandchildren.
  const child = spawn('npx', args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`))
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

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

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
  console.log('')
  console.log(`  For You Edge is running: ${WEB_URL}`)
  console.log(`  edge API: ${EDGE_URL}/v1 (also proxied at ${WEB_URL}/v1)`)
  console.log('  Ctrl-C stops both.')
  console.log('')
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  stop(1)
}
