// Runtime capability detection (once per context) and the pure provider-choice rule.
import type { AdapterSummary, Capabilities, Provider, ProviderPreference } from './types'

export type { AdapterSummary, Capabilities }

async function probeAdapter(): Promise<AdapterSummary | null> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator)) return null
  try {
    const adapter = await navigator.gpu.requestAdapter()
    if (!adapter) return null
    const info = adapter.info
    return {
      vendor: info.vendor,
      architecture: info.architecture,
      description: info.description,
      isFallbackAdapter: info.isFallbackAdapter ?? false,
    }
  } catch {
    // Some browsers throw instead of resolving null when WebGPU is blocklisted.
    return null
  }
}

let detected: Promise<Capabilities> | undefined

/** Detects capabilities once; later calls share the same frozen result. */
export function detectCapabilities(): Promise<Capabilities> {
  detected ??= probeAdapter().then((adapter) =>
    Object.freeze({
      webgpu: adapter !== null,
      adapter: adapter ? Object.freeze(adapter) : null,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      hardwareConcurrency: navigator.hardwareConcurrency || 1,
    }),
  )
  return detected
}

/** Providers to try, in order: WebGPU first when an adapter exists, wasm always last as fallback. */
export function pickProviders(
  caps: Pick<Capabilities, 'webgpu'>,
  preference: ProviderPreference = 'auto',
): Provider[] {
  if (preference === 'wasm' || !caps.webgpu) return ['wasm']
  return ['webgpu', 'wasm']
}
