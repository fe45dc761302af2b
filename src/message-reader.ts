// Reads messages from a room's view: pages for scrolling back, and the live feed of messages
// entering the view. The feed follows the per-writer clock the view keeps (clock/<key>):
// a message is new when its writer's seq passes what was already emitted. Unlike a diff of
// positions, that stays exact when a merge reorders history.
import { EventEmitter } from 'events'
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { keys, ranges, positionOf } from '../views/keys.js'
import type { MessageRecord, UserRecord } from '../views/records.js'
import { toMessage, anonymousName, type Message } from './message.js'
import type { Clock } from './network/peer-channel.js'
import { errors } from './errors.js'

const DEFAULT_PAGE = 50
const MAX_PAGE = 500

export interface ReaderHooks {
  /** This device's ~clear marker for the room. */
  cleared: () => Clock
}

/** Events: 'message' (Message), 'reset' (history reordered), 'profile' (a user changed). */
export class MessageReader extends EventEmitter {
  /** Per writer, the last seq applied to the view. */
  clock: Clock = {}
  /** Our highest seq that some peer has applied: later ones are not yet seen. */
  seen = -1
  private emitted: Clock = {}
  private readonly base: Autobase<Hyperbee>
  private readonly hooks: ReaderHooks
  private fork = 0
  private count = 0
  /** Set when the view was truncated: a reorder, which does not always change the fork. */
  private truncated = false
  private users = ''
  private names = new Map<string, string>()
  private running: Promise<void> | null = null
  private again = false
  private closed = false

  constructor (base: Autobase<Hyperbee>, hooks: ReaderHooks) {
    super()
    this.base = base
    this.hooks = hooks
  }

  private get view (): Hyperbee { return this.base.view }
  private get writer (): string { return this.base.local.key.toString('hex') }

  async ready (): Promise<void> {
    this.view.core.on('truncate', () => { this.truncated = true })
    const view = this.view.snapshot()
    try {
      this.fork = view.core.fork
      this.clock = await readClock(view)
      this.emitted = { ...this.clock }
      this.count = await readCount(view)
      this.users = await readUsers(view)
    } finally {
      await view.close()
    }
  }

  close (): Promise<void> {
    this.closed = true
    return this.running ?? Promise.resolve()
  }

  /** Catches up with the view; concurrent calls coalesce into one more pass. */
  update (): Promise<void> {
    if (this.running !== null) {
      this.again = true
      return this.running
    }
    this.running = this.pass().finally(() => { this.running = null })
    return this.running
  }

  private async pass (): Promise<void> {
    do {
      this.again = false
      if (this.closed) return
      await this.catchUp()
    } while (this.again)
  }

  // Reads one snapshot, so the clock, the count and the messages agree with each other.
  private async catchUp (): Promise<void> {
    this.names.clear()
    const truncated = this.truncated
    this.truncated = false
    const view = this.view.snapshot()
    try {
      const fork = view.core.fork
      const reordered = truncated || fork !== this.fork
      this.fork = fork
      if (reordered) this.emit('reset')
      const users = await readUsers(view)
      if (users !== this.users) {
        this.users = users
        this.emit('profile')
      }
      this.clock = await readClock(view)
      const count = await readCount(view)
      // Without a reorder, apply only appends: the new messages are the positions after the
      // old count, read in one range. After a reorder, find them writer by writer instead.
      const fresh = !reordered && count >= this.count
        ? await appended(view, this.count, count)
        : await this.byClock(view)
      this.count = count
      const emitted = this.emitted
      this.emitted = { ...this.clock }
      fresh.sort((a, b) => a.position - b.position)
      const cleared = this.hooks.cleared()
      for (const { position, record } of fresh) {
        if (this.closed) return
        if (hidden(record, cleared) || record.seq <= (emitted[record.author] ?? -1)) continue
        this.emit('message', await this.toMessage(record, position))
      }
    } finally {
      await view.close()
    }
  }

  private async byClock (view: Hyperbee): Promise<Fresh[]> {
    const fresh: Fresh[] = []
    for (const [writer, seq] of Object.entries(this.clock)) {
      for (let s = (this.emitted[writer] ?? -1) + 1; s <= seq; s++) {
        const position = await getValue<number>(view, keys.messageId(writer + ':' + s))
        if (position === null) continue
        const record = await getValue<MessageRecord>(view, keys.message(position))
        if (record !== null && record.author === writer) fresh.push({ position, record })
      }
    }
    return fresh
  }

  /** A page of messages, oldest first, ending just before `before` (an id) or at the newest. */
  async page (opts: { limit?: number, before?: string }): Promise<Message[]> {
    const limit = opts.limit ?? DEFAULT_PAGE
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) throw errors.invalid(`limit is a whole number from 1 to ${MAX_PAGE}`)
    let lt: string = ranges.messages.lt
    if (opts.before !== undefined) {
      const position = await this.get<number>(keys.messageId(opts.before))
      if (position === null) throw errors.notFound('The message')
      lt = keys.message(position)
    }
    const cleared = this.hooks.cleared()
    const view = this.view.snapshot()
    const out: Message[] = []
    try {
      for await (const { key, value } of view.createReadStream({ gt: ranges.messages.gt, lt, reverse: true })) {
        const record = value as MessageRecord
        if (hidden(record, cleared)) continue
        out.push(await this.toMessage(record, positionOf(key)))
        if (out.length === limit) break
      }
    } finally {
      await view.close()
    }
    return out.reverse()
  }

  async byId (id: string): Promise<Message | null> {
    const position = await this.get<number>(keys.messageId(id))
    if (position === null) return null
    const record = await this.get<MessageRecord>(keys.message(position))
    return record === null ? null : this.toMessage(record, position)
  }

  private async toMessage (record: MessageRecord, position: number): Promise<Message> {
    const seen = record.author !== this.writer || record.seq <= this.seen
    return toMessage(record, position, await this.nameOf(record.author), seen)
  }

  private async nameOf (key: string): Promise<string> {
    let name = this.names.get(key)
    if (name === undefined) {
      name = (await this.get<UserRecord>(keys.user(key)))?.name ?? anonymousName(key)
      this.names.set(key, name)
    }
    return name
  }

  /** The clock as the view has it right now (the `clock` field may lag by one update). */
  readClock (): Promise<Clock> {
    return readClock(this.view)
  }

  private get<T> (key: string): Promise<T | null> {
    return getValue<T>(this.view, key)
  }
}

async function getValue<T> (view: Hyperbee, key: string): Promise<T | null> {
  const entry = await view.get(key)
  return entry === null ? null : entry.value as T
}

async function readClock (view: Hyperbee): Promise<Clock> {
  const clock: Clock = {}
  for await (const { key, value } of view.createReadStream(ranges.clocks)) clock[key.slice('clock/'.length)] = value as number
  return clock
}

async function readCount (view: Hyperbee): Promise<number> {
  return (await getValue<number>(view, keys.count)) ?? 0
}

async function readUsers (view: Hyperbee): Promise<string> {
  const parts: string[] = []
  for await (const { key, value } of view.createReadStream(ranges.users)) parts.push(key + JSON.stringify(value))
  return parts.join('\n')
}

async function appended (view: Hyperbee, from: number, to: number): Promise<Fresh[]> {
  const fresh: Fresh[] = []
  if (from >= to) return fresh
  for await (const { key, value } of view.createReadStream({ gte: keys.message(from), lt: keys.message(to) })) {
    fresh.push({ position: positionOf(key), record: value as MessageRecord })
  }
  return fresh
}

interface Fresh { position: number, record: MessageRecord }

/** Hidden by ~clear: its writer's cleared seq reaches it. */
export function hidden (record: MessageRecord, cleared: Clock): boolean {
  const mark = cleared[record.author]
  return mark !== undefined && record.seq <= mark
}
