// Small numeric helpers for the truth model.

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-z * z)
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}

/** E[min(X, cap)] for X = exp(N(mu, sigma²)). */
export function expectedCappedLognormal(mu: number, sigma: number, cap: number): number {
  const lc = Math.log(cap)
  const below = Math.exp(mu + (sigma * sigma) / 2) * normalCdf((lc - mu - sigma * sigma) / sigma)
  return below + cap * (1 - normalCdf((lc - mu) / sigma))
}
