// The processes `npm start` runs (wrangler dev, Vite), each in its own process group so stopping also
// stops workerd / esbuild grandchildren. Any child exiting on its own stops everything with status 1.
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ChildSet {
  run(label: string, args: string[], env: Record<string, string>): ChildProcess
  /** Stops every child, then exits with `code` (non-zero when the start failed). */
  stop(code: number): void
  readonly stopping: boolean
}

/** `hideLine` drops a child's output line (e.g. per-request logs that would bury seeding progress). */
export function childSet(root: string, hideLine: (line: string) => boolean = () => false): ChildSet {
  const children: ChildProcess[] = []
  let stopping = false
  const signalAll = (signal: NodeJS.Signals) => {
    for (const c of children) {
      if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) continue
      try {
        process.kill(-c.pid, signal)
      } catch {
        // already gone
      }
    }
  }
  const set: ChildSet = {
    get stopping() {
      return stopping
    },
    run(label, args, env) {
      const child = spawn('npx', args, {
        cwd: root,
        env: { ...process.env, ...env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      for (const stream of [child.stdout, child.stderr])
        createInterface({ input: stream }).on('line', (line) => {
          if (!hideLine(line)) console.log(`[${label}] ${line}`)
        })
      child.on('exit', (code, signal) => {
        if (stopping) return
        console.error(`[${label}] exited (${signal ?? code}); stopping everything`)
        set.stop(1)
      })
      children.push(child)
      return child
    },
    stop(code) {
      if (stopping) return
      stopping = true
      // Set now: once the children are gone nothing keeps the event loop alive, and Node would exit 0.
      process.exitCode = code
      signalAll('SIGTERM')
      setTimeout(() => {
        signalAll('SIGKILL')
        process.exit(code)
      }, 1500).unref()
    },
  }
  return set
}
