// A message record of the view as the Message a caller sees, the same for the live feed, pages
// and lookups (message-reader.ts): its author as a person (authors.ts), whether a peer has it
// (this device's own, up to the seq a peer reported), and when this device first saw it where
// the sender's clock was far off (src/first-seen.ts, views/limits.ts TIMES).
import type Hyperbee from 'hyperbee'
import type { MessageRecord } from '../views/records.js'
import { clockOff } from '../views/limits.js'
import { toMessage, type Message } from './message.js'
import { Authors } from './authors.js'

/** When this device first saw a block whose sender's clock was far off (src/first-seen.ts). */
export interface FirstSeenLog {
  at: (writer: string, seq: number) => number | null
  record: (writer: string, seq: number, at: number) => void
}

/** What shaping reads from the reader: the view, this device's writer and how far it got. */
export interface ShaperSource {
  view: () => Hyperbee
  writer: () => string
  /** Our highest seq that some peer has applied. */
  seen: () => number
  /** The last seq of `writer` the feed emitted (-1: none). */
  emitted: (writer: string) => number
}

export class MessageShaper {
  /** Authors read so far: the reader clears them when names or bindings may have changed. */
  readonly authors: Authors
  private readonly source: ShaperSource
  private readonly log: FirstSeenLog | undefined

  constructor (source: ShaperSource, log?: FirstSeenLog) {
    this.source = source
    this.log = log
    this.authors = new Authors(source.view)
  }

  /**
   * `now`, from the feed: the message enters the view in this pass. A page or lookup may read a
   * message the feed has not reached yet: that read is this device's first sight of it.
   */
  async shape (record: MessageRecord, position: number, now?: number): Promise<Message> {
    const own = record.author === this.source.writer()
    const seen = !own || record.seq <= this.source.seen()
    const first = now ?? (record.seq > this.source.emitted(record.author) ? Date.now() : undefined)
    return await this.authors.shape(toMessage(record, position, '', seen, this.firstSeen(record, first)))
  }

  // Recorded only for a claim that is far off from the first sight (views/limits.ts TIMES).
  private firstSeen (record: MessageRecord, now: number | undefined): number | undefined {
    const log = this.log
    if (log === undefined) return undefined
    const recorded = log.at(record.author, record.seq)
    if (recorded !== null) return clockOff(record.ts, recorded) ? recorded : undefined
    if (now === undefined || !clockOff(record.ts, now)) return undefined
    log.record(record.author, record.seq, now)
    return now
  }
}
