// Full-text search over the messages of every room on this device (docs/architecture.md §13.2).
// MiniSearch holds an inverted index in memory: local state, built from the views on this
// device, never replicated and never written into a room. Documents are text messages, keyed
// `<room id>/<message id>`; the index stores beside each only what filtering and checking need
// (room, author, claimed time, a hash of the text), not the text itself.
import MiniSearch, { type SearchResult } from 'minisearch'
import { parseMessageId } from '../../views/keys.js'

export interface IndexedMessage { room: string, id: string, author: string, ts: number, text: string }
export interface Hit { room: string, id: string, ts: number, terms: string[], hash: number }
export interface SearchOptions { room?: string, author?: string }

interface Doc { key: string, text: string, room: string, author: string, ts: number, hash: number }

// Fuzzy matching for words of 4 characters and more: one edit in 5 ("meetnig" finds "meeting").
// Shorter words match exactly or as a prefix; fuzzy short words matched half the vocabulary.
const FUZZY = 0.2
const FUZZY_FROM = 4

export class SearchIndex {
  private readonly mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['text'],
    storeFields: ['room', 'author', 'ts', 'hash'],
    // Removal marks documents; the index vacuums them in the background in batches.
    autoVacuum: { batchSize: 1000, batchWait: 10, minDirtCount: 100, minDirtFactor: 0.1 }
  })

  /** Room id → its indexed message ids, for ~clear and leaving a room. */
  private readonly byRoom = new Map<string, Set<string>>()

  get size (): number { return this.mini.documentCount }

  has (room: string, id: string): boolean { return this.mini.has(key(room, id)) }

  /** Adds a message, or replaces what the index holds for it. */
  put (m: IndexedMessage): void {
    const doc: Doc = { key: key(m.room, m.id), text: m.text, room: m.room, author: m.author, ts: m.ts, hash: hash(m.text) }
    if (this.mini.has(doc.key)) {
      if (this.mini.getStoredFields(doc.key)?.hash === doc.hash) return
      this.mini.replace(doc)
    } else {
      this.mini.add(doc)
    }
    let ids = this.byRoom.get(m.room)
    if (ids === undefined) this.byRoom.set(m.room, ids = new Set())
    ids.add(m.id)
  }

  remove (room: string, id: string): void {
    const k = key(room, id)
    if (!this.mini.has(k)) return
    this.mini.discard(k)
    this.byRoom.get(room)?.delete(id)
  }

  /** Removes a room's messages that a ~clear marker hides (per writer, up to its seq). */
  clear (room: string, marker: Record<string, number>): void {
    for (const id of [...this.byRoom.get(room) ?? []]) {
      const parsed = parseMessageId(id)
      if (parsed !== null && parsed.seq <= (marker[parsed.writer] ?? -1)) this.remove(room, id)
    }
  }

  dropRoom (room: string): void {
    for (const id of [...this.byRoom.get(room) ?? []]) this.remove(room, id)
    this.byRoom.delete(room)
  }

  /** Every match, newest (by the sender's claimed time) first. */
  search (query: string, opts: SearchOptions = {}): Hit[] {
    const results = this.mini.search(query, {
      prefix: true,
      fuzzy: (term) => term.length >= FUZZY_FROM ? FUZZY : false,
      combineWith: 'AND',
      filter: (r: SearchResult) => (opts.room === undefined || r.room === opts.room) && (opts.author === undefined || r.author === opts.author)
    })
    return results
      .map(r => ({ room: r.room as string, id: (r.id as string).slice((r.room as string).length + 1), ts: r.ts as number, terms: r.terms, hash: r.hash as number }))
      .sort((a, b) => b.ts - a.ts)
  }

  /** The index as JSON: what it would take on disk (bench). */
  serialized (): string {
    return JSON.stringify(this.mini)
  }
}

function key (room: string, id: string): string {
  return room + '/' + id
}

/** FNV-1a, 32 bits: tells an indexed text from the message's current one. */
export function hash (text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
