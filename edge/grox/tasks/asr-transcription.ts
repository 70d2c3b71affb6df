// TaskASRTranscription (seed 000): transcribes each video of the post, in order, skipping GIFs (no audio).
// ASR is optional: no media, no video, no audio stream or a processor error all leave the task SUCCESS
// (the embedding after it runs without a transcript), each counted under its reason.
import type { GroxPost, TaskContext } from '../core/types'
import {
  type AsrProcessor,
  chatTranscriber,
  NO_AUDIO_SOURCE,
  AsrProcessor as Processor,
} from './asr-processor'
import { groxClassifierSettings } from './classifier-access'
import { hydrateMedia } from './media-hydration'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { workspace } from './task-workspace'

let shared: { key: string; processor: AsrProcessor } | undefined

/** One processor per isolate (its cache and in-flight map are the point), rebuilt if the LLM settings change. */
function isolateProcessor(ctx: TaskContext): AsrProcessor {
  const { key, client } = groxClassifierSettings(ctx)
  if (!shared || shared.key !== key) {
    shared = { key, processor: new Processor(NO_AUDIO_SOURCE, client ? chatTranscriber(client) : undefined) }
  }
  return shared.processor
}

export class AsrTranscription extends TaskWithPost<string[]> {
  constructor(
    opts?: TaskOptions,
    private readonly processor?: AsrProcessor,
  ) {
    super('task_asr_transcription', opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<string[]> {
    countReason('asr_transcription.total')
    const ws = workspace(ctx)
    const media = ws.media ?? hydrateMedia(post)
    if (media.length === 0) {
      countReason('asr_transcription.skipped', 'no_media')
      return []
    }
    const videos = media.filter((m) => m.type === 'video' || m.type === 'gif')
    if (videos.length === 0) {
      countReason('asr_transcription.skipped', 'no_video')
      return []
    }
    const processor = this.processor ?? isolateProcessor(ctx)
    for (const video of videos) {
      if (video.type === 'gif') {
        countReason('asr_transcription.skipped', 'animated_gif')
        continue
      }
      const result = await processor.process(`${post.id}:${video.index}`, video)
      if ('transcript' in result) {
        ws.transcripts.push(result.transcript)
        countReason('asr_transcription.success')
      } else if (result.error === 'no_audio_stream') {
        countReason('asr_transcription.skipped', 'no_audio_stream')
      } else {
        countReason('asr_transcription.failed', 'processor_error', result.error)
      }
    }
    return ws.transcripts
  }
}
