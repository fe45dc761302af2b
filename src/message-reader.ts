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
    this.clock = await this.readClock()
    this.emitted = { ...this.clock }
    this.fork = this.view.core.fork
    this.users = await this.readUsers()
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

  private async catchUp (): Promise<void> {
    this.names.clear()
    const fork = this.view.core.fork
    if (fork !== this.fork) {
      this.fork = fork
      this.emit('reset')
    }
    const users = await this.readUsers()
    if (users !== this.users) {
      this.users = users
      this.emit('profile')
    }
    this.clock = await this.readClock()
    const fresh: Array<{ position: number, record: MessageRecord }> = []
    for (const [writer, seq] of Object.entries(this.clock)) {
      for (let s = (this.emitted[writer] ?? -1) + 1; s <= seq; s++) {
        const position = await this.get<number>(keys.messageId(writer + ':' + s))
        if (position === null) continue
        const record = await this.get<MessageRecord>(keys.message(position))
        if (record !== null && record.author === writer) fresh.push({ position, record })
      }
      this.emitted[writer] = seq
    }
    fresh.sort((a, b) => a.position - b.position)
    const cleared = this.hooks.cleared()
    for (const { position, record } of fresh) {
      if (this.closed) return
      if (hidden(record, cleared)) continue
      this.emit('message', await this.toMessage(record, position))
    }
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

  private async readClock (): Promise<Clock> {
    const clock: Clock = {}
    for await (const { key, value } of this.view.createReadStream(ranges.clocks)) {
      clock[key.slice('clock/'.length)] = value as number
    }
    return clock
  }

  private async readUsers (): Promise<string> {
    const parts: string[] = []
    for await (const { key, value } of this.view.createReadStream(ranges.users)) parts.push(key + JSON.stringify(value))
    return parts.join('\n')
  }

  private async get<T> (key: string): Promise<T | null> {
    const entry = await this.view.get(key)
    return entry === null ? null : entry.value as T
  }
}

/** Hidden by ~clear: its writer's cleared seq reaches it. */
export function hidden (record: MessageRecord, cleared: Clock): boolean {
  const mark = cleared[record.author]
  return mark !== undefined && record.seq <= mark
}
