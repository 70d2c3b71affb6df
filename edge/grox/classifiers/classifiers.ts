// Backend choice: the LLM backend when GROX_LLM_URL is set, the embedded one otherwise (no configuration,
// no network). One ChatClient per isolate per setting, so its circuit breaker sees every call.
import type { Env } from '../../env'
import type { GroxClassifiers } from './classifier-backend'
import { embeddedClassifiers } from './embedded/embedded-backend'
import { ChatClient, type ChatSettings } from './llm/chat-client'
import { llmClassifiers } from './llm/llm-backend'

/** The settings: wrangler.toml [vars] (empty by default) and the secret GROX_LLM_KEY (edge/env.ts). */
export type GroxLlmEnv = Partial<
  Pick<Env, 'GROX_LLM_URL' | 'GROX_LLM_MODEL' | 'GROX_LLM_KEY' | 'GROX_LLM_TIMEOUT_MS'>
>

/** Upstream's ModelConfig timeout (60 s) unless GROX_LLM_TIMEOUT_MS says otherwise. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000

export function llmSettings(env: GroxLlmEnv): ChatSettings | undefined {
  if (!env.GROX_LLM_URL) return undefined
  const timeout = Number(env.GROX_LLM_TIMEOUT_MS)
  return {
    url: env.GROX_LLM_URL,
    model: env.GROX_LLM_MODEL || 'default',
    ...(env.GROX_LLM_KEY ? { key: env.GROX_LLM_KEY } : {}),
    timeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : DEFAULT_LLM_TIMEOUT_MS,
  }
}

const clients = new Map<string, ChatClient>()
let embedded: GroxClassifiers | undefined

export function chatClientFor(settings: ChatSettings): ChatClient {
  const key = JSON.stringify(settings)
  const existing = clients.get(key)
  if (existing) return existing
  const client = new ChatClient(settings)
  clients.set(key, client)
  return client
}

export function groxClassifiers(env: GroxLlmEnv): GroxClassifiers {
  const settings = llmSettings(env)
  if (settings) return llmClassifiers(chatClientFor(settings))
  embedded ??= embeddedClassifiers()
  return embedded
}
