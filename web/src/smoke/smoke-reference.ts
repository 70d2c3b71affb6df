// Plain-TS forward pass of the smoke MLP: the expected values that ORT outputs are checked against.
import { SMOKE_HIDDEN, SMOKE_IN, SMOKE_OUT, type SmokeWeights, smokeWeights } from './smoke-weights'

/** y = sigmoid(relu(x·W1 + b1)·W2 + b2), x row-major [batch, 8] → y row-major [batch, 4]. */
export function smokeForward(x: ArrayLike<number>, weights: SmokeWeights = smokeWeights()): Float64Array {
  if (x.length % SMOKE_IN !== 0) throw new Error(`input length ${x.length} is not a multiple of ${SMOKE_IN}`)
  const batch = x.length / SMOKE_IN
  const { w1, b1, w2, b2 } = weights
  const y = new Float64Array(batch * SMOKE_OUT)
  const hidden = new Float64Array(SMOKE_HIDDEN)
  for (let r = 0; r < batch; r++) {
    for (let h = 0; h < SMOKE_HIDDEN; h++) {
      let acc = b1[h]!
      for (let i = 0; i < SMOKE_IN; i++) acc += x[r * SMOKE_IN + i]! * w1[i * SMOKE_HIDDEN + h]!
      hidden[h] = Math.max(0, acc)
    }
    for (let o = 0; o < SMOKE_OUT; o++) {
      let acc = b2[o]!
      for (let h = 0; h < SMOKE_HIDDEN; h++) acc += hidden[h]! * w2[h * SMOKE_OUT + o]!
      y[r * SMOKE_OUT + o] = 1 / (1 + Math.exp(-acc))
    }
  }
  return y
}
