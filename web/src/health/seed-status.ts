// The world-seeding row: `npm start` seeds in the background and writes its progress to /seed-status.json
// (edge/dev/seed-status.ts). No file (e2e, a plain `vite`) means no row; polled until seeding ends.
import { ensureRow, setRow } from './panel'

interface SeedStatus {
  state: 'building' | 'seeding' | 'done' | 'failed' | 'stopped'
  stage?: string
  done: number
  total: number
  startedAt: number
  updatedAt: number
  message?: string
}

const POLL_MS = 2000

function isSeedStatus(v: unknown): v is SeedStatus {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return typeof s.state === 'string' && typeof s.done === 'number' && typeof s.total === 'number'
}

async function readStatus(url: string): Promise<SeedStatus | undefined> {
  try {
    const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } })
    // Vite answers unknown paths with index.html: only JSON counts.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined
    const body: unknown = await res.json()
    return isSeedStatus(body) ? body : undefined
  } catch {
    return undefined
  }
}

/** Text and row state for one status. */
export function describeSeeding(s: SeedStatus): { state: 'pending' | 'ok' | 'fail'; text: string } {
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 0
  switch (s.state) {
    case 'building':
      return { state: 'pending', text: 'building the world…' }
    case 'seeding':
      return { state: 'pending', text: `seeding ${pct}% (${s.done}/${s.total}), now: ${s.stage ?? '?'}` }
    case 'done':
      return { state: 'ok', text: s.message ?? `seeded (${s.total} items)` }
    case 'failed':
      return { state: 'fail', text: `seeding failed: ${s.message ?? 'see the npm start output'}` }
    case 'stopped':
      return { state: 'fail', text: `seeding stopped at ${pct}%: \`npm start -- --reseed\` finishes it` }
  }
}

/** Shows seeding progress while `npm start` seeds; does nothing when there is no status file. */
export async function watchSeeding(url = '/seed-status.json'): Promise<void> {
  for (;;) {
    const status = await readStatus(url)
    if (status === undefined) return
    ensureRow('seed-status', 'World seeding')
    const shown = describeSeeding(status)
    setRow('seed-status', shown.state, shown.text, {
      seedState: status.state,
      done: String(status.done),
      total: String(status.total),
    })
    if (status.state !== 'building' && status.state !== 'seeding') return
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}
