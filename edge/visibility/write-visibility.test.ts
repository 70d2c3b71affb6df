// Write paths × relationships, through the public API: every write that references a post (reply, quote,
// repost, favorite) is allowed exactly when the writer may read the post, and is otherwise a 404 naming
// the field, like a post that does not exist.
import { beforeAll, describe, expect, it } from 'vitest'
import { call, failure } from '../api/api.fixtures'
import { type Arranged, arrange, SCENARIOS } from './visibility.fixtures'

let arranged: Arranged[] = []

beforeAll(async () => {
  arranged = await arrange(SCENARIOS)
}, 60_000)

type Write = { field: string; send: (a: Arranged) => ReturnType<typeof call>; okStatus: number }

const WRITES: Record<string, Write> = {
  reply: {
    field: 'replyToId',
    okStatus: 201,
    send: (a) =>
      call('POST', '/v1/posts', {
        token: a.viewerUser.token,
        body: { text: 'a reply', replyToId: a.postId },
      }),
  },
  quote: {
    field: 'quoteOfId',
    okStatus: 201,
    send: (a) =>
      call('POST', '/v1/posts', {
        token: a.viewerUser.token,
        body: { text: 'a quote', quoteOfId: a.postId },
      }),
  },
  repost: {
    field: 'repostOfId',
    okStatus: 201,
    send: (a) =>
      call('POST', '/v1/posts', { token: a.viewerUser.token, body: { text: '', repostOfId: a.postId } }),
  },
  favorite: {
    field: 'engagements.0.postId',
    okStatus: 200,
    send: (a) =>
      call('POST', `/v1/users/${a.viewerUser.id}/engagements`, {
        token: a.viewerUser.token,
        body: { engagements: [{ postId: a.postId, action: 'favorite' }] },
      }),
  },
}

const cases = SCENARIOS.flatMap((s) => Object.keys(WRITES).map((w) => [w, s.name] as const))

describe('write paths × relationships', () => {
  it.each(cases)('%s: %s', async (write, name) => {
    const a = arranged.find((x) => x.name === name)!
    const w = WRITES[write]!
    const res = await w.send(a)
    if (a.read) expect(res.status, res.text).toBe(w.okStatus)
    else expect(failure(res)).toEqual({ status: 404, code: 'post_not_found', field: w.field })
  })
})
