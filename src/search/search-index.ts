// Full-text search over the messages of every room on this device (docs/architecture.md §15.2).
// MiniSearch holds an inverted index in memory: local state, built from the views on this
// device, never replicated and never written into a room. Each text message is a document with
// a small number for its id; beside the index, plain arrays by that number hold only what
// filtering and checking need (room and author as numbers into tables, claimed time, a hash of
// the text), never the text: at 100,000 messages, strings per document (ids, keys, stored
// fields) were most of what the index added to the heap.
import MiniSearch, { type SearchResult } from 'minisearch'
import { parseMessageId } from '../../views/keys.js'

export interface IndexedMessage { room: string, id: string, author: string, ts: number, text: string }
export interface Hit { room: string, id: string, ts: number, terms: string[], hash: number }
/** `author`: one key, or several (a person's writers, docs/architecture.md §16.5). */
export interface SearchOptions { room?: string, author?: string | readonly string[] }

interface Doc { n: number, text: string }

// Fuzzy matching for words of 4 characters and more: one edit in 5 ("meetnig" finds "meeting").
// Shorter words match exactly or as a prefix; fuzzy short words matched half the vocabulary.
const FUZZY = 0.2
const FUZZY_FROM = 4

/** Strings to small numbers and back: each room id and author key is kept once. */
class Table {
  readonly names: string[] = []
  private readonly numbers = new Map<string, number>()
  of (name: string): number {
    let n = this.numbers.get(name)
    if (n === undefined) { n = this.names.length; this.names.push(name); this.numbers.set(name, n) }
    return n
  }

  find (name: string): number | undefined { return this.numbers.get(name) }
}

export class SearchIndex {
  private readonly mini = new MiniSearch<Doc>({
    idField: 'n',
    fields: ['text'],
    // Removal marks documents; the index vacuums them in the background in batches.
    autoVacuum: { batchSize: 1000, batchWait: 10, minDirtCount: 100, minDirtFactor: 0.1 }
  })

  private readonly rooms = new Table()
  private readonly authors = new Table()
  /** Room number → message id → document number. */
  private readonly byRoom: Array<Map<string, number>> = []
  // By document number (a removed one keeps its slot; numbers are never reused).
  private readonly roomOf: number[] = []
  private readonly idOf: Array<string | null> = []
  private readonly authorOf: number[] = []
  private readonly tsOf: number[] = []
  private readonly hashOf: number[] = []

  get size (): number { return this.mini.documentCount }

  has (room: string, id: string): boolean { return this.number(room, id) !== undefined }

  private number (room: string, id: string): number | undefined {
    const r = this.rooms.find(room)
    return r === undefined ? undefined : this.byRoom[r]?.get(id)
  }

  /** Adds a message, or replaces what the index holds for it. */
  put (m: IndexedMessage): void {
    const h = hash(m.text)
    const old = this.number(m.room, m.id)
    if (old !== undefined) {
      if (this.hashOf[old] === h) return
      this.remove(m.room, m.id)
    }
    const r = this.rooms.of(m.room)
    const n = this.idOf.length
    this.idOf.push(m.id)
    this.roomOf.push(r)
    this.authorOf.push(this.authors.of(m.author))
    this.tsOf.push(m.ts)
    this.hashOf.push(h)
    ;(this.byRoom[r] ??= new Map()).set(m.id, n)
    this.mini.add({ n, text: m.text })
  }

  remove (room: string, id: string): void {
    const n = this.number(room, id)
    if (n === undefined) return
    this.mini.discard(n)
    this.byRoom[this.roomOf[n] as number]?.delete(id)
    this.idOf[n] = null
  }

  /** Removes a room's messages that a ~clear marker hides (per writer, up to its seq). */
  clear (room: string, marker: Record<string, number>): void {
    const r = this.rooms.find(room)
    for (const id of [...(r === undefined ? [] : this.byRoom[r]?.keys() ?? [])]) {
      const parsed = parseMessageId(id)
      if (parsed !== null && parsed.seq <= (marker[parsed.writer] ?? -1)) this.remove(room, id)
    }
  }

  dropRoom (room: string): void {
    const r = this.rooms.find(room)
    if (r === undefined) return
    for (const id of [...this.byRoom[r]?.keys() ?? []]) this.remove(room, id)
  }

  /** Every match, newest (by the sender's claimed time) first. */
  search (query: string, opts: SearchOptions = {}): Hit[] {
    const room = opts.room === undefined ? undefined : this.rooms.find(opts.room) ?? -1
    const wanted = opts.author === undefined ? undefined : typeof opts.author === 'string' ? [opts.author] : opts.author
    const authors = wanted === undefined ? undefined : new Set(wanted.map(a => this.authors.find(a) ?? -1))
    const results = this.mini.search(query, {
      prefix: true,
      fuzzy: (term) => term.length >= FUZZY_FROM ? FUZZY : false,
      combineWith: 'AND',
      filter: (r: SearchResult) => (room === undefined || this.roomOf[r.id as number] === room) && (authors === undefined || authors.has(this.authorOf[r.id as number]))
    })
    const hits: Hit[] = []
    for (const r of results) {
      const n = r.id as number
      const id = this.idOf[n]
      if (id === null || id === undefined) continue
      hits.push({ room: this.rooms.names[this.roomOf[n] as number] as string, id, ts: this.tsOf[n] as number, terms: r.terms, hash: this.hashOf[n] as number })
    }
    return hits.sort((a, b) => b.ts - a.ts)
  }

  /** The index as JSON: what it would take on disk (bench). */
  serialized (): string {
    return JSON.stringify(this.mini)
  }
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
