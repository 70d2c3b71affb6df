// Where the browser finds the Phoenix ONNX files: /models/ (served from models/artifacts by the Vite
// plugin, copied into the build) and their sha256 from manifest.json, which keys the IndexedDB cache.
import { z } from 'zod'
import { PHOENIX_CONFIG } from '../../../shared/phoenix/config.ts'
import type { ModelRef } from '../pool/types'

export const PHOENIX_MODEL_FILES = {
  rankerHistory: 'ranker_history.onnx',
  rankerCandidates: 'ranker_candidates.onnx',
  userTower: 'user_tower.onnx',
  postTower: 'post_tower.onnx',
} as const

export type PhoenixModelRefs = { -readonly [K in keyof typeof PHOENIX_MODEL_FILES]: ModelRef }

const manifestSchema = z.object({
  config: z.object({ config: z.record(z.string(), z.unknown()) }),
  artifacts: z.record(
    z.string(),
    z.object({ bytes: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
})

/** Reads manifest.json and returns one ref per model; throws when the manifest is missing or stale. */
export async function loadPhoenixModelRefs(
  base: string = import.meta.env.BASE_URL,
): Promise<PhoenixModelRefs> {
  const url = `${base}models/manifest.json`
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  const manifest = manifestSchema.parse(await res.json())
  // The featurizer and the feeds builder are compiled against PHOENIX_CONFIG: refuse models of another shape.
  for (const [key, value] of Object.entries(PHOENIX_CONFIG)) {
    if (manifest.config.config[key] !== value)
      throw new Error(
        `${url}: config.${key} is ${String(manifest.config.config[key])}, this build expects ${value}`,
      )
  }
  const refs = {} as PhoenixModelRefs
  for (const [key, file] of Object.entries(PHOENIX_MODEL_FILES) as [keyof PhoenixModelRefs, string][]) {
    const artifact = manifest.artifacts[file]
    if (!artifact) throw new Error(`${url}: no artifact ${file}`)
    refs[key] = {
      name: file.replace(/\.onnx$/, ''),
      url: `${base}models/${file}`,
      sha256: artifact.sha256,
      bytes: artifact.bytes,
    }
  }
  return refs
}
