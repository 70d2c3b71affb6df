// How tasks reach the classifiers: the backend `groxClassifiers` picks from the Worker's env (LLM when
// GROX_LLM_URL is set, embedded otherwise), unless a test handed the task its own.

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import { chatClientFor, groxClassifiers, llmSettings } from '../classifiers/classifiers'
import type { ChatClient } from '../classifiers/llm/chat-client'
import type { TaskContext } from '../core/types'

export function classifiersFor(ctx: TaskContext, override?: GroxClassifiers): GroxClassifiers {
  return override ?? groxClassifiers(ctx.services.env)
}

export function groxClassifierSettings(ctx: TaskContext): { key: string; client?: ChatClient } {
  const settings = llmSettings(ctx.services.env)
  return settings ? { key: JSON.stringify(settings), client: chatClientFor(settings) } : { key: 'none' }
}
