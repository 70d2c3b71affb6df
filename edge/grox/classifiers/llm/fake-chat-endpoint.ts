// A FAKE OpenAI-compatible chat-completions endpoint for tests: a fetch handler answering
// POST /v1/chat/completions with what the test scripts, recording each request. It can also answer an
// HTTP error or never answer (until the caller aborts). Nothing leaves the process.

export interface FakeChatRequest {
  url: string
  model: string
  system: string
  user: string
  authorization: string | null
}

export type FakeAnswer = string | { status: number; body?: string } | 'hang'

export function fakeChatEndpoint(answer: (req: FakeChatRequest) => FakeAnswer) {
  const requests: FakeChatRequest[] = []
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init.body)) as {
      model: string
      messages: { role: string; content: unknown }[]
    }
    const text = (role: string) => {
      const c = body.messages.find((m) => m.role === role)?.content
      return typeof c === 'string' ? c : JSON.stringify(c ?? '')
    }
    const headers = new Headers(init.headers)
    const req = {
      url,
      model: body.model,
      system: text('system'),
      user: text('user'),
      authorization: headers.get('authorization'),
    }
    requests.push(req)
    const reply = answer(req)
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    }
    if (typeof reply !== 'string') return new Response(reply.body ?? 'error', { status: reply.status })
    return Response.json({
      choices: [{ message: { role: 'assistant', content: reply } }],
      usage: { total_tokens: 1 },
    })
  }
  return { fetch, requests }
}
