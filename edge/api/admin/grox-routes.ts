// Grox's admin routes: the live-request path (upstream's gRPC server: one post through the same
// PlanMaster, synchronously), the stats, drain, re-drive and a post's sink outputs.
import { z } from 'zod'
import { idSchema } from '../../../shared/types/api/common.ts'
import {
  groxAnalyzeBody,
  groxAnalyzeResponse,
  groxDrainBody,
  groxPostOutputsResponse,
  groxRedriveBody,
  groxStatsResponse,
} from '../../../shared/types/api/grox.ts'
import { postNotFound } from '../../domain-error'
import { TASK_ELIGIBILITIES } from '../../grox/core/types'
import { groxDispatcher } from '../../grox/dispatcher/grox-dispatcher'
import { defaultPlanMaster } from '../../grox/engine/default-plan-master'
import { groxServices } from '../../grox/engine/grox-services'
import { sinkRecords, sinkTotals } from '../../grox/store/grox-store-client'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

const analyze = defineRoute({
  method: 'post',
  path: '/grox/analyze',
  summary: 'Analyse one post now through every eligible Grox plan and return the merged result',
  description:
    'The live path: the same PlanMaster as the queue, run synchronously. Sinks keep their first write, so a later queued task for the post finds them written.',
  callers: ['admin'],
  request: { body: jsonBody(groxAnalyzeBody) },
  responses: { 200: jsonContent(groxAnalyzeResponse, 'The merged result and what each plan did') },
})

const stats = defineRoute({
  method: 'get',
  path: '/grox/stats',
  summary:
    'Grox per stream, plan and task: queued, in flight, succeeded, skipped, failed, dead-lettered; recent labels',
  callers: ['admin'],
  responses: { 200: jsonContent(groxStatsResponse, 'Grox stats') },
})

const drain = defineRoute({
  method: 'post',
  path: '/grox/drain',
  summary: 'Stop (drain: true) or resume releasing Grox tasks; in-flight tasks finish, new messages are kept',
  callers: ['admin'],
  request: { body: jsonBody(groxDrainBody) },
  responses: {
    200: jsonContent(
      groxStatsResponse.omit({ sinks: true, unavailablePlans: true }),
      'Stats after the change',
    ),
  },
})

const redrive = defineRoute({
  method: 'post',
  path: '/grox/redrive',
  summary: "Re-drive dead-lettered Grox tasks into their stream's recovery stream",
  callers: ['admin'],
  request: { body: jsonBody(groxRedriveBody) },
  responses: { 200: jsonContent(z.object({ redriven: z.number().int() }), 'How many were re-driven') },
})

const outputs = defineRoute({
  method: 'get',
  path: '/grox/posts/{id}',
  summary: "What Grox's sinks wrote for one post (first write per sink)",
  callers: ['admin'],
  request: { params: z.strictObject({ id: idSchema }) },
  responses: { 200: jsonContent(groxPostOutputsResponse, 'Sink writes') },
})

export const groxRoutes = newApi()
  .openapi(analyze, async (c) => {
    const { postId, eligibilities } = c.req.valid('json')
    const services = groxServices(c.env)
    const post = await services.loaders.loadPost(postId)
    if (!post) throw postNotFound(postId, 'postId')
    const user = await services.loaders.loadUser(post.authorId)
    const master = defaultPlanMaster()
    const run = await master.exec(
      {
        payloadId: `live:${crypto.randomUUID()}`,
        attempt: 0,
        eligibilities: [...(eligibilities ?? TASK_ELIGIBILITIES)],
        post,
        ...(user ? { user } : {}),
      },
      services,
    )
    const r = run.result
    return c.json(
      {
        postId,
        success: r.success,
        ...(r.error ? { error: r.error } : {}),
        reason: r.reason,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        contentCategories: r.contentCategories,
        embedding: r.multimodalPostEmbedding ?? null,
        plans: run.plans,
        unavailablePlans: [...master.unavailable],
      },
      200,
    )
  })
  .openapi(stats, async (c) => {
    const [dispatcher, sinks] = await Promise.all([groxDispatcher(c.env).stats(), sinkTotals(c.env)])
    return c.json({ ...dispatcher, sinks, unavailablePlans: [...defaultPlanMaster().unavailable] }, 200)
  })
  .openapi(drain, async (c) => c.json(await groxDispatcher(c.env).drain(c.req.valid('json').drain), 200))
  .openapi(redrive, async (c) => c.json(await groxDispatcher(c.env).redrive(c.req.valid('json').limit), 200))
  .openapi(outputs, async (c) => {
    const { id } = c.req.valid('param')
    const records = await sinkRecords(c.env, [id])
    return c.json(
      {
        postId: id,
        sinks: records.map(({ sink, value, writtenAt, refused }) => ({ sink, value, writtenAt, refused })),
      },
      200,
    )
  })
