// ORT global settings for a worker. Vite already rewrites ORT's own `new URL(wasm, import.meta.url)`
// in dev (with ORT excluded from pre-bundling) and on build; importing the binary as a URL makes the
// location explicit, so it survives bundling changes. It is the same hashed asset either way.
import * as ort from 'onnxruntime-web'
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url'

export function configureOrt(): void {
  ort.env.wasm.wasmPaths = { wasm: wasmUrl }
  ort.env.logLevel = 'warning'
}
