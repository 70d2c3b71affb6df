import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { progressLines, type SeedStatus, writeSeedStatus } from './seed-status.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('progressLines (output not on a terminal)', () => {
  it('reads the total afresh on every report when given a function (the seeder announces it per stage)', () => {
    let total = 100
    const lines: string[] = []
    const report = progressLines(
      (l) => lines.push(l),
      () => total,
      0,
    )
    report('accounts', 0)
    total = 120
    report('follows', 60)
    report('follows', 120)
    expect(lines).toEqual([
      '  seeding 0% (0/100), last batch: accounts',
      '  seeding 50% (60/120), last batch: follows',
      '  seeding 100% (120/120), last batch: follows',
    ])
  })

  it('prints plain lines: the first report, then at most one per interval, and the last once', () => {
    vi.useFakeTimers()
    vi.setSystemTime(1_000_000)
    const lines: string[] = []
    const report = progressLines((l) => lines.push(l), 200, 5000)
    report('accounts', 0)
    report('posts', 20) // a stage change alone prints nothing: the paths interleave
    vi.setSystemTime(1_004_999)
    report('follows', 50)
    vi.setSystemTime(1_005_000)
    report('follows', 60)
    report('posts', 200) // complete: printed at once
    report('engagements', 200)
    expect(lines).toEqual([
      '  seeding 0% (0/200), last batch: accounts',
      '  seeding 30% (60/200), last batch: follows',
      '  seeding 100% (200/200), last batch: posts',
    ])
    // No carriage returns or escape sequences: those are a terminal bar's.
    expect(lines.join('').includes('\r') || lines.join('').includes(String.fromCharCode(27))).toBe(false)
  })
})

describe('writeSeedStatus', () => {
  it('writes the JSON the page reads and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fye-seed-status-'))
    const path = join(dir, 'public', 'seed-status.json')
    const status: SeedStatus = {
      state: 'seeding',
      stage: 'posts',
      done: 5,
      total: 9,
      startedAt: 1,
      updatedAt: 2,
    }
    writeSeedStatus(path, status)
    writeSeedStatus(path, { ...status, state: 'done', done: 9 })
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ...status, state: 'done', done: 9 })
    expect(readdirSync(join(dir, 'public'))).toEqual(['seed-status.json'])
  })
})
