// Seeded PRNG for the synthetic world: xoshiro128** (32-bit ops, fast in every JS engine) seeded through
// splitmix32. `Rng.derive(seed, ...keys)` gives an independent stream per key so each part of the world
// (a user's timeline, one session) is reproducible no matter in which order the parts are generated.

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0
  let z = s
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return [s, (z ^ (z >>> 16)) >>> 0]
}

/** FNV-1a over a string key; numbers are mixed in directly. */
function mixKey(h: number, key: number | string): number {
  if (typeof key === 'number') {
    h = Math.imul(h ^ (key | 0), 0x01000193)
    return Math.imul(h ^ Math.floor(key / 0x100000000), 0x01000193)
  }
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed | 0
    const words: number[] = []
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s)
      s = next
      words.push(out)
    }
    this.a = words[0]!
    this.b = words[1]!
    this.c = words[2]!
    this.d = words[3]!
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** A stream determined by the seed and the keys alone. */
  static derive(seed: number, ...keys: (number | string)[]): Rng {
    let h = mixKey(0x811c9dc5, seed)
    for (const k of keys) h = mixKey(mixKey(h, k), 0x5bd1e995)
    return new Rng(h)
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const m = Math.imul(this.b, 5)
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = (this.d << 11) | (this.d >>> 21)
    return result
  }

  /** Uniform in [0, 1) with 53 bits. */
  next(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / 9007199254740992
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next()
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  bernoulli(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Standard normal (Marsaglia polar; no cached second value, so streams stay simple to reason about). */
  normal(mean = 0, sd = 1): number {
    for (;;) {
      const u = 2 * this.next() - 1
      const v = 2 * this.next() - 1
      const s = u * u + v * v
      if (s > 0 && s < 1) return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s)
    }
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma))
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 through the usual U^(1/shape) boost. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.next() ** (1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const x = this.normal()
      const v0 = 1 + c * x
      if (v0 <= 0) continue
      const v = v0 * v0 * v0
      const u = this.next()
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a)
    return x / (x + this.gamma(b))
  }

  /** Poisson count; normal approximation above λ = 40 (only large view-derived counts get there). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 40) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))))
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }

  /** Index drawn proportionally to non-negative weights. */
  categorical(weights: ArrayLike<number>): number {
    let total = 0
    for (let i = 0; i < weights.length; i++) total += weights[i]!
    if (!(total > 0)) throw new Error('categorical needs a positive total weight')
    let u = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!
      if (u < 0) return i
    }
    return weights.length - 1
  }

  /** Fisher–Yates in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const t = items[i]!
      items[i] = items[j]!
      items[j] = t
    }
    return items
  }
}
