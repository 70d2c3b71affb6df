import { fileURLToPath } from 'node:url'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Resolve from this file so the suite runs the same from the repo root or from edge/.
const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Test-only secrets (tests read them back from `env`); never used outside the workerd tests. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789'
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdef0123456789'

// Tests run inside workerd with the real bindings from wrangler.toml (Queues, SQLite DOs); the secrets
// come from here, and retries are immediate so dead-lettering can be observed in seconds.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fromHere('../wrangler.toml') },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: TEST_ADMIN_TOKEN,
          TOKEN_SECRET: TEST_TOKEN_SECRET,
          // wrangler.toml ships "production"; the tests exercise the dev-only routes too.
          ENVIRONMENT: 'dev',
          QUEUE_RETRY_BASE_DELAY_S: '0',
        },
      },
    }),
  ],
  test: {
    name: 'edge',
    root: fromHere('.'),
    include: ['**/*.test.ts'],
    // Every file ends only once the queue work it caused is handled and no alarm is left to fire.
    setupFiles: ['testing/settle-background-work.ts'],
    // dev/ holds the Node-only npm start scripts; their tests run in Node (shared/vitest.config.ts).
    exclude: ['**/node_modules/**', 'dev/**'],
    // obscenity's ESM entry default-imports its CommonJS build, which workerd's module loader cannot
    // interop; pre-bundling it with esbuild (as wrangler's bundle does) makes it loadable in the tests.
    deps: { optimizer: { ssr: { enabled: true, include: ['obscenity'] } } },
  },
})
