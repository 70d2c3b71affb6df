// OpenAI-compatible chat-completions client (POST {url}/v1/chat/completions) for classification,
// summarisation and ASR, with a per-call timeout and a circuit breaker. `fetcher` is injectable so tests
// can point it at a fake endpoint (a Worker fetch handler) without any network.
import { CircuitBreaker, type CircuitBreakerOptions, DEFAULT_BREAKER } from './circuit-breaker'

export interface ChatSettings {
  /** Base URL, e.g. https://api.example.com (the client appends /v1/chat/completions). */
  url: string
  model: string
  key?: string
  timeoutMs: number
}

export type ChatContent =
  | string
  | ({ type: 'text'; text: string } | { type: 'audio_url'; audio_url: { url: string } })[]

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: ChatContent
}

export class ChatTimeoutError extends Error {
  override name = 'ChatTimeoutError'
}

export class ChatHttpError extends Error {
  override name = 'ChatHttpError'
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`chat completion failed with HTTP ${status}: ${body.slice(0, 200)}`)
  }
}

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>

export class ChatClient {
  readonly breaker: CircuitBreaker

  constructor(
    readonly settings: ChatSettings,
    private readonly fetcher: Fetcher = (input, init) => fetch(input, init),
    breaker: CircuitBreakerOptions = DEFAULT_BREAKER,
  ) {
    this.breaker = new CircuitBreaker(breaker)
  }

  /** The assistant message's text. Throws ChatTimeoutError, ChatHttpError or CircuitOpenError. */
  complete(
    messages: ChatMessage[],
    opts: { temperature?: number; maxTokens?: number } = {},
  ): Promise<string> {
    return this.breaker.call(() => this.post(messages, opts))
  }

  private async post(
    messages: ChatMessage[],
    opts: { temperature?: number; maxTokens?: number },
  ): Promise<string> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, this.settings.timeoutMs)
    try {
      const res = await this.fetcher(`${this.settings.url.replace(/\/+$/, '')}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.settings.key ? { authorization: `Bearer ${this.settings.key}` } : {}),
        },
        body: JSON.stringify({
          model: this.settings.model,
          messages,
          temperature: opts.temperature ?? 0,
          ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}),
        }),
        signal: controller.signal,
      })
      if (!res.ok) throw new ChatHttpError(res.status, await res.text())
      const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] }
      const content = body.choices?.[0]?.message?.content
      if (typeof content !== 'string') throw new ChatHttpError(res.status, 'no choices[0].message.content')
      return content.trim()
    } catch (err) {
      if (timedOut)
        throw new ChatTimeoutError(`chat completion timed out after ${this.settings.timeoutMs} ms`)
      throw err
    } finally {
      clearTimeout(timer)
    }
  }
}
