// The relation rules through the public API: following a protected account is a request its owner
// approves or declines; a block removes follows and pending requests both ways and stops new ones.
import { describe, expect, it } from 'vitest'
import { relationListSchema, userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, failure, newUser, type TestUser } from '../api.fixtures'

const profile = async (u: TestUser) =>
  userViewSchema.parse((await call('GET', `/v1/users/${u.id}`, { token: ADMIN })).body)
const list = async (u: TestUser, what: string) => {
  const res = await call('GET', `/v1/users/${u.id}/${what}`, { token: u.token })
  expect(res.status, res.text).toBe(200)
  return relationListSchema.parse(res.body).ids
}
const follow = (v: TestUser, a: TestUser) =>
  call('PUT', `/v1/users/${v.id}/following/${a.id}`, { token: v.token })
const unfollow = (v: TestUser, a: TestUser) =>
  call('DELETE', `/v1/users/${v.id}/following/${a.id}`, { token: v.token })
const block = (by: TestUser, t: TestUser) =>
  call('PUT', `/v1/users/${by.id}/blocks/${t.id}`, { token: by.token })
const unblock = (by: TestUser, t: TestUser) =>
  call('DELETE', `/v1/users/${by.id}/blocks/${t.id}`, { token: by.token })
const answer = (owner: TestUser, requester: TestUser, verb: 'approve' | 'decline') =>
  call('POST', `/v1/users/${owner.id}/follow-requests/${requester.id}/${verb}`, { token: owner.token })

describe('follow requests to protected accounts', () => {
  it('following a protected account is a pending request until the owner approves it', async () => {
    const owner = await newUser({ protected: true })
    const fan = await newUser()
    expect((await follow(fan, owner)).body).toEqual({
      targetId: owner.id,
      active: true,
      changed: true,
      pending: true,
    })
    expect((await follow(fan, owner)).body).toEqual({
      targetId: owner.id,
      active: true,
      changed: false,
      pending: true,
    })
    expect(await list(fan, 'following')).toEqual([])
    expect(await profile(owner)).toMatchObject({ followersCount: 0 })
    expect(await list(owner, 'follow-requests')).toEqual([fan.id])

    const approved = await answer(owner, fan, 'approve')
    expect(approved.body).toEqual({ requesterId: fan.id, status: 'approved' })
    expect(await list(fan, 'following')).toEqual([owner.id])
    expect(await list(owner, 'follow-requests')).toEqual([])
    expect(await profile(owner)).toMatchObject({ followersCount: 1 })
    expect((await follow(fan, owner)).body).toMatchObject({ changed: false, pending: false })
    expect(failure(await answer(owner, fan, 'approve'))).toEqual({
      status: 404,
      code: 'follow_request_not_found',
      field: 'requesterId',
    })
  })

  it('a declined or withdrawn request leaves no follow, and a public account is followed at once', async () => {
    const owner = await newUser({ protected: true })
    const fan = await newUser()
    await follow(fan, owner)
    expect((await answer(owner, fan, 'decline')).body).toEqual({ requesterId: fan.id, status: 'declined' })
    expect(await list(owner, 'follow-requests')).toEqual([])
    expect(await list(fan, 'following')).toEqual([])
    await follow(fan, owner)
    expect((await unfollow(fan, owner)).body).toMatchObject({ changed: true, active: false })
    expect(await list(owner, 'follow-requests')).toEqual([])
    const open = await newUser()
    expect((await follow(fan, open)).body).toEqual({
      targetId: open.id,
      active: true,
      changed: true,
      pending: false,
    })
  })

  it('only the owner (or the admin) answers, and only existing requests', async () => {
    const owner = await newUser({ protected: true })
    const fan = await newUser()
    await follow(fan, owner)
    const asFan = await call('POST', `/v1/users/${owner.id}/follow-requests/${fan.id}/approve`, {
      token: fan.token,
    })
    expect(asFan.status).toBe(403)
    const stranger = await newUser()
    expect(failure(await answer(owner, stranger, 'decline'))).toMatchObject({
      status: 404,
      field: 'requesterId',
    })
    const byAdmin = await call('POST', `/v1/users/${owner.id}/follow-requests/${fan.id}/approve`, {
      token: ADMIN,
    })
    expect(byAdmin.status).toBe(200)
  })
})

describe('an account that stops being protected', () => {
  it('lets its pending requests in as followers', async () => {
    const owner = await newUser({ protected: true })
    const fans = [await newUser(), await newUser()]
    for (const fan of fans) await follow(fan, owner)
    const res = await call('PATCH', `/v1/users/${owner.id}`, {
      token: owner.token,
      body: { protected: false },
    })
    expect(userViewSchema.parse(res.body)).toMatchObject({ protected: false, followersCount: 2 })
    expect(await list(owner, 'follow-requests')).toEqual([])
    for (const fan of fans) expect(await list(fan, 'following')).toEqual([owner.id])
  })
})

type Pair = { a: TestUser; b: TestUser }

// Each row: a relation state before A blocks B, and what must hold after the block.
const BLOCK_CASES: [string, { aProtected?: boolean; bProtected?: boolean }, (p: Pair) => Promise<unknown>][] =
  [
    ['A follows B', {}, ({ a, b }) => follow(a, b)],
    ['B follows A', {}, ({ a, b }) => follow(b, a)],
    ['both follow each other', {}, async ({ a, b }) => [await follow(a, b), await follow(b, a)]],
    ['B requested to follow protected A', { aProtected: true }, ({ a, b }) => follow(b, a)],
    ['A requested to follow protected B', { bProtected: true }, ({ a, b }) => follow(a, b)],
  ]

describe('a block', () => {
  it.each(BLOCK_CASES)('removes follows and requests both ways: %s', async (_, p, before) => {
    const a = await newUser({ protected: p.aProtected ?? false })
    const b = await newUser({ protected: p.bProtected ?? false })
    await before({ a, b })
    expect((await block(a, b)).status).toBe(200)
    expect(await list(a, 'following')).toEqual([])
    expect(await list(b, 'following')).toEqual([])
    expect(await list(a, 'follow-requests')).toEqual([])
    expect(await list(b, 'follow-requests')).toEqual([])
    expect(await profile(a)).toMatchObject({ followersCount: 0, followingCount: 0 })
    expect(await profile(b)).toMatchObject({ followersCount: 0, followingCount: 0 })
  })

  it.each([
    ['public', false],
    ['protected', true],
  ])('stops the blocked user following the %s blocker, and the blocker following them', async (_, prot) => {
    const a = await newUser({ protected: prot })
    const b = await newUser()
    await block(a, b)
    expect(failure(await follow(b, a))).toEqual({ status: 403, code: 'blocked_by_target', field: 'targetId' })
    expect(failure(await follow(a, b))).toEqual({ status: 409, code: 'target_blocked', field: 'targetId' })
    expect(await list(b, 'following')).toEqual([])
    expect(await list(a, 'follow-requests')).toEqual([])
    await unblock(a, b)
    expect((await follow(b, a)).status).toBe(200)
  })
})
