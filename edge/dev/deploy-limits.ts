// Cloudflare's deploy-time size limits and the report `npm run deploy:check` prints against them.
// https://developers.cloudflare.com/workers/platform/limits/ (Worker size is measured compressed).
import { gzipSync } from 'node:zlib'

const MIB = 1024 * 1024

export const WORKER_GZIP_LIMIT_BYTES = { free: 3 * MIB, paid: 10 * MIB } as const
export type WorkersPlan = keyof typeof WORKER_GZIP_LIMIT_BYTES
export const ASSET_FILE_LIMIT_BYTES = 25 * MIB
export const ASSET_COUNT_LIMIT = 20_000

export interface BundleSize {
  rawBytes: number
  gzipBytes: number
}

export interface AssetFile {
  path: string
  bytes: number
}

/** Measured like wrangler's "Total Upload": every module of the upload concatenated, then gzipped. */
export function bundleSize(modules: readonly Uint8Array[]): BundleSize {
  const all = Buffer.concat(modules)
  return { rawBytes: all.byteLength, gzipBytes: gzipSync(all).byteLength }
}

export interface DeployReport {
  lines: string[]
  /** One line per limit that is exceeded; empty when the deploy fits. */
  failures: string[]
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / MIB).toFixed(2)} MiB`
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`
}

/** Checks the Worker bundle (against `plan`'s limit) and the static assets, if any, against the limits. */
export function checkDeployLimits(
  bundle: BundleSize,
  assets: readonly AssetFile[] | undefined,
  plan: WorkersPlan,
): DeployReport {
  const lines: string[] = []
  const failures: string[] = []
  const limit = WORKER_GZIP_LIMIT_BYTES[plan]
  lines.push(
    `Worker bundle: ${formatBytes(bundle.rawBytes)} raw, ${formatBytes(bundle.gzipBytes)} gzip` +
      ` (${percent(bundle.gzipBytes, limit)} of the ${plan} plan's ${formatBytes(limit)};` +
      ` free ${formatBytes(WORKER_GZIP_LIMIT_BYTES.free)}, paid ${formatBytes(WORKER_GZIP_LIMIT_BYTES.paid)})`,
  )
  if (bundle.gzipBytes > limit)
    failures.push(
      `Worker bundle is ${formatBytes(bundle.gzipBytes)} gzip, over the ${plan} plan's ${formatBytes(limit)}`,
    )
  if (assets === undefined) {
    lines.push('Static assets: none declared in wrangler.toml')
    return { lines, failures }
  }
  const total = assets.reduce((sum, a) => sum + a.bytes, 0)
  const largest = assets.reduce<AssetFile | undefined>(
    (top, a) => (top && top.bytes >= a.bytes ? top : a),
    undefined,
  )
  lines.push(
    `Static assets: ${assets.length} files (limit ${ASSET_COUNT_LIMIT.toLocaleString('en')}),` +
      ` ${formatBytes(total)} in all; largest ${largest ? `${largest.path} ${formatBytes(largest.bytes)}` : '-'}` +
      ` (limit ${formatBytes(ASSET_FILE_LIMIT_BYTES)} per file)`,
  )
  if (assets.length > ASSET_COUNT_LIMIT)
    failures.push(`${assets.length} static asset files, over the limit of ${ASSET_COUNT_LIMIT}`)
  for (const a of assets)
    if (a.bytes > ASSET_FILE_LIMIT_BYTES)
      failures.push(
        `static asset ${a.path} is ${formatBytes(a.bytes)}, over ${formatBytes(ASSET_FILE_LIMIT_BYTES)}`,
      )
  return { lines, failures }
}
