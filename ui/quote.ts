// How a message is quoted above a reply and in the reply preview: its first line of prose, as
// plain text (the common Markdown marks taken off, so "**new** [site](u)" reads "new site"), or
// what stands in for a file or a deleted message. Lit escapes the result: nothing here is HTML.
import type { Message } from './types.js'

const MAX = 120
const FENCE = /^(```|~~~)/
/** Block marks at the start of a line: headings, quotes, list items, task boxes. */
const BLOCK = /^(#{1,6}(\s+|$)|>\s?|[-*+](\s+|$)(\[[ xX]\]\s+)?|\d{1,9}[.)](\s+|$))/
const INLINE: Array<[RegExp, string]> = [
  [/!?\[([^\]]*)\]\([^)]*\)/g, '$1'], // links and images: their text
  [/`([^`]+)`/g, '$1'], // code spans
  [/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2'], // strong
  [/~~(?=\S)(.+?)(?<=\S)~~/g, '$1'], // strikethrough
  [/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1$2'], // *emphasis*
  [/(^|[^\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])/g, '$1$2'] // _emphasis_, not snake_case
]

/** One line of Markdown as the words it shows. */
export function plainLine (line: string): string {
  let out = line.trim()
  for (let prev = ''; prev !== out;) { prev = out; out = out.replace(BLOCK, '') }
  for (const [re, to] of INLINE) out = out.replace(re, to)
  return out.trim()
}

export function firstLine (m: Pick<Message, 'type' | 'text' | 'file' | 'deleted'>): string {
  if (m.deleted) return 'message deleted'
  if (m.type !== 'text') return m.file?.name ?? (m.type === 'audio' ? 'voice message' : 'file')
  const lines = (m.text ?? '').split('\n').filter(l => !FENCE.test(l.trim())).map(plainLine)
  const line = lines.find(l => l !== '') ?? ''
  return line.length > MAX ? line.slice(0, MAX - 1) + '…' : line
}
