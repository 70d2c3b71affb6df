// Environment disable rules (seed 000's disable_rules.py). ENVIRONMENT maps to local/dev/prod in the
// engine (core/types.ts GroxEnvironment). Upstream splits prod into clusters (mm-emb prod, PTOS prod);
// one deployment of ours runs every workload, so those two rules mean "not prod" here.
import type { TaskContext } from '../core/types'

export interface DisableRule {
  readonly reason: string
  disables(ctx: TaskContext): boolean
}

export const DISABLE_FOR_LOCAL: DisableRule = {
  reason: 'Task is disabled for local mode',
  disables: (ctx) => ctx.services.environment === 'local',
}

export const DISABLE_FOR_DEV: DisableRule = {
  reason: 'Task is disabled for dev mode',
  disables: (ctx) => ctx.services.environment === 'dev',
}

export const DISABLE_FOR_NON_PROD: DisableRule = {
  reason: 'Task is disabled for non-prod mode',
  disables: (ctx) => ctx.services.environment !== 'prod',
}

export const DISABLE_FOR_NON_MM_EMB_PROD: DisableRule = {
  reason: 'Task is disabled for non-mm-emb-prod mode',
  disables: (ctx) => ctx.services.environment !== 'prod',
}

export const DISABLE_FOR_NON_PTOS_PROD: DisableRule = {
  reason: 'Task is disabled for non-ptos-prod mode',
  disables: (ctx) => ctx.services.environment !== 'prod',
}
