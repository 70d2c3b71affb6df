// PTOS: the category pass feeding the policy pass, the deluxe adult-content recheck (kept when the policy
// pass confirms it, removed when it comes back clean, never injected in standard mode), and the sink that
// turns confirmed policies into post labels in the post store (real PostStore, posts made through the API).
import { describe, expect, it } from 'vitest'
import { newPost, newUser } from '../../api/api.fixtures'
import type { GroxPost } from '../core/types'
import { SafetyPtosCategoryDetection } from './safety-ptos-category'
import { ADULT_CONTENT_RECHECK_REASON, SafetyPtosPolicyDetection } from './safety-ptos-policy'
import { groxLabels, labelsFromPolicies } from './sinks/safety-labels'
import { WriteSafetyPostAnnotationsSink } from './sinks/write-safety-annotations'
import { context, FakeClassifiers, post, testEnv, user } from './tasks.fixtures'

async function runPtos(fake: FakeClassifiers, deluxe: boolean, subject: GroxPost = post(user(5))) {
  const { ctx } = context(subject, { taskType: deluxe ? 'safety_ptos_deluxe_stream' : 'post_stream' })
  await new SafetyPtosCategoryDetection({}, fake).run(ctx, {})
  const outcome = await new SafetyPtosPolicyDetection({}, fake).run(ctx, {})
  return { ctx, outcome }
}

describe('PTOS category then policy', () => {
  it('asks the policy pass once per flagged category and keeps its verdicts', async () => {
    const fake = new FakeClassifiers()
    fake.categories = { violatedPolicies: [{ category: 'HateOrAbuse', score: 80 }] }
    fake.policies = { HateOrAbuse: { policyType: 'SlursWithTarget', confidenceScore: 90 } }
    const { ctx } = await runPtos(fake, false)
    expect(fake.calls).toEqual(['ptosCategories:false', 'ptosPolicy:HateOrAbuse:false'])
    expect(ctx.safetyAnnotations?.violatedPolicies).toEqual([
      {
        category: 'HateOrAbuse',
        score: 80,
        safetyPolicy: { policyType: 'SlursWithTarget', confidenceScore: 90 },
      },
    ])
  })

  it('deluxe: injects an adult-content recheck and removes it when it comes back clean', async () => {
    const fake = new FakeClassifiers()
    const { ctx } = await runPtos(fake, true)
    expect(fake.calls).toEqual(['ptosCategories:true', 'ptosPolicy:AdultContent:true'])
    expect(ctx.safetyAnnotations?.violatedPolicies).toEqual([])
  })

  it('deluxe: keeps the recheck when the policy pass confirms adult content', async () => {
    const fake = new FakeClassifiers()
    fake.policies = { AdultContent: { policyType: 'SexualSoft', confidenceScore: 70 } }
    const { ctx } = await runPtos(fake, true)
    expect(ctx.safetyAnnotations?.violatedPolicies).toEqual([
      {
        category: 'AdultContent',
        reason: ADULT_CONTENT_RECHECK_REASON,
        score: 50,
        safetyPolicy: { policyType: 'SexualSoft', confidenceScore: 70 },
      },
    ])
  })

  it('deluxe: no recheck when the category pass already flagged adult content', async () => {
    const fake = new FakeClassifiers()
    fake.categories = { violatedPolicies: [{ category: 'AdultContent', score: 90 }] }
    fake.policies = { AdultContent: { policyType: 'SexualHard' } }
    const { ctx } = await runPtos(fake, true)
    expect(fake.calls.filter((c) => c.startsWith('ptosPolicy'))).toEqual(['ptosPolicy:AdultContent:true'])
    expect(ctx.safetyAnnotations?.violatedPolicies.map((v) => v.reason)).toEqual([undefined])
  })

  it('standard mode never injects the recheck', async () => {
    const fake = new FakeClassifiers()
    const { ctx } = await runPtos(fake, false)
    expect(fake.calls).toEqual(['ptosCategories:false'])
    expect(ctx.safetyAnnotations?.violatedPolicies).toEqual([])
  })

  it('the policy pass does nothing without category annotations', async () => {
    const fake = new FakeClassifiers()
    const { ctx } = context(post(user(5)), { taskType: 'safety_ptos_deluxe_stream' })
    expect(await new SafetyPtosPolicyDetection({}, fake).run(ctx, {})).toEqual({ status: 'success' })
    expect(fake.calls).toEqual([])
  })
})

describe('PTOS labels', () => {
  it('maps confirmed policies to the visibility rules’ label names and ignores NoViolation', () => {
    expect(
      labelsFromPolicies([
        { category: 'AdultContent', safetyPolicy: { policyType: 'SexualHard' } },
        { category: 'HateOrAbuse', safetyPolicy: { policyType: 'InsultsWithTarget' } },
        { category: 'ViolentMedia', safetyPolicy: { policyType: 'NoViolation' } },
        { category: 'Spam' },
      ]),
    ).toEqual(['abuse_insults', 'nsfw_high_precision'])
  })

  it('writes labels into the post store, idempotently, and clears them on a clean re-run', {
    timeout: 60_000,
  }, async () => {
    const author = await newUser()
    const stored = await newPost(author, { text: 'a post to label' })
    const fake = new FakeClassifiers()
    fake.policies = { AdultContent: { policyType: 'SexualHard' } }
    const sink = new WriteSafetyPostAnnotationsSink()

    const first = await runPtos(fake, true, stored)
    const written = await sink.run(first.ctx, {})
    expect(written).toMatchObject({
      status: 'success',
      output: { sink: 'safety_ptos_deluxe', written: true, labels: ['nsfw_high_precision'] },
    })
    expect((await groxLabels(testEnv, [stored.id])).get(stored.id)).toEqual(['nsfw_high_precision'])

    // A redelivered task: same labels, and the annotation sink refuses the second write.
    const again = await runPtos(fake, true, stored)
    again.ctx.services.sinks = first.ctx.services.sinks
    expect(await sink.run(again.ctx, {})).toMatchObject({ output: { written: false } })
    expect((await groxLabels(testEnv, [stored.id])).get(stored.id)).toEqual(['nsfw_high_precision'])

    // The same source coming back clean removes what it set.
    fake.policies = {}
    const clean = await runPtos(fake, true, stored)
    await sink.run(clean.ctx, {})
    expect((await groxLabels(testEnv, [stored.id])).get(stored.id)).toBeUndefined()
  })
})
