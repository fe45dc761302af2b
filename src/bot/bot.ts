// A small framework for bots: register commands and a file handler, start, and the bot answers
// in every room its Client is in. It never answers itself, another bot, history from before it
// joined, or the same message twice (even across restarts), and it rate-limits its replies.
import { EventEmitter } from 'events'
import path from 'path'
import type { Client } from '../client.js'
import type { Room } from '../room.js'
import type { Message } from '../message.js'
import { isLinkUpError } from '../errors.js'
import { parseCommand, MAX_NAME_CHARS } from './parse.js'
import { TokenBucket, type RateLimit } from './rate-limit.js'
import { BotState } from './bot-state.js'
import { makeContext, fileContext, isBotMessage, type CommandContext, type FileContext, type Reply } from './context.js'

const TIMED_OUT = Symbol('timed out')
const TOO_SLOW = 'Sorry, that took too long.'

export interface BotOptions {
  client: Client
  /** What starts a command (default '!'). */
  prefix?: string
  /** Replies per room: `capacity` in a burst, refilled over `intervalMs` (default 5 per 5000 ms). */
  rateLimit?: RateLimit
  /** Where the bot keeps what it has handled (default <client storage>/bot-state.json). */
  stateFile?: string
  /** Answer unregistered commands with a one-line hint (default true). */
  unknownCommands?: boolean
  /** Replies one handler may send for one message (default 3). */
  maxReplies?: number
  /** The longest one handler may take before the bot gives up on it, in ms (default 30 s). */
  handlerTimeout?: number
  /** The clock (ms): an input, so tests can drive the rate limiter. */
  now?: () => number
}

export interface CommandSpec {
  /** One line for !help. */
  help: string
  /** The arguments, for !help: e.g. '[NdM]'. */
  usage?: string
  /** Returns (or resolves to) the reply, or calls ctx.reply itself. */
  run: (ctx: CommandContext) => Reply | Promise<Reply>
}

export type FileHandler = (ctx: FileContext) => Reply | Promise<Reply>

/** What happened to one message the bot acted on ('handled' event). */
export interface Handled {
  room: Room
  message: Message
  /** The command's name, or 'file', or 'unknown'. */
  what: string
  /** 'limited': dropped by the rate limiter (with 'notice': the one slow-down reply sent). */
  outcome: 'answered' | 'failed' | 'limited' | 'notice'
}

/** Events: 'handled' (Handled), 'warning' (error) — a bot never throws from a message. */
export class Bot extends EventEmitter {
  readonly client: Client
  readonly prefix: string
  private readonly opts: BotOptions
  private readonly specs = new Map<string, CommandSpec>()
  private readonly fileHandlers: FileHandler[] = []
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly attached = new Map<Room, (m: Message) => void>()
  private readonly state: BotState
  private readonly now: () => number
  private chain: Promise<void> = Promise.resolve()
  private startedAt = 0
  private running = false

  constructor (opts: BotOptions) {
    super()
    if (opts?.client === undefined) throw new TypeError('new Bot({ client }) needs a Client')
    this.opts = opts
    this.client = opts.client
    this.prefix = opts.prefix ?? '!'
    if (this.prefix.length === 0 || /\s/.test(this.prefix)) throw new TypeError('prefix is one or more non-space characters')
    this.now = opts.now ?? Date.now
    this.state = new BotState(opts.stateFile ?? path.join(this.client.storage, 'bot-state.json'))
    this.command('help', { help: 'lists the commands', run: () => this.helpText() })
  }

  /** Registers (or replaces) a command: `!name args…`. */
  command (name: string, spec: CommandSpec): this {
    if (!/^[a-z][a-z0-9_-]*$/.test(name) || name.length > MAX_NAME_CHARS) throw new TypeError(`'${name}' is not a command name (lower case letters, digits, - and _)`)
    if (typeof spec?.run !== 'function' || typeof spec.help !== 'string') throw new TypeError('a command needs { help, run }')
    this.specs.set(name, spec)
    return this
  }

  /** Handles file and voice messages. */
  onFile (handler: FileHandler): this {
    if (typeof handler !== 'function') throw new TypeError('onFile takes a function')
    this.fileHandlers.push(handler)
    return this
  }

  get commands (): Array<{ name: string, help: string, usage?: string }> {
    return [...this.specs].map(([name, s]) => s.usage === undefined ? { name, help: s.help } : { name, help: s.help, usage: s.usage })
  }

  /** Starts answering in every room of the client, and in rooms it joins later. */
  async start (): Promise<void> {
    if (this.running) return
    this.running = true
    await this.client.ready()
    await this.state.load()
    this.startedAt = this.now()
    for (const room of this.client.rooms) await this.attach(room)
    this.client.on('room', this.onroom)
    this.client.on('room-removed', this.onroomremoved)
  }

  /** Stops answering; waits for the replies under way. The client stays open. */
  async stop (): Promise<void> {
    if (!this.running) return
    this.running = false
    this.client.off('room', this.onroom)
    this.client.off('room-removed', this.onroomremoved)
    for (const room of [...this.attached.keys()]) this.detach(room)
    await this.chain
    await this.state.flushed()
  }

  private readonly onroom = (room: Room): void => {
    this.attach(room).catch(err => this.warn(err))
  }

  private readonly onroomremoved = (room: Room): void => {
    this.detach(room)
    this.state.forget(room.id).catch(err => this.warn(err))
  }

  private async attach (room: Room): Promise<void> {
    if (this.attached.has(room) || !this.running) return
    this.state.room(room.id, this.startedAt)
    await this.state.save()
    // Messages that entered the view while the bot was not running (since it joined) go first:
    // the handled-clock is per writer, so a writer's messages must be handled in order.
    const early: Message[] = []
    let live = false
    const listener = (m: Message): void => {
      if (live) this.enqueue(room, m)
      else early.push(m)
    }
    this.attached.set(room, listener)
    room.on('message', listener)
    try {
      for (const m of await room.messages({ limit: 100 })) this.enqueue(room, m)
    } finally {
      live = true
      for (const m of early) this.enqueue(room, m)
    }
  }

  private detach (room: Room): void {
    const listener = this.attached.get(room)
    if (listener !== undefined) room.off('message', listener)
    this.attached.delete(room)
  }

  // One message at a time, in arrival order: the handled-clock and the replies stay in order.
  private enqueue (room: Room, message: Message): void {
    this.chain = this.chain.then(() => this.handle(room, message)).catch(err => this.warn(err))
  }

  private async handle (room: Room, message: Message): Promise<void> {
    if (!this.attached.has(room) || !this.wanted(room, message)) return
    const parsed = message.type === 'text' ? parseCommand(message.text ?? '', this.prefix) : null
    const isFile = message.type !== 'text' && message.file !== undefined && this.fileHandlers.length > 0
    if (parsed === null && !isFile) return
    if (parsed !== null && !this.specs.has(parsed.name) && this.opts.unknownCommands === false) return
    const what = parsed === null ? 'file' : this.specs.has(parsed.name) ? parsed.name : 'unknown'
    await this.state.markHandled(room.id, message.id) // before answering: at most once
    const base = makeContext(room, message, { maxReplies: this.opts.maxReplies ?? 3, onError: err => this.warn(err) })
    const take = this.bucket(room).take()
    if (take !== 'ok') {
      if (take === 'notice') await base.reply('Slow down: I answer a few messages at a time. Try again in a few seconds.')
      this.emit('handled', { room, message, what, outcome: take === 'notice' ? 'notice' : 'limited' } satisfies Handled)
      return
    }
    let outcome: Handled['outcome'] = 'answered'
    try {
      if (parsed === null) {
        const ctx = fileContext(base, message.file as NonNullable<Message['file']>)
        for (const handler of this.fileHandlers) {
          if (!await sendReply(ctx.reply, await this.deadline(handler(ctx)))) outcome = 'failed'
        }
      } else {
        const spec = this.specs.get(parsed.name)
        const ctx: CommandContext = { ...base, command: parsed.name, args: parsed.args, rest: parsed.rest }
        const reply = spec === undefined ? `Unknown command ${this.prefix}${parsed.name}: try ${this.prefix}help` : await this.deadline(spec.run(ctx))
        if (!await sendReply(ctx.reply, reply)) outcome = 'failed'
      }
    } catch (err) {
      outcome = 'failed'
      this.warn(err)
      const code = isLinkUpError(err) ? ` (${err.code})` : ''
      await base.reply(`Sorry, that did not work${code}.`)
    }
    this.emit('handled', { room, message, what, outcome } satisfies Handled)
  }

  /** Not our own, not a bot's, not history from before the bot joined, not handled yet. */
  private wanted (room: Room, message: Message): boolean {
    if (message.author.key === room.identityKey || isBotMessage(message)) return false
    const mark = this.state.room(room.id, this.startedAt)
    if (message.timestamp < mark.since) return false
    return !this.state.isHandled(room.id, message.id)
  }

  // A handler that never settles must not stall every later message: after the deadline the
  // bot says so and moves on (the handler's late result is ignored).
  private deadline<T> (value: T | Promise<T>): Promise<T | typeof TIMED_OUT> {
    const ms = this.opts.handlerTimeout ?? 30_000
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<typeof TIMED_OUT>((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), ms) })
    return Promise.race([Promise.resolve(value), late]).finally(() => clearTimeout(timer))
  }

  private bucket (room: Room): TokenBucket {
    let bucket = this.buckets.get(room.id)
    if (bucket === undefined) {
      bucket = new TokenBucket(this.opts.rateLimit, this.now)
      this.buckets.set(room.id, bucket)
    }
    return bucket
  }

  private helpText (): string {
    const lines = this.commands.map(c => `- \`${this.prefix}${c.name}${c.usage === undefined ? '' : ' ' + c.usage}\`: ${c.help}`)
    return ['Commands:', ...lines].join('\n')
  }

  private warn (err: unknown): void {
    this.emit('warning', err)
  }
}

/** Sends what a handler returned; false when it timed out (and the bot said so instead). */
async function sendReply (reply: (text: string) => Promise<unknown>, value: Reply | typeof TIMED_OUT): Promise<boolean> {
  if (value === TIMED_OUT) {
    await reply(TOO_SLOW)
    return false
  }
  if (typeof value === 'string') await reply(value)
  return true
}
