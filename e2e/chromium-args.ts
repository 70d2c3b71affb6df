// Chromium flags for the e2e runs. Measured on the project machines (no GPU): WebGPU needs only
// --enable-unsafe-webgpu; the adapter is SwiftShader (vendor google, isFallbackAdapter true).
// Without it requestAdapter() resolves null, which the fallback spec relies on.
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const WEBGPU_ARGS = ['--enable-unsafe-webgpu']
