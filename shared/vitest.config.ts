// Node-side unit tests: shared/ (isomorphic code), models/ and the Node-only edge/dev scripts. The edge
// has its own workerd config (edge/vitest.config.ts) and the browser tests run under Playwright (e2e/).
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'unit',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['shared/**/*.test.ts', 'models/**/*.test.ts', 'edge/dev/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
  },
})
