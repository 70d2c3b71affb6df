// Writes web/public/models/smoke-mlp.onnx (a shipped artifact; regenerate with `npm run models:smoke`).
// If the sha changes, update SMOKE_MODEL.version in web/src/smoke/smoke-model.ts (the e2e test checks).
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSmokeModel } from './smoke-model-builder'

const SMOKE_MODEL_FILE = fileURLToPath(new URL('../../web/public/models/smoke-mlp.onnx', import.meta.url))

const bytes = buildSmokeModel()
mkdirSync(dirname(SMOKE_MODEL_FILE), { recursive: true })
writeFileSync(SMOKE_MODEL_FILE, bytes)
const sha = createHash('sha256').update(bytes).digest('hex')
console.log(`wrote ${SMOKE_MODEL_FILE} (${bytes.length} bytes, sha256 ${sha})`)
