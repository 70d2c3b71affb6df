// A follow edge, defined once: [follower, followee], the form bulk ingest and the world seed both use.
import { z } from 'zod'
import { idSchema } from './api/common.ts'

export const followSchema = z.tuple([idSchema, idSchema])
export type Follow = z.infer<typeof followSchema>
