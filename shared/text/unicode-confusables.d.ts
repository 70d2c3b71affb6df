// The package ships its types as `index.ts.d`, which TypeScript never finds; this is that file's API.
declare module 'unicode-confusables' {
  export interface ConfusablePoint {
    point: string
    similarTo?: string
  }
  export function isConfusing(input: string): boolean
  export function confusables(input: string): ConfusablePoint[]
  /** Replaces every code point by its prototype from Unicode's confusables.txt; drops zero-width ones. */
  export function rectifyConfusion(input: string): string
}
