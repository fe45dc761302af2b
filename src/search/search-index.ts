// Full-text search over the messages of every room on this device (docs/architecture.md §15.2).
// MiniSearch holds an inverted index in memory: local state, built from the views on this
// device, never replicated and never written into a room. Each text message is a document with
// a small number for its id; beside the index, plain arrays by that number hold only what
// filtering and checking need (room and author as numbers into tables, claimed time, a hash of
// the text), never the text: at 100,000 messages, strings per document (ids, keys, stored
// fields) were most of what the index added to the heap.
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch'
import { parseMessageId } from '../../views/keys.js'
import { isHex32 } from '../../views/limits.js'

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

const OPTIONS: Options<Doc> = {
  idField: 'n',
  fields: ['text'],
  // Removal marks documents; the index vacuums them in the background in batches.
  autoVacuum: { batchSize: 1000, batchWait: 10, minDirtCount: 100, minDirtFactor: 0.1 }
}

/**
 * The index as it is written (src/search/index-file.ts): MiniSearch's own form, and beside it
 * the tables by document number. A message id is written as what follows its author's key
 * (`<seq>` or `<seq>.<part>`), null for a removed document: the keys are in `authors` once.
 */
export interface SavedIndex {
  rooms: string[]
  authors: string[]
  docs: { room: number[], author: number[], id: Array<string | null>, ts: number[], hash: number[] }
  mini: AsPlainObject
}

export class SearchIndex {
  private mini = new MiniSearch<Doc>(OPTIONS)
  private readonly rooms = new Table()
  private readonly authors = new Table()
  /** Room number → message id → document number. */
  private readonly byRoom: Array<Map<string, number>> = []
  // By document number (a removed one keeps its slot; numbers are never reused).
  private roomOf: number[] = []
  private idOf: Array<string | null> = []
  private authorOf: number[] = []
  private tsOf: number[] = []
  private hashOf: number[] = []
  /** Called after each change (src/search/index-file.ts schedules a write). */
  onChange: () => void = () => {}

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
    this.onChange()
  }

  remove (room: string, id: string): void {
    const n = this.number(room, id)
    if (n === undefined) return
    this.mini.discard(n)
    this.byRoom[this.roomOf[n] as number]?.delete(id)
    this.idOf[n] = null
    this.onChange()
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

  /** The rooms that have documents here. */
  roomIds (): string[] {
    return this.rooms.names.filter((_, r) => (this.byRoom[r]?.size ?? 0) > 0)
  }

  /**
   * Drops what removed documents left in the index: MiniSearch's discard keeps their words
   * until a vacuum, and a deleted or cleared message's words must not be written to disk.
   */
  async compact (): Promise<void> {
    if (this.mini.dirtCount > 0) await this.mini.vacuum({ batchSize: 1000, batchWait: 10 })
  }

  /** What is written to disk (src/search/index-file.ts). */
  save (): SavedIndex {
    const id = this.idOf.map((full, n) => full === null ? null : full.slice((this.authors.names[this.authorOf[n] as number] as string).length + 1))
    return {
      rooms: this.rooms.names,
      authors: this.authors.names,
      docs: { room: this.roomOf, author: this.authorOf, id, ts: this.tsOf, hash: this.hashOf },
      mini: this.mini.toJSON()
    }
  }

  /**
   * An index from what save() wrote. Throws (a plain Error saying what) on anything that does
   * not hold together: the caller discards the file and builds again.
   */
  static async load (saved: SavedIndex): Promise<SearchIndex> {
    const index = new SearchIndex()
    const { rooms, authors, docs } = saved
    if (!Array.isArray(rooms) || !rooms.every(isHex32) || !Array.isArray(authors) || !authors.every(isHex32)) throw new Error('its room or author table is not a list of keys')
    const n = docs?.id?.length
    const ok = (xs: unknown, each: (x: unknown) => boolean): boolean => Array.isArray(xs) && xs.length === n && xs.every(each)
    const below = (max: number) => (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) < max
    if (!Number.isSafeInteger(n) || !ok(docs.room, below(rooms.length)) || !ok(docs.author, below(authors.length)) ||
      !ok(docs.ts, Number.isFinite) || !ok(docs.hash, below(2 ** 32)) || !ok(docs.id, x => x === null || typeof x === 'string')) throw new Error('its document tables do not agree')
    for (const name of rooms) index.rooms.of(name)
    for (const name of authors) index.authors.of(name)
    index.roomOf = docs.room
    index.authorOf = docs.author
    index.tsOf = docs.ts
    index.hashOf = docs.hash
    index.idOf = docs.id.map((tail, i) => {
      if (tail === null) return null
      const id = `${authors[docs.author[i] as number] as string}:${tail}`
      if (parseMessageId(id) === null) throw new Error(`document ${i} has no message id`)
      ;(index.byRoom[docs.room[i] as number] ??= new Map()).set(id, i)
      return id
    })
    // Every MiniSearch document is a live message and every live message one document: a
    // removal (discard) of a number MiniSearch does not hold would throw later.
    const numbers = Object.values(saved.mini?.documentIds ?? {})
    const live = index.idOf.filter(id => id !== null).length
    if (numbers.length !== live || !numbers.every(v => typeof v === 'number' && typeof index.idOf[v] === 'string')) throw new Error(`its ${numbers.length} documents are not its ${live} messages`)
    index.mini = await MiniSearch.loadJSAsync<Doc>(saved.mini, OPTIONS)
    return index
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
