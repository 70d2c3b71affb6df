import { type InNetworkPost, inNetworkPostSchema } from '../../../shared/types/api/thunder.ts'
import { pickFields } from '../../../shared/util/defined.ts'
import type { StoredPost } from '../../thunder/stored-post'

const IN_NETWORK_FIELDS = Object.keys(inNetworkPostSchema.shape) as (keyof InNetworkPost)[]

/** The wire form of a Thunder post: its identity and relations, without the parent facts. */
export function toInNetworkPost(p: StoredPost): InNetworkPost {
  return pickFields(p, IN_NETWORK_FIELDS)
}
