import { describe, expect, it } from 'vitest'
import type { Follow } from '../../shared/types/follow.ts'
import { chunkBundles, userChunks } from './seed-user-chunks'

const account = (id: string) => ({ id, handle: `h${id}` })
const engagement = (userId: string, postId: string) => ({ userId, postId, action: 'favorite' })

describe('userChunks', () => {
  it("puts a user's follows and engagements in the chunk holding its account, and orphans last", () => {
    const follows: Follow[] = [
      ['1', '2'],
      ['3', '1'],
      ['9', '1'],
      ['2', '3'],
    ]
    const chunks = userChunks(
      ['1', '2', '3'].map(account),
      follows,
      [engagement('3', 'p1'), engagement('1', 'p2'), engagement('8', 'p3')],
      2,
    )
    expect(chunks).toEqual([
      {
        users: 2,
        accounts: [account('1'), account('2')],
        follows: [
          [
            ['1', '2'],
            ['2', '3'],
          ],
        ],
        engagements: [[engagement('1', 'p2')]],
      },
      { users: 1, accounts: [account('3')], follows: [[['3', '1']]], engagements: [[engagement('3', 'p1')]] },
      { users: 0, accounts: [], follows: [[['9', '1']]], engagements: [[engagement('8', 'p3')]] },
    ])
  })

  it('holds 100 users by default, so a chunk keeps the local runtime busy for seconds, not tens', () => {
    const accounts = Array.from({ length: 250 }, (_, i) => account(String(i + 1)))
    expect(userChunks(accounts, [], []).map((c) => c.users)).toEqual([100, 100, 50])
  })

  it("splits a chunk's follows at the route's 5,000 limit", () => {
    const many: Follow[] = Array.from({ length: 12_001 }, (_, i) => ['1', String(i + 10)])
    const [chunk] = userChunks([account('1')], many, [])
    expect(chunk?.follows.map((b) => b.length)).toEqual([5000, 5000, 2001])
    expect(chunk?.engagements).toEqual([])
  })

  it("splits a chunk's engagements at the users route's 4,000 limit", () => {
    const many = Array.from({ length: 9000 }, (_, i) => engagement('1', `p${i}`))
    const [chunk] = userChunks([account('1')], [], many)
    expect(chunk?.engagements.map((b) => b.length)).toEqual([4000, 4000, 1000])
  })

  it('sends the accounts with the first batches, and any further batches after them', () => {
    const follows: Follow[] = Array.from({ length: 5001 }, (_, i) => ['1', String(i + 10)])
    const [chunk] = userChunks([account('1'), account('2')], follows, [engagement('2', 'p1')])
    if (chunk === undefined) throw new Error('no chunk')
    const bundles = chunkBundles(chunk)
    expect(bundles.map((b) => [b.accounts.length, b.follows.length, b.engagements.length])).toEqual([
      [2, 5000, 1],
      [0, 1, 0],
    ])
    expect(bundles[1]?.follows).toEqual([['1', '5010']])
    // A chunk of accounts alone is one call.
    const [alone] = userChunks([account('3')], [], [])
    expect(alone && chunkBundles(alone)).toEqual([{ accounts: [account('3')], follows: [], engagements: [] }])
  })
})
