// The files the lab reads besides the models: which world to regenerate (web/public/lab/eval-world.json)
// and the classical baseline's coefficients, served as committed from models/artifacts by the Vite plugin
// (vite.config.ts), so the page always reads the file `models:eval` reads.
import { ClassicalBaseline } from '../../../shared/eval/classical-baseline.ts'
import { WorldInfo } from '../../../shared/eval/eval-data.ts'

async function json(path: string): Promise<unknown> {
  const url = `${import.meta.env.BASE_URL}${path}`
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`)
  return res.json()
}

export async function loadEvalWorld(): Promise<WorldInfo> {
  return WorldInfo.parse(await json('lab/eval-world.json'))
}

/** The stored coefficients, or why they could not be read (the lab then shows no classical column). */
export async function loadClassicalBaseline(): Promise<ClassicalBaseline | { error: string }> {
  try {
    return ClassicalBaseline.parse(await json('models/classical-baseline.json'))
  } catch (e) {
    return { error: `classical baseline: ${e instanceof Error ? e.message : String(e)}` }
  }
}
