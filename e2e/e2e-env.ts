// The e2e run's own edge: a `wrangler dev` on a test port with fresh storage and test-only secrets. Values
// are made once, in the runner process, and reach the webServer commands, the global setup and the test
// workers through the environment (workers inherit it, so `??=` keeps the runner's values there).
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.FYE_E2E_EDGE_PORT ??= '8917'
process.env.FYE_E2E_INSPECTOR_PORT ??= '9331'
process.env.FYE_E2E_ADMIN_TOKEN ??= randomBytes(32).toString('hex')
process.env.FYE_E2E_TOKEN_SECRET ??= randomBytes(32).toString('hex')
process.env.FYE_E2E_PERSIST ??= mkdtempSync(join(tmpdir(), 'fye-e2e-edge-'))

export const E2E_EDGE = {
  port: Number(process.env.FYE_E2E_EDGE_PORT),
  inspectorPort: Number(process.env.FYE_E2E_INSPECTOR_PORT),
  url: `http://127.0.0.1:${process.env.FYE_E2E_EDGE_PORT}`,
  adminToken: process.env.FYE_E2E_ADMIN_TOKEN,
  tokenSecret: process.env.FYE_E2E_TOKEN_SECRET,
  persistTo: process.env.FYE_E2E_PERSIST,
}
// The page's Vite proxy and the specs' edgeIsUp() both read EDGE_URL.
process.env.EDGE_URL = E2E_EDGE.url

/** `wrangler dev` offline (no metrics, no cf fetch, no banner), ENVIRONMENT dev so dev-login answers. */
export function wranglerDevCommand(): string {
  const vars = [
    `ADMIN_TOKEN:${E2E_EDGE.adminToken}`,
    `TOKEN_SECRET:${E2E_EDGE.tokenSecret}`,
    'ENVIRONMENT:dev',
  ]
  return [
    'npx wrangler dev',
    `--port ${E2E_EDGE.port} --ip 127.0.0.1 --inspector-port ${E2E_EDGE.inspectorPort}`,
    `--persist-to ${E2E_EDGE.persistTo}`,
    '--show-interactive-dev-session=false',
    ...vars.map((v) => `--var ${v}`),
  ].join(' ')
}

export const WRANGLER_OFFLINE = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
}
