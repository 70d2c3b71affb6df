// `npm run types:env` writes edge/worker-configuration.d.ts, the Worker's bindings, with `wrangler types`
// from wrangler.toml. `npm run check:env` (part of `npm run check`) regenerates it and fails when the
// committed file differs, so a binding added to wrangler.toml without regenerating is caught.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ROOT, runWrangler } from './wrangler-offline.ts'

export const ENV_TYPES_FILE = 'edge/worker-configuration.d.ts'

const WRANGLER_TYPES_ARGS = [
  'types',
  ENV_TYPES_FILE,
  // Runtime types come from @cloudflare/workers-types (pinned in package.json); a second copy would clash.
  '--include-runtime',
  'false',
  // Vars as `string`, not their wrangler.toml literals: tests and deployments set other values.
  '--strict-vars',
  'false',
  // edge/env.ts exports the `Env` the code uses (typed queues, optional secrets) on top of this one.
  '--env-interface',
  'WranglerEnv',
  // Secrets are declared in edge/env.ts: without this, wrangler would read whatever .dev.vars this
  // checkout happens to have and the file would differ between machines.
  '--env-file',
  '/dev/null',
]

/** Runs `wrangler types` into ENV_TYPES_FILE and returns the file's new text. */
function generate(): string {
  // Nor may the shell's variables become secrets (wrangler adds them when this is true).
  const run = runWrangler(WRANGLER_TYPES_ARGS, { CLOUDFLARE_INCLUDE_PROCESS_ENV: 'false' })
  if (run.status !== 0) {
    console.error(run.output)
    throw new Error(`wrangler types exited with ${run.status}`)
  }
  return readFileSync(resolve(ROOT, ENV_TYPES_FILE), 'utf8')
}

function readCommitted(): string | undefined {
  try {
    return readFileSync(resolve(ROOT, ENV_TYPES_FILE), 'utf8')
  } catch {
    return undefined
  }
}

/** The first line where two texts differ, for the failure message. */
function firstDifference(before: string, after: string): string {
  const a = before.split('\n')
  const b = after.split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i])
      return `line ${i + 1}:\n  committed: ${a[i] ?? '(none)'}\n  generated: ${b[i] ?? '(none)'}`
  return '(none)'
}

function main(): void {
  const checkOnly = process.argv.includes('--check')
  const committed = readCommitted()
  const generated = generate()
  if (!checkOnly) {
    console.log(`wrote ${ENV_TYPES_FILE} from wrangler.toml`)
    return
  }
  if (committed === generated) {
    console.log(`${ENV_TYPES_FILE} matches wrangler.toml`)
    return
  }
  // --check never changes the tree: put the committed text back.
  if (committed === undefined) {
    rmSync(resolve(ROOT, ENV_TYPES_FILE))
    console.error(`${ENV_TYPES_FILE} is missing.`)
  } else {
    writeFileSync(resolve(ROOT, ENV_TYPES_FILE), committed)
    console.error(`${ENV_TYPES_FILE} is stale (${firstDifference(committed, generated)})`)
  }
  console.error('Run `npm run types:env` and commit the result.')
  process.exitCode = 1
}

main()
