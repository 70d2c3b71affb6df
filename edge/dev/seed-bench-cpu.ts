// CPU seconds of the local runtime's processes (wrangler's node and workerd), read from /proc, so the seed
// bench can tell whether seeding is CPU-bound (workerd runs the Worker's JavaScript on one thread) or waits.
import { readdirSync, readFileSync } from 'node:fs'

const TICKS_PER_S = 100

interface Proc {
  pid: number
  ppid: number
  comm: string
  cpuS: number
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm is in parentheses and may hold spaces: fields after the last ')' are space-separated.
    const close = stat.lastIndexOf(')')
    const comm = stat.slice(stat.indexOf('(') + 1, close)
    const rest = stat
      .slice(close + 2)
      .split(' ')
      .map(Number)
    // rest[0] is state (NaN), rest[1] ppid, rest[11] utime, rest[12] stime (fields 4, 14, 15 of stat).
    return { pid, ppid: rest[1] ?? 0, comm, cpuS: ((rest[11] ?? 0) + (rest[12] ?? 0)) / TICKS_PER_S }
  } catch {
    return undefined
  }
}

function allProcs(): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => readProc(Number(d)) ?? [])
}

/** The process whose command line holds `marker` (the bench's state folder) and all its descendants. */
export function runtimeTree(marker: string): Proc[] {
  const procs = allProcs()
  const roots = procs.filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(marker)
    } catch {
      return false
    }
  })
  const tree = new Map(roots.map((p) => [p.pid, p]))
  for (let grew = true; grew; ) {
    grew = false
    for (const p of procs)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.set(p.pid, p)
        grew = true
      }
  }
  return [...tree.values()]
}

/** CPU seconds used so far by workerd and by the rest of the runtime's processes (wrangler, esbuild). */
export function runtimeCpu(marker: string): { workerdS: number; wranglerS: number } {
  let workerdS = 0
  let wranglerS = 0
  for (const p of runtimeTree(marker)) {
    if (p.comm === 'workerd') workerdS += p.cpuS
    else wranglerS += p.cpuS
  }
  return { workerdS, wranglerS }
}
