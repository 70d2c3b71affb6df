// The chat-completions client against the FAKE endpoint (llm/fake-chat-endpoint.ts): request shape,
// timeout, HTTP errors, and the circuit breaker opening, half-opening and closing on an injected clock.
import { describe, expect, it } from 'vitest'
import { ChatClient, ChatHttpError, ChatTimeoutError } from './chat-client'
import { CircuitOpenError } from './circuit-breaker'
import { type FakeAnswer, fakeChatEndpoint } from './fake-chat-endpoint'

function client(answer: () => FakeAnswer, now?: () => number, timeoutMs = 1000) {
  const fake = fakeChatEndpoint(answer)
  const breaker = {
    failureRate: 0.5,
    windowMs: 120_000,
    minCalls: 4,
    recoveryMs: 600_000,
    halfOpenCalls: 2,
    ...(now ? { now } : {}),
  }
  return {
    fake,
    chat: new ChatClient({ url: 'http://fake/', model: 'm', key: 'secret', timeoutMs }, fake.fetch, breaker),
  }
}

const ask = (c: ChatClient) => c.complete([{ role: 'user', content: 'hi' }])

describe('ChatClient', () => {
  it('posts to /v1/chat/completions with the model and bearer key, and returns the message', async () => {
    const { fake, chat } = client(() => '  hello  ')
    expect(await ask(chat)).toBe('hello')
    expect(fake.requests[0]).toMatchObject({
      url: 'http://fake/v1/chat/completions',
      model: 'm',
      authorization: 'Bearer secret',
    })
  })

  it('times out a call that does not answer', async () => {
    const { chat } = client(() => 'hang', undefined, 20)
    await expect(ask(chat)).rejects.toBeInstanceOf(ChatTimeoutError)
  })

  it('reports an HTTP error with its status', async () => {
    const { chat } = client(() => ({ status: 503, body: 'overloaded' }))
    await expect(ask(chat)).rejects.toMatchObject({ name: 'ChatHttpError', status: 503 })
    await expect(ask(chat)).rejects.toBeInstanceOf(ChatHttpError)
  })
})

describe('circuit breaker', () => {
  it('opens at the failure rate, refuses without calling, half-opens after recovery and closes on good probes', async () => {
    let now = 0
    let failing = true
    const { fake, chat } = client(
      () => (failing ? { status: 500 } : 'ok'),
      () => now,
    )
    for (let i = 0; i < 4; i++) await expect(ask(chat)).rejects.toBeInstanceOf(ChatHttpError)
    expect(chat.breaker.state()).toBe('open')
    await expect(ask(chat)).rejects.toBeInstanceOf(CircuitOpenError)
    expect(fake.requests).toHaveLength(4)

    now += 600_000
    failing = false
    expect(chat.breaker.state()).toBe('half_open')
    expect(await ask(chat)).toBe('ok')
    expect(chat.breaker.state()).toBe('half_open')
    expect(await ask(chat)).toBe('ok')
    expect(chat.breaker.state()).toBe('closed')
  })

  it('re-opens when a half-open probe fails', async () => {
    let now = 0
    const { chat } = client(
      () => ({ status: 500 }),
      () => now,
    )
    for (let i = 0; i < 4; i++) await expect(ask(chat)).rejects.toThrow()
    now += 600_000
    await expect(ask(chat)).rejects.toBeInstanceOf(ChatHttpError)
    expect(chat.breaker.state()).toBe('open')
  })

  it('stays closed below the minimum number of calls', async () => {
    const { chat } = client(() => ({ status: 500 }))
    for (let i = 0; i < 3; i++) await expect(ask(chat)).rejects.toThrow()
    expect(chat.breaker.state()).toBe('closed')
  })
})
