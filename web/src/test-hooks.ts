// Installs window.__fye: a narrow hook surface the Playwright specs drive. Loaded by main.ts only in dev and
// test-mode builds, so production bundles carry none of it.
import { runPhoenixCheck } from './phoenix/phoenix-check'
import { pickProviders } from './pool/backend'
import { clearCache, readCached, writeCached } from './pool/model-cache'
import { createOrtPool } from './pool/pool'
import type { Capabilities, LoadResult } from './pool/types'
import { runSmoke } from './smoke/smoke-check'
import { SMOKE_MODEL } from './smoke/smoke-model'
import type { FyeHooks } from './test-hooks-types'

export function installTestHooks(caps: Capabilities): FyeHooks {
  const hooks: FyeHooks = {
    caps,
    smokeModel: SMOKE_MODEL,
    pickProviders: (preference) => pickProviders(caps, preference),
    runSmoke,
    async loadModel(ref, providers) {
      const pool = createOrtPool({ size: 1 })
      try {
        const res = await pool.load(ref, providers)
        const result: LoadResult = res.ok ? res.results[0]! : res
        return result
      } finally {
        pool.terminate()
      }
    },
    async idbRoundTrip(key, bytes) {
      const wrote = await writeCached({
        key,
        name: key,
        bytes: Uint8Array.from(bytes).buffer,
        storedAt: Date.now(),
      })
      const back = wrote ? await readCached(key) : undefined
      return back ? Array.from(new Uint8Array(back.bytes)) : null
    },
    clearModelCache: clearCache,
    phoenixCheck: (req) => runPhoenixCheck(caps, req),
  }
  window.__fye = hooks
  return hooks
}
