// The part of a search result's text to show, split into the words that matched and the rest,
// for <mark>. Pure (tested in vitest). The terms are the index's (lower case, whole words the
// query matched by prefix or near miss); they are found again in the text case-insensitively.

export interface Piece { text: string, hit: boolean }

const BEFORE = 40
const LENGTH = 160

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A window of `text` around its first matched term, cut into pieces; "…" marks cuts. */
export function highlight (text: string, terms: readonly string[]): Piece[] {
  const flat = text.replace(/\s+/g, ' ').trim()
  const words = [...new Set(terms.filter(t => t.length > 0))].sort((a, b) => b.length - a.length)
  if (words.length === 0) return [{ text: cut(flat, 0), hit: false }]
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
  const first = flat.search(re)
  const start = first <= BEFORE ? 0 : first - BEFORE
  const shown = cut(flat, start)
  const pieces: Piece[] = []
  let at = 0
  for (const m of shown.matchAll(re)) {
    const i = m.index ?? 0
    if (i > at) pieces.push({ text: shown.slice(at, i), hit: false })
    pieces.push({ text: m[0], hit: true })
    at = i + m[0].length
  }
  if (at < shown.length) pieces.push({ text: shown.slice(at), hit: false })
  return pieces
}

function cut (text: string, start: number): string {
  const end = Math.min(text.length, start + LENGTH)
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '')
}
