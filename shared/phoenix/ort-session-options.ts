// onnxruntime session config for the Phoenix graphs. The committed graphs (`npm run models:shrink`, the
// last step of models:train) keep their embedding tables as int8 + DequantizeLinear; by default ORT keeps
// DequantizeLinear out of constant folding (for its QDQ fusions), so every run would dequantize the whole
// tables again (measured: the post tower 41 → 64 ms in wasm). Disabling the QDQ transforms lets constant
// folding dequantize them once at session creation: the download stays small and a run costs what the fp32
// graph costs, with identical outputs.
// No effect on fp32 graphs (they have no QDQ nodes). Pass as InferenceSession.SessionOptions.extra: the
// browser pool (web/src/pool/ort.worker.ts) and the Node eval (models/eval/ort-phoenix.ts) do.
export const PHOENIX_ORT_EXTRA = { session: { disable_quant_qdq: '1' } } as const
