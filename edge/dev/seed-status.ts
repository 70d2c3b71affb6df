// Seeding progress for the page: `npm start` seeds in the background after the ready line and writes its
// progress to a static file Vite serves (web/public/seed-status.json, git-ignored). Static and same-origin:
// nothing is added to the Worker's public surface, and it holds only counts.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SeedStage } from '../seed/seed-world'

export type SeedState = 'building' | 'seeding' | 'done' | 'failed' | 'stopped'

/** The file's content; the web panel (web/src/health/seed-status.ts) reads the same shape. */
export interface SeedStatus {
  state: SeedState
  stage?: SeedStage
  /** Items sent and items in the world, over all stages. */
  done: number
  total: number
  /** Epoch ms. */
  startedAt: number
  updatedAt: number
  message?: string
}

/** Writes the status atomically (write, then rename), so the page never reads half a file. */
export function writeSeedStatus(path: string, status: SeedStatus): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.tmp`
  writeFileSync(tmp, `${JSON.stringify(status)}\n`)
  renameSync(tmp, path)
}

/**
 * Progress as plain lines (output not on a terminal): the first report, then at most one every `everyMs`,
 * and the last. Stages interleave (the user and post paths run side by side), so the stage is only named.
 */
export function progressLines(
  write: (line: string) => void,
  totalOf: number | (() => number),
  everyMs = 5000,
): (stage: SeedStage, done: number) => void {
  let lastAt: number | undefined
  let finished = false
  return (stage, done) => {
    const total = typeof totalOf === 'number' ? totalOf : totalOf()
    const now = Date.now()
    const complete = done >= total
    if (finished || (lastAt !== undefined && now - lastAt < everyMs && !complete)) return
    lastAt = now
    finished = complete
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100)
    write(`  seeding ${pct}% (${done}/${total}), last batch: ${stage}`)
  }
}
