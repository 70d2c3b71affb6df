import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { uniqueId } from '../api/api.fixtures'
import { DomainError } from '../domain-error'
import { createPosts } from './create-posts'
import { deletePost } from './delete-posts'
import { lookupPosts } from './post-client'

async function newPost(authorId: string): Promise<string> {
  const post = { authorId, text: 'to be deleted', createdAt: Date.now(), media: [], subscriberOnly: false }
  const { items } = await createPosts(env, [{ ...post, language: 'en' }], { strictRefs: true })
  const id = items[0]?.record.id
  if (id === undefined) throw new Error('post not created')
  return id
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) =>
      err instanceof DomainError ? { kind: err.kind, code: err.code, field: err.field } : err,
  )

describe('deletePost', () => {
  it('lets the author delete, once; then the post is gone', async () => {
    const author = uniqueId()
    const id = await newPost(author)
    await deletePost(env, id, { kind: 'user', userId: author }, Date.now())
    expect((await lookupPosts(env, [id])).has(id)).toBe(false)
    expect((await lookupPosts(env, [id], true)).get(id)?.deletedAt).toBeTypeOf('number')
    expect(await failure(deletePost(env, id, { kind: 'user', userId: author }, Date.now()))).toEqual({
      kind: 'not_found',
      code: 'post_not_found',
      field: 'id',
    })
  })

  it('refuses anyone but the author with forbidden/not_author and keeps the post; the admin may', async () => {
    const id = await newPost(uniqueId())
    expect(await failure(deletePost(env, id, { kind: 'user', userId: uniqueId() }, Date.now()))).toEqual({
      kind: 'forbidden',
      code: 'not_author',
      field: undefined,
    })
    expect((await lookupPosts(env, [id])).has(id)).toBe(true)
    await deletePost(env, id, { kind: 'admin' }, Date.now())
    expect((await lookupPosts(env, [id])).has(id)).toBe(false)
  })
})
