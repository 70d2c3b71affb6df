// `wrangler dev` as its own process group on a given persistence folder, so a test can kill the whole local
// runtime (wrangler, workerd) at a chosen moment and start it again on the same state.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { waitForUrl } from './wait-for-url.ts'
import { ROOT, WRANGLER_OFFLINE_ENV } from './wrangler-offline.ts'

export interface LocalRuntime {
  base: string
  /** Kills the process group with SIGKILL (no shutdown handlers run) and waits until it is gone. */
  kill: () => Promise<void>
  /** What the runtime printed, for a failure message. */
  output: () => string
}

export interface LocalRuntimeOptions {
  persistTo: string
  port: number
  /** Worker vars (secrets included), passed with --var so no .dev.vars of the checkout is needed. */
  vars: Record<string, string>
  readyTimeoutMs?: number
  /** wrangler's log level (default warn); `info` adds a line per request and per queue batch. */
  logLevel?: 'warn' | 'info'
  /** Every line the runtime prints, as it comes. */
  onLine?: (line: string) => void
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => done(port))
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

/** Starts `wrangler dev` and resolves once `/v1/health` answers 200. */
export async function startLocalRuntime(opts: LocalRuntimeOptions): Promise<LocalRuntime> {
  const vars = Object.entries(opts.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])
  const child = spawn(
    resolve(ROOT, 'node_modules/.bin/wrangler'),
    [
      'dev',
      '--port',
      String(opts.port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      opts.persistTo,
      '--show-interactive-dev-session=false',
      '--log-level',
      opts.logLevel ?? 'warn',
      ...vars,
    ],
    {
      cwd: ROOT,
      // Its own process group: killing -pid takes workerd down with wrangler.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...WRANGLER_OFFLINE_ENV, NO_COLOR: '1' },
    },
  )
  let printed = ''
  let partial = ''
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000)
    if (opts.onLine === undefined) return
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) opts.onLine(line)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const kill = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    await exited(child)
  }
  const base = `http://127.0.0.1:${opts.port}`
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000)
  if (await waitForUrl(`${base}/v1/health`, { deadline, keepWaiting: () => child.exitCode === null }))
    return { base, kill, output: () => printed }
  await kill()
  throw new Error(`wrangler dev did not answer on ${base}:\n${printed}`)
}
