// Strict UTF-8 for request bodies: the platform's decoders replace malformed bytes with U+FFFD, which would
// store text the client never sent. limitBody (body-limit.ts) checks every buffered body here first.

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629 table), or 0 when none starts there. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0
  if (lead < 0x80) return 1
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) low = 0xa0 // overlong
    if (lead === 0xed) high = 0x9f // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) low = 0x90 // overlong
    if (lead === 0xf4) high = 0x8f // above U+10FFFF
  } else return 0
  if (i + length > bytes.length) return 0
  const second = bytes[i + 1] ?? 0
  if (second < low || second > high) return 0
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k] ?? 0
    if (next < 0x80 || next > 0xbf) return 0
  }
  return length
}

/** The body as text with every malformed byte replaced by `marker`. */
function markInvalid(bytes: Uint8Array, marker: string): string {
  let text = ''
  let start = 0
  let i = 0
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i)
    if (length > 0) {
      i += length
      continue
    }
    text += strict.decode(bytes.subarray(start, i)) + marker
    i += 1
    start = i
  }
  return text + strict.decode(bytes.subarray(start))
}

/** The dotted path (as validation errors name fields) of the first string holding `marker`. */
function pathOf(value: unknown, marker: string): string | undefined {
  // Iterative and in document order: a deeply nested body must not exhaust the stack.
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: v, path } = item
    if (typeof v === 'string') {
      if (v.includes(marker)) return path.join('.')
      continue
    }
    if (v === null || typeof v !== 'object') continue
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v)
    for (const [key, child] of entries.reverse()) {
      stack.push({ value: child, path: [...path, key] })
      // A bad key cannot be named: the object holding it is.
      if (!Array.isArray(v)) stack.push({ value: key, path })
    }
  }
  return undefined
}

/**
 * Undefined when `bytes` are well-formed UTF-8. Otherwise the field the first malformed bytes sit in:
 * its dotted path, or `body` when they are in a key at the top, outside any string or the JSON is broken.
 */
export function invalidUtf8Field(bytes: Uint8Array): string | undefined {
  try {
    strict.decode(bytes)
    return undefined
  } catch {
    // fall through: find where
  }
  const lenient = new TextDecoder().decode(bytes)
  let marker = '\uFDD0'
  while (lenient.includes(marker)) marker += '\uFDD1'
  let parsed: unknown
  try {
    parsed = JSON.parse(markInvalid(bytes, marker))
  } catch {
    return 'body'
  }
  const path = pathOf(parsed, marker)
  return path === undefined || path === '' ? 'body' : path
}
