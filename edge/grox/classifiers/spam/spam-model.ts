// The committed spam model (logistic regression over hashed features, weights quantised to int8) and its
// scorer. Isomorphic: the Worker imports the JSON at build time, the Node trainer writes and evaluates it.
import { SPAM_HASH_BITS, spamFeatures } from './spam-features'

/** The on-disk format written by `npm run grox:train-spam` (models/spam/train-spam.ts). */
export interface SpamModelFile {
  format: 'fye-spam-logistic-int8/1'
  hashBits: number
  bias: number
  /** weight = int8 × scale */
  scale: number
  /** base64 of the int8 weight vector, 2^hashBits entries */
  weights: string
  /** decision threshold on P(spam) */
  threshold: number
  trainedOn: string
}

/**
 * P(spam) a post needs before Grox labels it spam (the reply-spam and bool-metadata labels). Above the
 * decision threshold because the email-trained model over-flags short posts: on the synthetic world's
 * non-spam posts it flags ~19% at 0.5 (models/spam/train-spam.ts prints both operating points).
 */
export const SPAM_LABEL_MIN_SCORE = 0.9

export interface SpamScore {
  probability: number
  positive: boolean
}

export class SpamModel {
  private readonly weights: Int8Array

  constructor(private readonly file: SpamModelFile) {
    if (file.hashBits !== SPAM_HASH_BITS) {
      throw new Error(
        `spam model hashes into 2^${file.hashBits} buckets, the featurizer into 2^${SPAM_HASH_BITS}`,
      )
    }
    const bytes = Uint8Array.from(atob(file.weights), (c) => c.charCodeAt(0))
    if (bytes.length !== 1 << SPAM_HASH_BITS) throw new Error(`spam model has ${bytes.length} weights`)
    this.weights = new Int8Array(bytes.buffer)
  }

  logit(text: string): number {
    let z = this.file.bias
    for (const [i, v] of spamFeatures(text)) z += this.weights[i]! * this.file.scale * v
    return z
  }

  score(text: string): SpamScore {
    const probability = 1 / (1 + Math.exp(-this.logit(text)))
    return { probability, positive: probability >= this.file.threshold }
  }
}

/** Quantises trained float weights into the committed format. */
export function encodeSpamModel(
  weights: Float32Array,
  bias: number,
  threshold: number,
  trainedOn: string,
): SpamModelFile {
  let max = 0
  for (const w of weights) max = Math.max(max, Math.abs(w))
  const scale = max / 127 || 1
  const q = new Int8Array(weights.length)
  for (let i = 0; i < weights.length; i++) q[i] = Math.round(weights[i]! / scale)
  let binary = ''
  const bytes = new Uint8Array(q.buffer)
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return {
    format: 'fye-spam-logistic-int8/1',
    hashBits: SPAM_HASH_BITS,
    bias,
    scale,
    weights: btoa(binary),
    threshold,
    trainedOn,
  }
}
