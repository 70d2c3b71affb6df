// `npm run models:webgpu-safe [-- DIR]` (also the last step of models:train): rewrites the exported
// ranker_candidates.onnx, user_tower.onnx and post_tower.onnx so onnxruntime-web's WebGPU EP computes them
// correctly, and refreshes their bytes/sha256 in DIR/manifest.json (DIR defaults to models/artifacts).
//
// Why: the PyTorch export casts every int32 index input to int64 before its embedding Gather. With
// onnxruntime-web 1.30's WebGPU EP those Casts run outside WebGPU, and in these two graphs a Gather then
// reads another cast's values (cand_age_emb rows come out as the cand_media values), so probs were off by
// up to 0.05 and the user embedding by 0.1. post_tower has the same pattern (ten index Casts); the model lab's
// WebGPU run matched WASM with it too, but it runs on WebGPU now, so it gets the same rewrite rather than
// relying on the EP's partitioning happening to work. ONNX Gather takes int32 indices as they are, so the rewrite
// drops each int32→int64 Cast whose only readers are Gathers' index inputs and feeds them the int32 tensor.
// Weights and math are unchanged; the output is a pure function of the input bytes (rerunning is a no-op).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import onnxProto from 'onnx-proto'

// onnx-proto is CommonJS; its namespace lives on the default export.
const { onnx } = onnxProto
const { INT32, INT64 } = onnx.TensorProto.DataType

export const WEBGPU_SAFE_FILES = ['ranker_candidates.onnx', 'user_tower.onnx', 'post_tower.onnx'] as const

type GraphProto = onnxProto.onnx.IGraphProto
type NodeProto = onnxProto.onnx.INodeProto
const inputsOf = (n: NodeProto): string[] => n.input ?? []
const outputsOf = (n: NodeProto): string[] => n.output ?? []

/** Values known to be int32: int32 graph inputs and initializers, and Gathers over an int32 tensor. */
function int32Values(graph: GraphProto): Set<string> {
  const known = new Set<string>()
  for (const v of graph.input ?? []) if (v.type?.tensorType?.elemType === INT32) known.add(v.name ?? '')
  for (const t of graph.initializer ?? []) if (t.dataType === INT32) known.add(t.name ?? '')
  // Nodes are topologically sorted in a valid ONNX graph, so one pass sees each producer first.
  for (const n of graph.node ?? []) {
    const [data] = inputsOf(n)
    const [out] = outputsOf(n)
    if (n.opType === 'Gather' && data !== undefined && out !== undefined && known.has(data)) known.add(out)
  }
  return known
}

function castTo(node: NodeProto): number | undefined {
  const to = node.attribute?.find((a) => a.name === 'to')?.i
  return to === undefined || to === null ? undefined : Number(to)
}

/** The rewritten model bytes and the names of the Casts dropped (none: the input bytes come back as they are). */
export function webgpuSafeGraph(bytes: Uint8Array): { bytes: Uint8Array; droppedCasts: string[] } {
  const model = onnx.ModelProto.decode(bytes)
  const graph = model.graph
  if (!graph) throw new Error('ONNX model has no graph')
  const nodes = graph.node ?? []
  const int32 = int32Values(graph)
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name))
  const readers = new Map<string, { node: NodeProto; slot: number }[]>()
  for (const n of nodes) {
    inputsOf(n).forEach((name, slot) => {
      const list = readers.get(name) ?? []
      list.push({ node: n, slot })
      readers.set(name, list)
    })
  }
  const dropped: string[] = []
  const droppedValues = new Set<string>()
  const keep = nodes.filter((n) => {
    const [src] = inputsOf(n)
    const [out] = outputsOf(n)
    if (n.opType !== 'Cast' || castTo(n) !== INT64 || src === undefined || out === undefined) return true
    if (!int32.has(src) || graphOutputs.has(out)) return true
    const uses = readers.get(out) ?? []
    if (uses.length === 0 || !uses.every((u) => u.node.opType === 'Gather' && u.slot === 1)) return true
    for (const u of uses) inputsOf(u.node)[1] = src
    dropped.push(n.name || out)
    droppedValues.add(out)
    return false
  })
  if (dropped.length === 0) return { bytes, droppedCasts: dropped }
  graph.node = keep
  // Shape-inference entries for the removed values would now describe nothing.
  graph.valueInfo = (graph.valueInfo ?? []).filter((v) => !droppedValues.has(v.name ?? ''))
  return { bytes: onnx.ModelProto.encode(model).finish(), droppedCasts: dropped }
}

/**
 * Sets `file`'s bytes and sha256 in manifest.json's text (written by train.py): a textual edit, so the rest
 * of the document keeps Python's formatting and the diff shows only the two values.
 */
export function withArtifact(manifest: string, file: string, bytes: number, sha256: string): string {
  const entry = new RegExp(
    `("${file.replace('.', '\\.')}":\\s*\\{\\s*"bytes":\\s*)\\d+(,\\s*"sha256":\\s*")[0-9a-f]{64}"`,
  )
  if (!entry.test(manifest)) throw new Error(`manifest.json has no artifacts entry for ${file}`)
  return manifest.replace(entry, `$1${bytes}$2${sha256}"`)
}

/** Rewrites the WebGPU-sensitive graphs in `dir` in place and updates `dir/manifest.json` if present. */
export function makeWebgpuSafe(dir: string): void {
  const manifestPath = join(dir, 'manifest.json')
  let manifest = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined
  for (const file of WEBGPU_SAFE_FILES) {
    const path = join(dir, file)
    const { bytes, droppedCasts } = webgpuSafeGraph(readFileSync(path))
    if (droppedCasts.length > 0) writeFileSync(path, bytes)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    console.log(`${file}: dropped ${droppedCasts.length} int32→int64 Casts; ${bytes.length} bytes, ${sha256}`)
    if (manifest !== undefined) manifest = withArtifact(manifest, file, bytes.length, sha256)
  }
  if (manifest !== undefined) writeFileSync(manifestPath, manifest)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  makeWebgpuSafe(process.argv[2] ?? 'models/artifacts')
}
