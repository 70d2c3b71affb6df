// Reads what `wrangler deploy --dry-run --outdir DIR` produced: the modules it would upload and (from its
// debug log) the static assets, so edge/dev/deploy-check.ts can measure them.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { AssetFile } from './deploy-limits.ts'

/** Plain files under `dir`, as '/'-separated paths relative to it (wrangler skips directories and links). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path), { throwIfNoEntry: false })?.isFile() === true)
    .map((path) => path.split('\\').join('/'))
    .sort()
}

/** Everything in the outdir that is uploaded as a module: not wrangler's README, not source maps. */
export function bundleModules(outdir: string): Uint8Array[] {
  return filesUnder(outdir)
    .filter((path) => path !== 'README.md' && !path.endsWith('.map'))
    .map((path) => readFileSync(join(outdir, path)))
}

/**
 * The static assets wrangler would upload, from its debug log (WRANGLER_LOG=debug): the directory it read
 * ("Read N files from the assets directory DIR") minus what .assetsignore excluded ("Ignoring asset:
 * PATH"), so the ignore rules are wrangler's own. Undefined when wrangler.toml declares no [assets].
 */
export function uploadedAssets(log: string): AssetFile[] | undefined {
  const dir = /Read \d+ files? from the assets directory (.+)$/m.exec(log)?.[1]?.trim()
  if (dir === undefined) return undefined
  const ignored = new Set([...log.matchAll(/^Ignoring asset: (.+)$/gm)].map((m) => m[1]!.trim()))
  return filesUnder(dir)
    .filter((path) => !ignored.has(path))
    .map((path) => ({ path, bytes: statSync(join(dir, path)).size }))
}
