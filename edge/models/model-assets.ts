// Model weights reach the Worker as static assets (wrangler.toml [assets], binding MODEL_ASSETS, directory
// models/artifacts filtered by its .assetsignore), never bundled: the bundle stays small and the ONNX files
// are the committed artifacts byte for byte. Each file is fetched and parsed once per isolate.

/** The committed artifacts the edge reads (models/artifacts/manifest.json lists their hashes). */
export const EDGE_MODEL_FILES = [
  'post_tower.onnx',
  'user_tower.onnx',
  'ranker_history.onnx',
  'ranker_candidates.onnx',
] as const
export type EdgeModelFile = (typeof EDGE_MODEL_FILES)[number]

/** The assets binding only routes on the path; the host is never contacted. */
const ASSET_ORIGIN = 'https://model-assets.invalid'

/** An asset's bytes, from the [assets] binding. */
export async function fetchModelBytes(assets: Fetcher, file: string): Promise<Uint8Array> {
  const res = await assets.fetch(new URL(`/${file}`, ASSET_ORIGIN))
  if (!res.ok) throw new Error(`model asset ${file}: HTTP ${res.status} from the MODEL_ASSETS binding`)
  return new Uint8Array(await res.arrayBuffer())
}

const memo = new Map<string, Promise<unknown>>()

/** One load per isolate per key; a failed load is forgotten so the next caller tries again. */
export function oncePerIsolate<T>(key: string, load: () => Promise<T>): Promise<T> {
  const cached = memo.get(key) as Promise<T> | undefined
  if (cached) return cached
  const loading = load()
  memo.set(key, loading)
  loading.catch(() => {
    if (memo.get(key) === loading) memo.delete(key)
  })
  return loading
}
