// The search index on disk (docs/architecture.md §15.2): `<storage>/search-index.json`, local
// state of this device like attention.json, beside the Corestore and never in it, so no peer
// can replicate it. It holds the index (src/search/search-index.ts) and, per room, the position
// it was caught up to (a per-writer clock, src/search/catch-up.ts). Written whole and atomically
// (src/atomic-file.ts), in the background: SAVE_AFTER_MS after the first change since the last
// write, so a busy room costs one write every half minute, not one per message; and at close.
// Removed messages' words are vacuumed out of the index before each write (MiniSearch's discard
// leaves them until then): a deleted or ~cleared message's words never reach the file. It does
// hold the words of the messages you can see, in plain text (mode 0600), like the page a
// browser caches. A file that does not parse, is of another version, or does not hold together is discarded
// with a warning and the rooms are indexed again from their views: it is a cache of them.
import fs from 'fs/promises'
import { replaceFile } from '../atomic-file.js'
import { isHex32 } from '../../views/limits.js'
import type { Clock } from '../../views/records.js'
import { SearchIndex, type SavedIndex } from './search-index.js'

export const SAVE_AFTER_MS = 30_000
const FORMAT = 'linkup-search-index'
const VERSION = 1

export interface Loaded { index: SearchIndex, positions: Map<string, Clock> }
export interface Snapshot { positions: Map<string, Clock>, index: SearchIndex }

export class IndexFile {
  private timer: ReturnType<typeof setTimeout> | null = null
  private writing: Promise<void> = Promise.resolve()
  private closed = false

  constructor (readonly file: string, private readonly snapshot: () => Snapshot, private readonly warn: (msg: string, err?: unknown) => void) {}

  /** The saved index, or null when there is none or it was discarded (with a warning). */
  async load (): Promise<Loaded | null> {
    let text: string
    try {
      text = await fs.readFile(this.file, 'utf-8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`could not read ${this.file}: the search index is built again`, err)
      return null
    }
    try {
      return await parse(text)
    } catch (err) {
      this.warn(`${this.file} was damaged (${(err as Error).message}): the search index is built again from the rooms`)
      await fs.rm(this.file, { force: true }).catch(() => {})
      return null
    }
  }

  /** The index changed: write it SAVE_AFTER_MS from now, unless a write is already due. */
  changed (): void {
    if (this.timer !== null || this.closed) return
    this.timer = setTimeout(() => { this.timer = null; void this.save() }, SAVE_AFTER_MS)
    this.timer.unref?.()
  }

  /** Writes what is due now; resolves when every write so far is on disk. */
  async flush (): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
      await this.save()
    }
    await this.writing
  }

  async close (): Promise<void> {
    await this.flush()
    this.closed = true
  }

  private save (): Promise<void> {
    const next = this.writing.then(async () => {
      const { index } = this.snapshot()
      await index.compact() // no deleted or cleared message's words on disk
      await replaceFile(this.file, await serialise(this.snapshot()))
    }).catch((err: unknown) => this.warn(`could not write ${this.file}`, err))
    this.writing = next
    return next
  }
}

/**
 * The file's text. What it says is taken at one instant (the positions say what the index
 * holds): MiniSearch's toJSON copies its terms into fresh objects. Turning those into text, most
 * of the work (a second for 100,000 messages on a busy machine), then goes in slices of
 * SLICE terms with a yield between, so the node keeps answering while it writes.
 */
export async function serialise ({ positions, index }: Snapshot): Promise<string> {
  const { mini, ...tables } = index.save()
  const { index: terms, ...rest } = mini
  const parts = [`{"format":"${FORMAT}","version":${VERSION},"rooms":${JSON.stringify(Object.fromEntries(positions))},"index":{`,
    `${JSON.stringify(tables).slice(1, -1)},"mini":{${JSON.stringify(rest).slice(1, -1)},"index":[`]
  for (let i = 0; i < terms.length; i += SLICE) {
    if (i > 0) {
      parts.push(',')
      await new Promise(resolve => setImmediate(resolve))
    }
    parts.push(JSON.stringify(terms.slice(i, i + SLICE)).slice(1, -1))
  }
  parts.push(']}}}')
  return parts.join('')
}

const SLICE = 5000

async function parse (text: string): Promise<Loaded> {
  let raw: unknown
  try { raw = JSON.parse(text) } catch { throw new Error('not JSON: cut short?') }
  const { format, version, rooms, index } = (typeof raw === 'object' && raw !== null ? raw : {}) as { format?: unknown, version?: unknown, rooms?: unknown, index?: unknown }
  if (format !== FORMAT || version !== VERSION) throw new Error(`not a version ${VERSION} search index`)
  if (typeof rooms !== 'object' || rooms === null || typeof index !== 'object' || index === null) throw new Error('rooms or index missing')
  const positions = new Map<string, Clock>()
  for (const [id, clock] of Object.entries(rooms)) {
    if (!isHex32(id) || !isClock(clock)) throw new Error(`room ${id.slice(0, 16)} has no position`)
    positions.set(id, clock)
  }
  return { index: await SearchIndex.load(index as SavedIndex), positions }
}

const isClock = (v: unknown): v is Clock => typeof v === 'object' && v !== null && !Array.isArray(v) &&
  Object.entries(v).every(([k, s]) => isHex32(k) && Number.isSafeInteger(s) && (s as number) >= -1)
