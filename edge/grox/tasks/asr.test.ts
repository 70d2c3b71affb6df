// ASR: the processor's cache and in-flight dedupe, its failure taxonomy (every path answers; "no audio
// stream" is a skip), and the task's per-video handling, with scripted audio sources and transcribers.
import { describe, expect, it } from 'vitest'
import { ChatTimeoutError } from '../classifiers/llm/chat-client'
import {
  AsrProcessor,
  AudioExtractError,
  AudioExtractTimeout,
  type AudioSource,
  cleanTranscript,
  NO_AUDIO_SOURCE,
} from './asr-processor'
import { AsrTranscription } from './asr-transcription'
import { reasonCount } from './task-metrics'
import type { HydratedMedia } from './task-workspace'
import { context, post, user } from './tasks.fixtures'

const video: HydratedMedia = { index: 0, type: 'video', processedDurationMs: 10_000 }
const wav = new Uint8Array([1, 2, 3])
const audio: AudioSource = { extract: async () => wav }

describe('AsrProcessor', () => {
  it('caches a transcript per post and serves it without a second run', async () => {
    let runs = 0
    const p = new AsrProcessor(audio, async () => `run ${++runs}`)
    expect(await p.process('p1', video)).toEqual({ transcript: 'run 1' })
    expect(await p.process('p1', video)).toEqual({ transcript: 'run 1' })
    expect(runs).toBe(1)
  })

  it('expires the cache after its TTL', async () => {
    let now = 0
    let runs = 0
    const p = new AsrProcessor(
      audio,
      async () => `run ${++runs}`,
      () => now,
      300_000,
    )
    await p.process('p1', video)
    now = 300_001
    expect(await p.process('p1', video)).toEqual({ transcript: 'run 2' })
  })

  it('shares one run between concurrent callers for the same post', async () => {
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const p = new AsrProcessor(audio, async () => {
      runs++
      await gate
      return 'shared'
    })
    const both = Promise.all([p.process('p2', video), p.process('p2', video)])
    release()
    expect(await both).toEqual([{ transcript: 'shared' }, { transcript: 'shared' }])
    expect(runs).toBe(1)
  })

  it('names each failure and caches none of them', async () => {
    const cases: [AudioSource, (w: Uint8Array) => Promise<string>, string][] = [
      [NO_AUDIO_SOURCE, async () => 'x', 'no_audio_stream'],
      [
        {
          extract: async () => {
            throw new AudioExtractTimeout('slow')
          },
        },
        async () => 'x',
        'extract_timeout',
      ],
      [
        {
          extract: async () => {
            throw new AudioExtractError('bad codec')
          },
        },
        async () => 'x',
        'extract_error',
      ],
      [
        audio,
        async () => {
          throw new ChatTimeoutError('late')
        },
        'asr_timeout',
      ],
      [
        audio,
        async () => {
          throw new Error('boom')
        },
        'unknown',
      ],
    ]
    for (const [source, transcribe, error] of cases) {
      let calls = 0
      const p = new AsrProcessor(source, async (w) => {
        calls++
        return transcribe(w)
      })
      expect(await p.process('p3', video)).toMatchObject({ error })
      await p.process('p3', video)
      // A failure is not cached: the second call tried again (when the audio got as far as the transcriber).
      if (source === audio) expect(calls).toBe(2)
    }
  })

  it('unwraps <asr_text> tags', () => {
    expect(cleanTranscript('noise <asr_text> hello there </asr_text> tail')).toBe('hello there')
    expect(cleanTranscript('  plain  ')).toBe('plain')
  })
})

describe('AsrTranscription task', () => {
  const author = user(5)
  const withMedia = (media: GroxPostMedia) => post(author, { media })
  type GroxPostMedia = Parameters<typeof post>[1] extends infer E
    ? E extends { media?: infer M }
      ? M & {}
      : never
    : never

  it('succeeds with no transcript for a post without media or video, counting why', async () => {
    const task = new AsrTranscription({}, new AsrProcessor(audio, async () => 'never'))
    const before = reasonCount('asr_transcription.skipped', 'no_media')
    expect(await task.run(context(withMedia([])).ctx, {})).toEqual({ status: 'success', output: [] })
    expect(reasonCount('asr_transcription.skipped', 'no_media')).toBe(before + 1)
    expect((await task.run(context(withMedia([{ type: 'image' }])).ctx, {})).status).toBe('success')
  })

  it('treats "no audio stream" as a skip of that video, not an error of the task', async () => {
    const task = new AsrTranscription({}, new AsrProcessor(NO_AUDIO_SOURCE, async () => 'never'))
    const before = reasonCount('asr_transcription.skipped', 'no_audio_stream')
    const outcome = await task.run(context(withMedia([{ type: 'video', durationMs: 5000 }])).ctx, {})
    expect(outcome).toEqual({ status: 'success', output: [] })
    expect(reasonCount('asr_transcription.skipped', 'no_audio_stream')).toBe(before + 1)
  })

  it('transcribes videos, skips GIFs, and leaves the transcripts for the embedding', async () => {
    const task = new AsrTranscription({}, new AsrProcessor(audio, async () => 'spoken words'))
    const gifsBefore = reasonCount('asr_transcription.skipped', 'animated_gif')
    const subject = withMedia([{ type: 'gif' }, { type: 'video', durationMs: 5000 }])
    const outcome = await task.run(context(subject).ctx, {})
    expect(outcome).toEqual({ status: 'success', output: ['spoken words'] })
    expect(reasonCount('asr_transcription.skipped', 'animated_gif')).toBe(gifsBefore + 1)
  })

  it('counts a processor error and still succeeds (ASR is optional)', async () => {
    const task = new AsrTranscription(
      {},
      new AsrProcessor(audio, async () => {
        throw new ChatTimeoutError('late')
      }),
    )
    const before = reasonCount('asr_transcription.failed', 'processor_error', 'asr_timeout')
    const outcome = await task.run(context(withMedia([{ type: 'video', durationMs: 5000 }])).ctx, {})
    expect(outcome.status).toBe('success')
    expect(reasonCount('asr_transcription.failed', 'processor_error', 'asr_timeout')).toBe(before + 1)
  })
})
