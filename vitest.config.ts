// Node-side unit tests: shared/ (isomorphic code) and models/. The edge has its own workerd config
// (edge/vitest.config.ts) and the browser tests run under Playwright (e2e/).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'models/**/*.test.ts'],
    environment: 'node',
  },
})
