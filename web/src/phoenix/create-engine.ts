// The app's entry to Phoenix in the browser: the manifest's model refs, a worker pool and the provider
// choice for this device, turned into a ready PoolPhoenixEngine.
import { pickProviders } from '../pool/backend'
import { createOrtPool, type OrtPool, type PoolProgress } from '../pool/pool'
import type { Capabilities, ModelRef, Provider, ProviderPreference } from '../pool/types'
import { engineModels, type PhoenixEngineOptions, PoolPhoenixEngine } from './phoenix-engine'
import { loadPhoenixModelRefs } from './phoenix-models'

export interface CreatePhoenixEngineOptions extends PhoenixEngineOptions {
  /** Defaults to a new pool of defaultPoolSize() workers. */
  pool?: OrtPool
  preference?: ProviderPreference
  /** Overrides the capability-based choice (tests force a real WebGPU failure with ['webgpu', 'wasm']). */
  providers?: Provider[]
  /** Told what will load (the models, the pool's size) before it starts; returns the progress listener. */
  trackLoad?: (models: ModelRef[], workers: number) => PoolProgress
}

export async function createPhoenixEngine(
  caps: Pick<Capabilities, 'webgpu'>,
  options: CreatePhoenixEngineOptions = {},
): Promise<PoolPhoenixEngine> {
  const refs = await loadPhoenixModelRefs()
  const providers = options.providers ?? pickProviders(caps, options.preference)
  const whyNoWebgpu = caps.webgpu ? 'wasm preferred' : 'no WebGPU adapter'
  const pool = options.pool ?? createOrtPool()
  const onLoadProgress = options.trackLoad?.(engineModels(refs), pool.size)
  try {
    return await PoolPhoenixEngine.create(pool, refs, providers, { whyNoWebgpu, onLoadProgress, ...options })
  } catch (e) {
    // A pool we made and could not use would otherwise keep its workers alive.
    if (!options.pool) pool.terminate()
    throw e
  }
}
