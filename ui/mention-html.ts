// Marks the mentions in a message's sanitised HTML (ui/markdown.ts output): each `@Name` of a
// member the message mentions (by key) becomes <span class="mention">, with `me` added when it
// is this user. Only text nodes are touched, never code, links or attributes, and the markup
// added is built with DOM calls, so nothing a peer wrote is parsed as HTML here.
import { mentionPattern } from './mentions.js'

export interface MentionName { name: string, me: boolean }

const SKIP = new Set(['CODE', 'PRE', 'A'])
const cache = new Map<string, string>()
const CACHE_MAX = 500

function escapeRegExp (s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function withMentions (html: string, people: readonly MentionName[]): string {
  const named = people.filter(p => p.name !== '')
  if (named.length === 0) return html
  const cacheKey = JSON.stringify([html, named])
  const hit = cache.get(cacheKey)
  if (hit !== undefined) return hit
  // Longest names first, so "@Alice Martin" is one mention, not "@Alice" and some text.
  const names = [...new Set(named.map(p => p.name))].sort((a, b) => b.length - a.length)
  const mine = new Set(named.filter(p => p.me).map(p => p.name))
  const any = new RegExp(`(^|[^\\p{L}\\p{N}_])@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu')
  const template = document.createElement('template')
  template.innerHTML = html
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (!insideSkipped(node)) texts.push(node as Text)
  }
  for (const node of texts) mark(node, any, mine)
  const out = template.innerHTML
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string)
  cache.set(cacheKey, out)
  return out
}

function insideSkipped (node: Node): boolean {
  for (let p = node.parentElement; p !== null; p = p.parentElement) if (SKIP.has(p.tagName)) return true
  return false
}

function mark (node: Text, pattern: RegExp, mine: ReadonlySet<string>): void {
  const text = node.data
  const parts: Node[] = []
  let last = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const at = m.index + (m[1] ?? '').length
    const name = m[2] ?? ''
    if (at > last) parts.push(document.createTextNode(text.slice(last, at)))
    const span = document.createElement('span')
    span.className = mine.has(name) ? 'mention me' : 'mention'
    span.textContent = '@' + name
    parts.push(span)
    last = at + 1 + name.length
  }
  if (parts.length === 0) return
  if (last < text.length) parts.push(document.createTextNode(text.slice(last)))
  node.replaceWith(...parts)
}

export { mentionPattern }
