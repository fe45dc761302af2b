// Group commit: every event appended while a write is in flight goes out in the next single
// base.append(batch), so a burst costs one apply and one flush instead of one each. Text
// messages queued side by side go further: they share one messages-posted block (up to
// LIMITS.packedMessages of them, PACK_BYTES of JSON), so peers replicate, verify and apply one
// block for the lot. Replicating a block costs ~10 RocksDB reads on the two sides whatever it
// holds: two LinkUp peers in one process sent 936 msg/s with a block per message. A block whose
// texts mention someone is v3 (views/schema-conversation.ts); one without stays v1 / v2, so a
// room where nobody mentions, edits or reacts is still read by a build that knows only v2.
import type Autobase from 'autobase'
import { encodeEvent, LIMITS, type MentioningText, type RoomEvent } from '../views/schema.js'

/** Where an appended event landed: its block's seq, and its part if its block holds several. */
export interface Appended { seq: number, part?: number }

type Entry = { block: Buffer } | { text: MentioningText }

interface Pending {
  entry: Entry
  resolve: (at: Appended) => void
  reject: (err: unknown) => void
}

/** JSON bytes of the messages in one packed block: well under LIMITS.blockBytes. */
const PACK_BYTES = 64 * 1024

export class AppendQueue {
  private readonly base: Autobase
  private queue: Pending[] = []
  /** The batch whose append is in flight. */
  private inflight: Pending[] = []
  private flushing: Promise<void> | null = null

  constructor (base: Autobase) {
    this.base = base
    // A base that fails (it closes itself on an error, such as a write the disk refused) may
    // never settle an append under way: nobody waits for ever, and drained() resolves
    // (docs/architecture.md §2.1).
    const abort = (err: unknown): void => this.abort(err instanceof Error ? err : new Error('Autobase is closing'))
    base.once('error', abort)
    base.once('close', abort)
  }

  /** Appends one event's block. */
  append (block: Buffer): Promise<Appended> {
    return this.enqueue({ block })
  }

  /** Appends a text message, packed with the texts queued next to it. */
  post (text: MentioningText): Promise<Appended> {
    return this.enqueue({ text })
  }

  /** Resolves when everything queued so far has been appended. */
  async drained (): Promise<void> {
    while (this.flushing !== null) await this.flushing
  }

  private enqueue (entry: Entry): Promise<Appended> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject })
      if (this.flushing === null) this.flushing = this.drain()
    })
  }

  private abort (err: Error): void {
    const waiting = [...this.inflight, ...this.queue]
    this.inflight = []
    this.queue = []
    this.flushing = null
    for (const p of waiting) p.reject(err)
  }

  private async drain (): Promise<void> {
    await Promise.resolve() // let the rest of this tick's sends join the batch
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      this.inflight = batch
      const blocks = pack(batch)
      try {
        const length = await this.base.append(blocks.map((b) => b.block))
        blocks.forEach((b, i) => {
          const seq = length - blocks.length + i
          // a block of several is a messages-posted block: each text is one of its parts
          if (b.pending.length === 1) b.pending[0].resolve({ seq })
          else b.pending.forEach((p, part) => p.resolve({ seq, part }))
        })
      } catch (err) {
        for (const p of batch) p.reject(err)
      }
      this.inflight = []
    }
    this.flushing = null
  }
}

interface Block { block: Buffer, pending: Pending[] }

/** The event for a run of texts: one alone or several packed; v3 only if one of them mentions. */
export function postingEvent (messages: MentioningText[]): RoomEvent {
  const v3 = messages.some((m) => m.mentions !== undefined)
  if (messages.length === 1) {
    const [m] = messages
    if (v3) return { type: 'message-posted', v: 3, ...m }
    const { mentions: _none, ...text } = m
    return { type: 'message-posted', v: 1, ...text }
  }
  return v3 ? { type: 'messages-posted', v: 3, messages } : { type: 'messages-posted', v: 2, messages }
}

/** The blocks for a batch, in order: each event alone, runs of texts packed together. */
function pack (batch: Pending[]): Block[] {
  const blocks: Block[] = []
  let texts: Pending[] = []
  let bytes = 0
  const endTexts = (): void => {
    if (texts.length > 0) {
      const messages = texts.map((p) => (p.entry as { text: MentioningText }).text)
      blocks.push({ block: encodeEvent(postingEvent(messages)), pending: texts })
    }
    texts = []
    bytes = 0
  }
  for (const p of batch) {
    if ('block' in p.entry) {
      endTexts()
      blocks.push({ block: p.entry.block, pending: [p] })
      continue
    }
    const size = Buffer.byteLength(JSON.stringify(p.entry.text))
    if (texts.length === LIMITS.packedMessages || (texts.length > 0 && bytes + size > PACK_BYTES)) endTexts()
    texts.push(p)
    bytes += size
  }
  endTexts()
  return blocks
}
