// The npm start seeder: loads a WorldSeed into a running deployment through the admin ingest API with a
// progress bar on a terminal and plain progress lines otherwise. `seedWorld` is what edge/dev/start.ts calls; run alone it seeds from a JSON file:
//   tsx edge/dev/seed.ts <world-seed.json> [base-url]     (ADMIN_TOKEN from the environment or .dev.vars)
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import cliProgress from 'cli-progress'
import { type WorldSeed, worldSeedSchema } from '../../shared/types/world-seed.ts'
import { demoHandles } from '../seed/seed-batches'
import { loadWorld, type SeedOptions, type SeedReport, type SeedStage } from '../seed/seed-world'
import { readDevVars } from './dev-vars.ts'
import { progressLines } from './seed-status.ts'

export { demoHandles }

export interface SeedWorldOptions extends Omit<SeedOptions, 'onProgress'> {
  /** A bar on stderr, plain lines on stdout, or nothing (default: a bar when stderr is a terminal, else lines). */
  progress?: 'bar' | 'lines' | 'none'
  /** Items sent so far over all stages, after every batch. */
  onTotal?: (stage: SeedStage, done: number, total: number) => void
}

/** Seeds `seed` into the deployment at `baseUrl`; idempotent, so a second run changes nothing. */
export async function seedWorld(
  baseUrl: string,
  adminToken: string,
  seed: WorldSeed,
  opts: SeedWorldOptions = {},
): Promise<SeedReport> {
  const mode = opts.progress ?? (process.stderr.isTTY === true ? 'bar' : 'lines')
  const showBar = mode === 'bar'
  // The seed's own counts until the seeder reports each stage's total before its first batch: it sends more
  // follows than the seed lists (each follow_author engagement's follow goes with the follower's follows).
  const totals: Record<SeedStage, number> = {
    accounts: seed.accounts.length,
    follows: seed.follows.length,
    posts: seed.posts.length,
    engagements: seed.engagements.length,
  }
  const sumOf = (r: Record<SeedStage, number>) => Object.values(r).reduce((a, b) => a + b, 0)
  const bar = new cliProgress.SingleBar(
    {
      format: '  seeding {bar} {percentage}% | {value}/{total} | {stage}',
      hideCursor: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  )
  const finished: Record<SeedStage, number> = { accounts: 0, follows: 0, posts: 0, engagements: 0 }
  const line =
    mode === 'lines'
      ? progressLines(
          (l) => console.log(l),
          () => sumOf(totals),
        )
      : undefined
  if (showBar) bar.start(sumOf(totals), 0, { stage: 'accounts' })
  try {
    return await loadWorld(baseUrl, adminToken, seed, {
      ...opts,
      onProgress: ({ stage, done, total: stageTotal }) => {
        finished[stage] = done
        totals[stage] = stageTotal
        const sum = sumOf(finished)
        const total = sumOf(totals)
        if (showBar) {
          bar.setTotal(total)
          bar.update(sum, { stage })
        }
        line?.(stage, sum)
        opts.onTotal?.(stage, sum, total)
      },
    })
  } finally {
    if (showBar) bar.stop()
  }
}

async function main(): Promise<void> {
  const [file, baseUrl = 'http://127.0.0.1:8787'] = process.argv.slice(2)
  if (file === undefined) throw new Error('usage: tsx edge/dev/seed.ts <world-seed.json> [base-url]')
  const token = process.env.ADMIN_TOKEN ?? readDevVars().ADMIN_TOKEN
  if (token === undefined) throw new Error('ADMIN_TOKEN is not set (environment or .dev.vars)')
  const seed = worldSeedSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  const report = await seedWorld(baseUrl, token, seed, {
    progress: process.stderr.isTTY === true ? 'bar' : 'lines',
  })
  console.log(JSON.stringify(report))
  console.log(`demo users: ${demoHandles(seed).join(', ')}`)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
