import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deployedVars, devOnlyRouteFindings } from './deploy-vars.ts'
import { runWrangler } from './wrangler-offline.ts'

// The binding table as wrangler 4.86 prints it on `deploy --dry-run`.
const LOG = `Your Worker has access to the following bindings:
Binding                                             Resource
env.USER_STATE (UserState)                          Durable Object
env.EVENTS (fye-events)                             Queue
env.MODEL_ASSETS                                    Assets
env.ENVIRONMENT ("dev")                             Environment Variable
env.THUNDER_SHARDS ("8")                            Environment Variable
--dry-run: exiting now.`

describe('deployedVars', () => {
  it('reads the plain-text vars from the binding table and nothing else', () => {
    expect(deployedVars(LOG)).toEqual({ ENVIRONMENT: 'dev', THUNDER_SHARDS: '8' })
    expect(deployedVars('no bindings here')).toEqual({})
  })
})

describe('devOnlyRouteFindings', () => {
  it.each(['dev', 'local'])('rejects ENVIRONMENT = %s, naming the route', (environment) => {
    const findings = devOnlyRouteFindings({ ENVIRONMENT: environment })
    expect(findings).toHaveLength(1)
    expect(findings[0]).toContain(`ENVIRONMENT = "${environment}"`)
    expect(findings[0]).toContain('/v1/auth/dev-login')
  })

  it.each(['production', 'staging', 'Dev', ''])('accepts ENVIRONMENT = "%s"', (environment) => {
    expect(devOnlyRouteFindings({ ENVIRONMENT: environment })).toEqual([])
  })

  it('rejects an ENVIRONMENT the dry run hides (wrangler hides --var values)', () => {
    const hidden = deployedVars('env.ENVIRONMENT ("(hidden)")                Environment Variable')
    expect(devOnlyRouteFindings(hidden)).toHaveLength(1)
  })

  it('accepts a configuration without ENVIRONMENT (the Worker then serves no dev route)', () => {
    expect(devOnlyRouteFindings({ THUNDER_SHARDS: '8' })).toEqual([])
  })
})

describe("the repository's deployable configuration", () => {
  it('ships ENVIRONMENT = production, so deploy:check passes the dev-route rule', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'fye-deploy-vars-'))
    try {
      const run = runWrangler(['deploy', '--dry-run', '--outdir', outdir])
      expect(run.status, run.output).toBe(0)
      const vars = deployedVars(run.output)
      expect(vars.ENVIRONMENT).toBe('production')
      expect(devOnlyRouteFindings(vars)).toEqual([])
    } finally {
      rmSync(outdir, { recursive: true, force: true })
    }
  }, 60_000)
})
