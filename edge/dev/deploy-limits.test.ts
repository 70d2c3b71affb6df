import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bundleSize, checkDeployLimits } from './deploy-limits.ts'
import { bundleModules, uploadedAssets } from './dry-run-output.ts'

const MIB = 1024 * 1024
const small = { rawBytes: 1000, gzipBytes: 300 }

describe('bundleSize', () => {
  it('adds up the raw bytes of every module', () => {
    expect(bundleSize([new Uint8Array(3), new Uint8Array(4)]).rawBytes).toBe(7)
  })

  it('measures the gzip of the modules together (a repetitive MiB compresses to under 1%)', () => {
    const { rawBytes, gzipBytes } = bundleSize([new Uint8Array(MIB).fill(97)])
    expect(rawBytes).toBe(MIB)
    expect(gzipBytes).toBeLessThan(MIB / 100)
  })
})

describe('checkDeployLimits', () => {
  it('passes a bundle of exactly 3 MiB gzip on the free plan', () => {
    expect(checkDeployLimits({ rawBytes: 9 * MIB, gzipBytes: 3 * MIB }, undefined, 'free').failures).toEqual(
      [],
    )
  })

  it('fails a bundle one byte over 3 MiB gzip on the free plan', () => {
    const report = checkDeployLimits({ rawBytes: 9 * MIB, gzipBytes: 3 * MIB + 1 }, undefined, 'free')
    expect(report.failures).toEqual(["Worker bundle is 3.00 MiB gzip, over the free plan's 3.00 MiB"])
  })

  it('passes the same bundle on the paid plan (10 MiB) and fails one over 10 MiB', () => {
    expect(
      checkDeployLimits({ rawBytes: 9 * MIB, gzipBytes: 3 * MIB + 1 }, undefined, 'paid').failures,
    ).toEqual([])
    expect(
      checkDeployLimits({ rawBytes: 40 * MIB, gzipBytes: 10 * MIB + 1 }, undefined, 'paid').failures,
    ).toHaveLength(1)
  })

  it('reports raw and gzip size and says when no assets are declared', () => {
    expect(checkDeployLimits(small, undefined, 'free').lines).toEqual([
      "Worker bundle: 1000 B raw, 300 B gzip (0.0% of the free plan's 3.00 MiB; free 3.00 MiB, paid 10.00 MiB)",
      'Static assets: none declared in wrangler.toml',
    ])
  })

  it('fails a static asset over 25 MiB, naming it, and passes one of exactly 25 MiB', () => {
    const assets = [
      { path: 'ok.onnx', bytes: 25 * MIB },
      { path: 'big.onnx', bytes: 25 * MIB + 1 },
    ]
    expect(checkDeployLimits(small, assets, 'free').failures).toEqual([
      'static asset big.onnx is 25.00 MiB, over 25.00 MiB',
    ])
  })

  it('fails more than 20,000 asset files and passes exactly 20,000', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `f${i}`, bytes: 1 }))
    expect(checkDeployLimits(small, files(20_000), 'free').failures).toEqual([])
    expect(checkDeployLimits(small, files(20_001), 'free').failures).toEqual([
      '20001 static asset files, over the limit of 20000',
    ])
  })
})

describe('reading the dry-run output', () => {
  const made: string[] = []
  const tempDir = () => {
    made.push(mkdtempSync(join(tmpdir(), 'fye-deploy-check-test-')))
    return made.at(-1)!
  }
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true })
  })

  it("uploads every module but wrangler's README and source maps", () => {
    const outdir = tempDir()
    writeFileSync(join(outdir, 'index.js'), 'abcd')
    writeFileSync(join(outdir, 'index.js.map'), '{}')
    writeFileSync(join(outdir, 'README.md'), 'readme')
    writeFileSync(join(outdir, 'model.wasm'), 'xy')
    expect(bundleModules(outdir).map((m) => m.byteLength)).toEqual([4, 2])
  })

  it('counts the asset files wrangler read minus those it ignored', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'ranker.onnx'), 'onnx!')
    writeFileSync(join(dir, 'REPORT.md'), 'report')
    mkdirSync(join(dir, 'test-vectors'))
    writeFileSync(join(dir, 'test-vectors', 'features.json'), '{}')
    writeFileSync(join(dir, 'test-vectors', 'kept.json'), '[1]')
    const log = [
      `✨ Read 5 files from the assets directory ${dir}`,
      'Ignoring asset: REPORT.md',
      'Ignoring asset: test-vectors/features.json',
    ].join('\n')
    expect(uploadedAssets(log)).toEqual([
      { path: 'ranker.onnx', bytes: 5 },
      { path: 'test-vectors/kept.json', bytes: 3 },
    ])
  })

  it('has no assets when wrangler read no assets directory', () => {
    expect(uploadedAssets('Total Upload: 1.00 KiB / gzip: 0.50 KiB')).toBeUndefined()
  })
})
