// Small query/candidate types and component builders shared by the pipeline tests and the benchmark.
import { definePipeline, type PipelineDefinition } from './define-pipeline.ts'
import type { Filter, Scorer, Selector, Source } from './stage-types.ts'

export interface TestQuery {
  userId: string
  follows?: string[]
  muted?: string[]
  region?: string
  /** Order in which components ran (appended by the test components). */
  log: string[]
}

export interface TestCandidate {
  id: string
  author: string
  text?: string
  score?: number
  boosted?: number
}

export const post = (id: string, author = `a${id}`, extra: Partial<TestCandidate> = {}): TestCandidate => ({
  id,
  author,
  ...extra,
})

export const tick = (ms = 1): Promise<void> => new Promise((r) => setTimeout(r, ms))

export function staticSource(
  name: string,
  items: TestCandidate[],
  delayMs = 0,
): Source<TestQuery, TestCandidate> {
  return {
    name,
    async source(q) {
      q.log.push(`start ${name}`)
      if (delayMs > 0) await tick(delayMs)
      q.log.push(`end ${name}`)
      return items.map((c) => ({ ...c }))
    },
  }
}

export function predicateFilter(
  name: string,
  remove: (c: TestCandidate, q: TestQuery) => boolean,
): Filter<TestQuery, TestCandidate> {
  return {
    name,
    filter(q, cs) {
      q.log.push(name)
      const kept: TestCandidate[] = []
      const removed: TestCandidate[] = []
      for (const c of cs) (remove(c, q) ? removed : kept).push(c)
      return { kept, removed }
    },
  }
}

/** Sets `score` from a function of the candidate as the scorer sees it. */
export function fnScorer(
  name: string,
  f: (c: TestCandidate) => number,
): Scorer<TestQuery, TestCandidate, { score: number }> {
  return {
    name,
    async score(q, cs) {
      q.log.push(name)
      return cs.map((c) => ({ score: f(c) }))
    },
    update: (c, s) => ({ ...c, score: s.score }),
  }
}

export const byScore = (size?: number): Selector<TestQuery, TestCandidate> => ({
  name: 'TopKScoreSelector',
  score: (c) => c.score,
  size,
})

export function testPipeline(
  over: Partial<PipelineDefinition<TestQuery, TestCandidate>> = {},
): ReturnType<typeof definePipeline<TestQuery, TestCandidate>> {
  return definePipeline<TestQuery, TestCandidate>({
    name: 'TestPipeline',
    candidateKey: (c) => c.id,
    sources: [],
    selector: byScore(),
    resultSize: 100,
    ...over,
  })
}

export const newQuery = (over: Partial<TestQuery> = {}): TestQuery => ({ userId: 'u1', log: [], ...over })
