// The ASR processor (seed 001's asr_processor.py) without its worker processes: an audio source (upstream:
// ffmpeg on the video URL) and a transcriber (an OpenAI-compatible chat completion with the audio as a
// data URL). Kept from upstream: the TTL cache (5 min, 1,000 posts; only successes are cached), the
// in-flight dedupe (concurrent callers for one post share one run) and the failure taxonomy — every path
// answers a result, "no audio stream" is a skip, not an error. Per isolate, as upstream is per process.
import type { ChatClient } from '../classifiers/llm/chat-client'
import { ChatTimeoutError } from '../classifiers/llm/chat-client'
import type { HydratedMedia } from './task-workspace'

export type AsrFailure = 'no_audio_stream' | 'extract_timeout' | 'extract_error' | 'asr_timeout' | 'unknown'
export type AsrResult = { transcript: string } | { error: AsrFailure; detail?: string }

export class AudioExtractTimeout extends Error {
  override name = 'AudioExtractTimeout'
}
export class AudioExtractError extends Error {
  override name = 'AudioExtractError'
}

/** Audio of one video as 16 kHz mono WAV bytes; null when the video has no audio stream. */
export interface AudioSource {
  extract(postId: string, video: HydratedMedia, maxDurationMs: number): Promise<Uint8Array | null>
}

export type Transcriber = (wav: Uint8Array) => Promise<string>

/** Our posts carry media descriptors, not media: no video has an audio stream to extract. */
export const NO_AUDIO_SOURCE: AudioSource = { extract: async () => null }

/** Upstream's ASR max audio duration (600 s). */
export const ASR_MAX_AUDIO_MS = 600_000

/** Unwraps <asr_text>…</asr_text> when the model used the tags. */
export function cleanTranscript(raw: string): string {
  let s = raw
  if (s.includes('<asr_text>')) s = s.split('<asr_text>')[1]!
  if (s.includes('</asr_text>')) s = s.split('</asr_text>')[0]!
  return s.trim()
}

export function chatTranscriber(client: ChatClient): Transcriber {
  return async (wav) => {
    let binary = ''
    for (let i = 0; i < wav.length; i += 0x8000) binary += String.fromCharCode(...wav.subarray(i, i + 0x8000))
    const raw = await client.complete(
      [
        {
          role: 'user',
          content: [
            { type: 'audio_url', audio_url: { url: `data:audio/wav;base64,${btoa(binary)}` } },
            { type: 'text', text: 'Transcribe this audio.' },
          ],
        },
      ],
      { maxTokens: 8192 },
    )
    return cleanTranscript(raw)
  }
}

export class AsrProcessor {
  private readonly cache = new Map<string, { transcript: string; until: number }>()
  private readonly inflight = new Map<string, Promise<AsrResult>>()

  constructor(
    private readonly source: AudioSource,
    private readonly transcribe: Transcriber | undefined,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 300_000,
    private readonly maxEntries = 1_000,
  ) {}

  /** Cache first; then one shared run per post while it is in flight. */
  process(postId: string, video: HydratedMedia): Promise<AsrResult> {
    const hit = this.cache.get(postId)
    if (hit && hit.until > this.now()) return Promise.resolve({ transcript: hit.transcript })
    let run = this.inflight.get(postId)
    if (!run) {
      run = this.run(postId, video).finally(() => this.inflight.delete(postId))
      this.inflight.set(postId, run)
    }
    return run
  }

  private async run(postId: string, video: HydratedMedia): Promise<AsrResult> {
    try {
      const wav = await this.source.extract(postId, video, ASR_MAX_AUDIO_MS)
      if (wav === null) return { error: 'no_audio_stream' }
      if (!this.transcribe) return { error: 'unknown', detail: 'no transcriber configured' }
      const transcript = await this.transcribe(wav)
      if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!)
      this.cache.set(postId, { transcript, until: this.now() + this.ttlMs })
      return { transcript }
    } catch (err) {
      if (err instanceof AudioExtractTimeout) return { error: 'extract_timeout' }
      if (err instanceof AudioExtractError) return { error: 'extract_error', detail: err.message }
      if (err instanceof ChatTimeoutError) return { error: 'asr_timeout' }
      return { error: 'unknown', detail: err instanceof Error ? err.message : String(err) }
    }
  }
}
