// The feed routes the For You flow needs (dev login, candidates, served), on the typed edge client. The e2e
// specs use the same functions from Node with the edge's URL.
import type { InferRequestType, InferResponseType } from 'hono/client'
import { type EdgeClient, type EdgeClientOptions, edgeClient, ok } from '../api/edge-client'

type Candidates = EdgeClient['v1']['feed']['candidates']['$post']
type Served = EdgeClient['v1']['feed']['served']['$post']
type DevLogin = EdgeClient['v1']['auth']['dev-login']['$post']

export type FeedCandidatesRequest = InferRequestType<Candidates>['json']
export type FeedCandidatesResult = InferResponseType<Candidates, 200>
export type FeedServedRequest = InferRequestType<Served>['json']
export type FeedServedResult = InferResponseType<Served, 200>
export type SignedIn = InferResponseType<DevLogin, 200>

export interface FeedApi {
  /** Dev-only login (ENVIRONMENT dev/local): a user token for a handle. */
  devLogin(handle: string): Promise<SignedIn>
  candidates(token: string, body: FeedCandidatesRequest): Promise<FeedCandidatesResult>
  served(token: string, body: FeedServedRequest): Promise<FeedServedResult>
}

/** `base` is '' in the page (Vite proxies /v1 to the edge); Node callers pass the edge's URL. */
export function feedApi(base = '', options: Omit<EdgeClientOptions, 'token'> = {}): FeedApi {
  const as = (token?: string) => edgeClient(base, { ...options, token: () => token }).v1
  return {
    devLogin: (handle) => ok(as().auth['dev-login'].$post({ json: { handle } })),
    candidates: (token, body) => ok(as(token).feed.candidates.$post({ json: body })),
    served: (token, body) => ok(as(token).feed.served.$post({ json: body })),
  }
}
