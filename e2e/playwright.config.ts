// Browser smoke tests against the Vite dev server, in Debian's Chromium (browsers cannot be
// downloaded here). `--enable-unsafe-webgpu` alone yields a SwiftShader WebGPU adapter headless.
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { BASE_ARGS, WEBGPU_ARGS } from './chromium-args'

const port = Number(process.env.WEB_PORT ?? 5183)
const baseURL = `http://127.0.0.1:${port}`
const serve = `--host 127.0.0.1 --port ${port} --strictPort`
// FYE_E2E_PREVIEW=1 runs the same specs against a production-optimised build (vite build + preview) in
// `test` mode: the only difference from `npm run build:web` is that the window.__fye hooks are included.
const command =
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
  use: {
    baseURL,
    browserName: 'chromium',
    navigationTimeout: 60_000,
    launchOptions: { executablePath: '/usr/bin/chromium', args: [...BASE_ARGS, ...WEBGPU_ARGS] },
  },
  webServer: {
    command,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: baseURL,
    env: { WEB_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
