// Vite config for the web app (root: web/). Cross-origin isolation headers let onnxruntime-web use
// SharedArrayBuffer threads; /v1 is proxied to the edge Worker (wrangler dev) in dev and preview.
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Connect, createLogger, defineConfig, type Plugin } from 'vite'

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}
const edgeUrl = process.env.EDGE_URL ?? 'http://127.0.0.1:8787'
const proxy = { '/v1': { target: edgeUrl, changeOrigin: true } }

// The edge is often not running (web-only work, e2e): say so once instead of a stack per request.
const logger = createLogger()
const logError = logger.error.bind(logger)
let edgeDownReported = false
logger.error = (msg, options) => {
  const code = (options?.error as { code?: unknown } | undefined)?.code
  if (msg.includes('http proxy error') && code === 'ECONNREFUSED') {
    if (!edgeDownReported) logger.warn(`edge not reachable at ${edgeUrl}: /v1 requests answer 502`)
    edgeDownReported = true
    return
  }
  logError(msg, options)
}
const port = Number(process.env.WEB_PORT ?? 5173)
// FYE_NO_HMR=1 (the e2e config sets it): no HMR client, so an edit elsewhere in the tree cannot reload a page
// in the middle of a test.
const hmr = process.env.FYE_NO_HMR === '1' ? false : undefined

// The committed Phoenix artifacts the browser runs, served under /models/ from models/artifacts in dev and
// copied into the build (so preview serves the copies): one copy of each ~10 MB file in git.
const ARTIFACTS = new URL('./models/artifacts/', import.meta.url)
const BROWSER_ARTIFACTS = [
  'ranker_history.onnx',
  'ranker_candidates.onnx',
  'user_tower.onnx',
  'post_tower.onnx',
  'manifest.json',
  // The model lab's classical baseline coefficients (read as committed: no copy to go stale).
  'classical-baseline.json',
]
const artifactType = (name: string) =>
  name.endsWith('.json') ? 'application/json' : 'application/octet-stream'

function modelArtifacts(): Plugin {
  const serve: Connect.NextHandleFunction = (req, res, next) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    const name = path.startsWith('/models/') ? path.slice('/models/'.length) : ''
    if (!BROWSER_ARTIFACTS.includes(name)) return next()
    res.setHeader('Content-Type', artifactType(name))
    res.setHeader('Cache-Control', 'no-cache')
    // The page's download progress bar reads it (preview's static server sends it too).
    res.setHeader('Content-Length', statSync(new URL(name, ARTIFACTS)).size)
    createReadStream(new URL(name, ARTIFACTS)).on('error', next).pipe(res)
  }
  return {
    name: 'fye-model-artifacts',
    configureServer: (server) => void server.middlewares.use(serve),
    generateBundle() {
      for (const name of BROWSER_ARTIFACTS)
        this.emitFile({
          type: 'asset',
          fileName: `models/${name}`,
          source: readFileSync(new URL(name, ARTIFACTS)),
        })
    },
  }
}

export default defineConfig({
  customLogger: logger,
  plugins: [modelArtifacts()],
  // Preact's automatic JSX runtime for web/**/*.tsx (web/tsconfig.json says the same for tsc).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  root: fileURLToPath(new URL('./web', import.meta.url)),
  publicDir: fileURLToPath(new URL('./web/public', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { port, headers: isolation, proxy, hmr },
  preview: { port, headers: isolation, proxy },
  worker: { format: 'es' },
  optimizeDeps: {
    // ORT is already a single ESM bundle; pre-bundling it only risks a mid-test dependency re-optimise
    // (and page reload). Worker-only deps are not found by the entry scan, so list them up front.
    exclude: ['onnxruntime-web'],
    include: ['comlink', 'idb', 'preact', 'preact/hooks', 'preact/jsx-runtime', '@preact/signals', 'uplot'],
  },
})
