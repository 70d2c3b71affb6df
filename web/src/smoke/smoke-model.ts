// The shipped smoke model. `version` is the file's sha256 prefix: it keys the IndexedDB cache, and
// the e2e test fails if the file is regenerated without updating it.
import type { ModelRef } from '../pool/types'

export const SMOKE_MODEL: ModelRef = {
  name: 'smoke-mlp',
  url: `${import.meta.env.BASE_URL}models/smoke-mlp.onnx`,
  version: 'sha256-228b34317b9f',
}

/** Tolerance between ORT outputs and the plain-TS reference (fp32 math vs float64). */
export const SMOKE_TOLERANCE = 1e-4
