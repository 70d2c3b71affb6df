// Browser tests against the Vite dev server and a real edge (wrangler dev on a test port, fresh storage,
// seeded in global-setup.ts), in Debian's Chromium (browsers cannot be downloaded here).
// `--enable-unsafe-webgpu` alone yields a SwiftShader WebGPU adapter headless.
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { BASE_ARGS, WEBGPU_ARGS } from './chromium-args'
import { E2E_EDGE, WRANGLER_OFFLINE, wranglerDevCommand } from './e2e-env'

const port = Number(process.env.WEB_PORT ?? 5183)
const root = fileURLToPath(new URL('..', import.meta.url))
const baseURL = `http://127.0.0.1:${port}`
const serve = `--host 127.0.0.1 --port ${port} --strictPort`
// FYE_E2E_PREVIEW=1 runs the same specs against a production-optimised build (vite build + preview) in
// `test` mode: the only difference from `npm run build:web` is that the window.__fye hooks are included.
const webCommand =
  process.env.FYE_E2E_PREVIEW === '1'
    ? `npx vite build --mode test && npx vite preview ${serve}`
    : `npx vite ${serve}`

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // 2-core machines: ORT wasm compiles take 1–2 s per worker and SwiftShader WebGPU is slow.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    navigationTimeout: 60_000,
    launchOptions: { executablePath: '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS] },
  },
  // Started in order: the edge first, then Vite, which proxies /v1 to it (EDGE_URL).
  webServer: [
    {
      command: wranglerDevCommand(),
      cwd: root,
      url: `${E2E_EDGE.url}/v1/health`,
      env: WRANGLER_OFFLINE,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: webCommand,
      cwd: root,
      url: baseURL,
      env: { WEB_PORT: String(port), EDGE_URL: E2E_EDGE.url, FYE_NO_HMR: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
