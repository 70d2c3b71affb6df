// `npm run models:train [-- --profile quick|full --preset default|small --seed N --data DIR --out DIR --skip-world
//   -- <train.py flags>]`: --profile quick checks the pipeline end to end in ≤ 15 min of training, --profile full
// trains to convergence in ≤ 60 min (models/train/convergence.py); neither: the historical fixed plan.
// Model tests on random weights (models/train/test_model.py: the model code, before the long run) → world
// generation → phoenix-config.json refresh (if stale) → PyTorch training of the ranker and the two-tower
// model → ONNX export + manifest (models/train/train.py) → the model tests again, on the trained
// checkpoints and the exported ONNX files → int8 embedding tables (npm run models:shrink on --out in place:
// tables rounded in PyTorch, graphs and fixture re-exported, tables stored as int8; `--fp32` skips it).
// Python is used for training only, always as /usr/bin/python3
// (Debian's python3-torch and python3-onnx); `npm test` never runs it.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { phoenixConfigDocument } from '../../shared/phoenix/config-export.ts'
import { shipInt8Artifacts, sizeTable } from './shrink-artifacts.ts'
import { makeWebgpuSafe } from './webgpu-safe-graph.ts'

const PYTHON = '/usr/bin/python3'
const MODEL_TESTS = 'models/train/test_model.py'
const ROOT = resolve(import.meta.dirname, '..', '..')

function fail(message: string): never {
  console.error(`\nmodels:train failed: ${message}`)
  process.exit(1)
}

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now()
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`)
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      const seconds = (performance.now() - started) / 1000
      if (code !== 0)
        reject(new Error(`${label} exited with ${signal ?? code} after ${seconds.toFixed(0)} s`))
      else done(seconds)
    })
  })
}

/** The value after `flag` in train.py's pass-through arguments (`--flag value` or `--flag=value`). */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag)
  if (i >= 0) return args[i + 1]
  return args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1)
}

function checkPython(): void {
  if (!existsSync(PYTHON)) fail(`${PYTHON} not found. Install Debian's Python: apt-get install python3`)
  const probe = spawnSync(
    PYTHON,
    ['-c', 'import torch, onnx, numpy; print(torch.__version__, onnx.__version__)'],
    {
      encoding: 'utf8',
    },
  )
  if (probe.status !== 0) {
    fail(
      `${PYTHON} cannot import torch/onnx/numpy:\n${probe.stderr.trim()}\n` +
        "Training needs Debian's packages: apt-get install python3-torch python3-onnx python3-numpy",
    )
  }
  console.log(`python: ${PYTHON} (torch ${probe.stdout.trim().replace(' ', ', onnx ')})`)
}

function refreshPhoenixConfig(): void {
  const path = resolve(ROOT, 'models/artifacts/phoenix-config.json')
  const want = `${JSON.stringify(phoenixConfigDocument(), null, 2)}\n`
  const have = existsSync(path) ? readFileSync(path, 'utf8') : ''
  if (have === want) {
    console.log('phoenix-config.json is up to date')
    return
  }
  writeFileSync(path, want)
  console.log(`wrote ${path} (it was ${have === '' ? 'missing' : 'stale'})`)
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      preset: { type: 'string', default: 'default' },
      seed: { type: 'string' },
      data: { type: 'string', default: 'models/data' },
      out: { type: 'string', default: 'models/artifacts' },
      'skip-world': { type: 'boolean', default: false },
      profile: { type: 'string' },
      fp32: { type: 'boolean', default: false },
    },
  })
  const started = performance.now()
  checkPython()
  const timings: Record<string, number> = {}

  // Random weights and no ONNX check: the committed ONNX files may predate a model change this run is for.
  timings.tests = await run(
    'model tests (random weights)',
    PYTHON,
    [MODEL_TESTS, '--ckpt-dir', '', '--onnx-dir', ''],
    { PYTHONUNBUFFERED: '1' },
  )

  if (values['skip-world']) {
    if (!existsSync(resolve(ROOT, values.data, 'manifest.json')))
      fail(`--skip-world but ${values.data} has no manifest.json`)
    console.log(`reusing the world in ${values.data}`)
  } else {
    const worldArgs = ['models/world/cli.ts', '--out', values.data, '--preset', values.preset]
    if (values.seed !== undefined) worldArgs.push('--seed', values.seed)
    timings.world = await run('world', resolve(ROOT, 'node_modules/.bin/tsx'), worldArgs)
  }

  refreshPhoenixConfig()

  if (values.profile !== undefined && values.profile !== 'quick' && values.profile !== 'full')
    fail(`--profile must be quick or full, got ${values.profile}`)
  const profileArgs = values.profile === undefined ? [] : ['--profile', values.profile]
  const trainArgs = [
    'models/train/train.py',
    '--data',
    values.data,
    '--out',
    values.out,
    ...profileArgs,
    ...positionals,
  ]
  timings.train = await run('train', PYTHON, trainArgs, { PYTHONUNBUFFERED: '1', OMP_WAIT_POLICY: 'PASSIVE' })

  // Before the retest, so the model tests check the files that ship (models/train/webgpu-safe-graph.ts).
  console.log('\n== WebGPU-safe graphs (npm run models:webgpu-safe)')
  makeWebgpuSafe(resolve(ROOT, values.out))

  const ckptDir = flagValue(positionals, '--ckpt-dir') ?? `${values.data}/checkpoints`
  timings.retest = await run(
    'model tests (trained)',
    PYTHON,
    [MODEL_TESTS, '--ckpt-dir', ckptDir, '--onnx-dir', values.out],
    { PYTHONUNBUFFERED: '1' },
  )

  // Last, after the fp32 retest (the checkpoints are the unrounded model): what ships is the int8 set.
  if (!values.fp32) {
    const shrinkStarted = performance.now()
    console.log(`\n== int8 tables (npm run models:shrink -- --in ${values.out} --out ${values.out})`)
    console.log(sizeTable(shipInt8Artifacts(resolve(ROOT, values.out), resolve(ROOT, values.out))))
    timings.int8 = (performance.now() - shrinkStarted) / 1000
  }

  const total = (performance.now() - started) / 1000
  const parts = Object.entries(timings)
    .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
    .join(', ')
  console.log(`\nmodels:train done in ${total.toFixed(0)} s (${parts}); artifacts in ${values.out}`)
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
