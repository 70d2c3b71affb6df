// Runs the exported Phoenix ONNX files in onnxruntime-web (Node, WASM) on the fixture's inputs and compares
// with the PyTorch outputs stored in the fixture; also checks ranker.onnx against the split pair.
//   npx tsx models/train/check-onnx.ts [dir]      (dir defaults to models/artifacts/dev)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-web'
import { PHOENIX_ORT_EXTRA } from '../../shared/phoenix/ort-session-options.ts'

interface Flat {
  dims: number[]
  dtype: 'int32' | 'float32'
  data: number[]
}
interface Fixture {
  inputs: Record<string, Flat>
  outputs: Record<string, Flat>
}

const dir = process.argv[2] ?? 'models/artifacts/dev'
const fixture = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as Fixture
ort.env.wasm.numThreads = 1

function tensor(f: Flat, dropBatch = false): ort.Tensor {
  const dims = dropBatch ? f.dims.slice(1) : f.dims
  return f.dtype === 'int32'
    ? new ort.Tensor('int32', Int32Array.from(f.data), dims)
    : new ort.Tensor('float32', Float32Array.from(f.data), dims)
}

async function run(file: string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(readFileSync(join(dir, file)), {
    extra: PHOENIX_ORT_EXTRA,
  })
  const picked: Record<string, ort.Tensor> = {}
  for (const name of session.inputNames) {
    const t = feeds[name]
    if (t === undefined) throw new Error(`${file}: no feed for ${name}`)
    picked[name] = t
  }
  return (await session.run(picked)) as Record<string, ort.Tensor>
}

function maxDiff(a: ort.Tensor, b: ArrayLike<number>): number {
  const x = a.data as Float32Array
  if (x.length !== b.length) throw new Error(`length ${x.length} vs ${b.length}`)
  let m = 0
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - b[i]!))
  return m
}

const feeds: Record<string, ort.Tensor> = {}
for (const [name, f] of Object.entries(fixture.inputs)) feeds[name] = tensor(f)
const out = fixture.outputs
const report: Record<string, number> = {}

const full = await run('ranker.onnx', feeds)
report['ranker.probs'] = maxDiff(full.probs!, out.probs!.data)
report['ranker.dwell_seconds'] = maxDiff(full.dwell_seconds!, out.dwell_seconds!.data)
const hist = await run('ranker_history.onnx', feeds)
report['history.prefix_valid'] = maxDiff(hist.prefix_valid!, out.prefix_valid!.data)
const cand = await run('ranker_candidates.onnx', { ...feeds, ...hist })
report['split.probs'] = maxDiff(cand.probs!, out.probs!.data)
report['split_vs_full.probs'] = maxDiff(cand.probs!, full.probs!.data as Float32Array)
report['split.dwell_seconds'] = maxDiff(cand.dwell_seconds!, out.dwell_seconds!.data)
const user = await run('user_tower.onnx', feeds)
report.user_embedding = maxDiff(user.user_embedding!, out.user_embedding!.data)
const postFeeds: Record<string, ort.Tensor> = {}
for (const name of ['cand_author', 'cand_text', 'cand_media', 'cand_counts']) {
  postFeeds[name] = tensor(fixture.inputs[name]!, true)
}
const post = await run('post_tower.onnx', postFeeds)
report.post_embedding = maxDiff(post.post_embedding!, out.post_embedding!.data)

let ok = true
for (const [k, v] of Object.entries(report)) {
  const bad = !(v <= 1e-4)
  ok &&= !bad
  console.log(`${bad ? 'FAIL' : 'ok  '} ${k}: max |diff| ${v.toExponential(2)}`)
}
if (!ok) process.exit(1)
