import { fileURLToPath } from 'node:url'
import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Resolve from this file so the suite runs the same from the repo root or from edge/.
const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run inside workerd with the real bindings from wrangler.toml (Queue, SQLite DO).
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: fromHere('../wrangler.toml') } })],
  test: {
    name: 'edge',
    root: fromHere('.'),
    include: ['**/*.test.ts'],
  },
})
