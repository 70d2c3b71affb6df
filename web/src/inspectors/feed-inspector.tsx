// The feed request inspector: the traces of the For You feed this page loaded last — the edge's candidate
// pipeline (as POST /v1/feed/candidates returned it) and the browser's ranking pipeline — with the
// browser-side timings. Loading a feed here is the For You tab's own request.
import '../lab/lab.css'
import './inspectors.css'
import type { PipelineTrace } from '../../../shared/pipeline/trace.ts'
import { session } from '../app/session'
import { feedError, feedState, loadFeed, pages } from '../feed/for-you-store'
import { TraceView } from './trace-view'

function isTrace(t: unknown): t is PipelineTrace {
  return typeof t === 'object' && t !== null && Array.isArray((t as PipelineTrace).stages)
}

export function FeedInspector() {
  const last = pages.value.at(-1)?.feed
  const signedIn = session.value !== null
  return (
    <section class="inspector" aria-labelledby="feed-inspector-title" data-testid="feed-inspector">
      <h2 id="feed-inspector-title">Feed request inspector</h2>
      {!last && (
        <p>
          {signedIn ? 'No For You feed loaded on this page yet. ' : 'Sign in on the For You tab first. '}
          <button
            type="button"
            disabled={!signedIn || feedState.value === 'loading'}
            onClick={() => void loadFeed()}
          >
            Load a feed
          </button>
          {feedError.value && <span role="alert"> {feedError.value}</span>}
        </p>
      )}
      {last && (
        <>
          <p data-testid="feed-inspector-summary">
            {last.items.length} posts served from {last.candidates.length} candidates (
            {Object.entries(last.candidatesBySource)
              .map(([s, n]) => `${s} ${n}`)
              .join(', ')}
            ); engine {last.engine}, ranking parameters {last.paramsVersion}. Browser timings: user tower{' '}
            {last.timingsMs.userTower.toFixed(0)} ms, candidates request{' '}
            {last.timingsMs.candidates.toFixed(0)} ms, ranking {last.timingsMs.rank.toFixed(0)} ms, served
            report {last.timingsMs.served.toFixed(0)} ms.{' '}
            <button
              type="button"
              disabled={feedState.value === 'loading'}
              onClick={() => void loadFeed(true)}
            >
              Load the next page
            </button>
          </p>
          {isTrace(last.candidateTrace) ? (
            <TraceView title="Edge candidate pipeline" trace={last.candidateTrace} />
          ) : (
            <p role="alert">The edge sent no readable candidate-pipeline trace.</p>
          )}
          <TraceView title="Browser ranking pipeline" trace={last.rankingTrace} />
        </>
      )}
    </section>
  )
}
