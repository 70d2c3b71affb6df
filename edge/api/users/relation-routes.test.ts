import { describe, expect, it } from 'vitest'
import { relationListSchema, userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, failure, newUser, uniqueId } from '../api.fixtures'

async function profile(id: string) {
  return userViewSchema.parse((await call('GET', `/v1/users/${id}`, { token: ADMIN })).body)
}

async function list(id: string, kind: string, token: string) {
  const res = await call('GET', `/v1/users/${id}/${kind}`, { token })
  expect(res.status).toBe(200)
  return relationListSchema.parse(res.body).ids
}

describe('follow, block and mute routes', () => {
  it('follows and unfollows idempotently, keeping follower counts', async () => {
    const a = await newUser()
    const b = await newUser()
    const follow = () => call('PUT', `/v1/users/${a.id}/following/${b.id}`, { token: a.token })
    expect((await follow()).body).toEqual({ targetId: b.id, active: true, changed: true, pending: false })
    expect((await follow()).body).toEqual({ targetId: b.id, active: true, changed: false, pending: false })
    expect(await list(a.id, 'following', a.token)).toEqual([b.id])
    expect(await profile(b.id)).toMatchObject({ followersCount: 1 })
    expect(await profile(a.id)).toMatchObject({ followingCount: 1 })
    const unfollow = () => call('DELETE', `/v1/users/${a.id}/following/${b.id}`, { token: a.token })
    expect((await unfollow()).body).toMatchObject({ targetId: b.id, active: false, changed: true })
    expect((await unfollow()).body).toMatchObject({ changed: false })
    expect(await profile(b.id)).toMatchObject({ followersCount: 0 })
  })

  it('blocking unfollows; mutes and blocks list and undo', async () => {
    const a = await newUser()
    const b = await newUser()
    await call('PUT', `/v1/users/${a.id}/following/${b.id}`, { token: a.token })
    expect((await call('PUT', `/v1/users/${a.id}/blocks/${b.id}`, { token: a.token })).status).toBe(200)
    expect(await list(a.id, 'following', a.token)).toEqual([])
    expect(await list(a.id, 'blocks', a.token)).toEqual([b.id])
    expect(await profile(b.id)).toMatchObject({ followersCount: 0 })
    await call('PUT', `/v1/users/${a.id}/mutes/${b.id}`, { token: ADMIN })
    expect(await list(a.id, 'mutes', ADMIN)).toEqual([b.id])
    await call('DELETE', `/v1/users/${a.id}/mutes/${b.id}`, { token: a.token })
    await call('DELETE', `/v1/users/${a.id}/blocks/${b.id}`, { token: a.token })
    expect(await list(a.id, 'mutes', a.token)).toEqual([])
    expect(await list(a.id, 'blocks', a.token)).toEqual([])
  })

  it('rejects self-targets, unknown targets and malformed ids', async () => {
    const a = await newUser()
    for (const kind of ['following', 'blocks', 'mutes']) {
      expect(failure(await call('PUT', `/v1/users/${a.id}/${kind}/${a.id}`, { token: a.token }))).toEqual({
        status: 400,
        code: 'invalid_request',
        field: 'targetId',
      })
      expect(
        failure(await call('PUT', `/v1/users/${a.id}/${kind}/${uniqueId()}`, { token: a.token })),
      ).toEqual({
        status: 404,
        code: 'user_not_found',
        field: 'targetId',
      })
      expect(failure(await call('PUT', `/v1/users/${a.id}/${kind}/x1`, { token: a.token }))).toMatchObject({
        status: 400,
        field: 'targetId',
      })
    }
    const ghost = uniqueId()
    expect(failure(await call('GET', `/v1/users/${ghost}/following`, { token: ADMIN }))).toEqual({
      status: 404,
      code: 'user_not_found',
      field: 'id',
    })
  })
})
