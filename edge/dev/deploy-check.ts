// `npm run deploy:check [-- --plan free|paid]`: builds the Worker exactly as `wrangler deploy` would
// (`--dry-run --outdir`, offline, no account needed) and checks the bundle and the static assets against
// Cloudflare's limits (edge/dev/deploy-limits.ts), and the vars it would ship against the rule that no
// dev-only route is deployed (edge/dev/deploy-vars.ts). Exits non-zero when something is over or unsafe.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bundleSize, checkDeployLimits, type WorkersPlan } from './deploy-limits.ts'
import { deployedVars, devOnlyRouteFindings } from './deploy-vars.ts'
import { bundleModules, uploadedAssets } from './dry-run-output.ts'
import { runWrangler } from './wrangler-offline.ts'

function main(): void {
  const { values } = parseArgs({ options: { plan: { type: 'string', default: 'free' } } })
  if (values.plan !== 'free' && values.plan !== 'paid') {
    console.error(`deploy:check: --plan must be free or paid, not ${values.plan}`)
    process.exitCode = 2
    return
  }
  const plan: WorkersPlan = values.plan
  const outdir = mkdtempSync(join(tmpdir(), 'fye-deploy-check-'))
  try {
    const run = runWrangler(['deploy', '--dry-run', '--outdir', outdir], { WRANGLER_LOG: 'debug' })
    if (run.status !== 0) {
      console.error(run.output)
      console.error(`deploy:check: wrangler deploy --dry-run exited with ${run.status}`)
      process.exitCode = 1
      return
    }
    const report = checkDeployLimits(bundleSize(bundleModules(outdir)), uploadedAssets(run.output), plan)
    for (const line of report.lines) console.log(line)
    const unsafe = devOnlyRouteFindings(deployedVars(run.output))
    for (const failure of report.failures) console.error(`over the limit: ${failure}`)
    for (const finding of unsafe) console.error(`dev-only route in the deploy: ${finding}`)
    if (report.failures.length > 0 || unsafe.length > 0) {
      process.exitCode = 1
      return
    }
    console.log('deploy:check: within the limits, no dev-only route enabled')
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

main()
