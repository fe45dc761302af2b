// The messages this device writes in a room: a text goes to the writer (group-committed), and
// the call resolves with the message as it entered the view. Edits and deletions
// (room-edits.ts) and reactions (room-reactions.ts) are beside it: what a person says in the
// room, as opposed to who is in it. The checks here are the SDK's (a clear error before
// anything is written); apply checks again on every peer and skips what fails.
import type Hyperbee from 'hyperbee'
import { LIMITS, type MentioningText } from '../views/schema.js'
import { isHex32 } from '../views/limits.js'
import { readMember } from '../views/members-reads.js'
import { errors, LinkUpError } from './errors.js'
import type { MessageReader } from './message-reader.js'
import type { Message } from './message.js'
import type { RoomWriter } from './room-writer.js'

/** What the conversation modules share: the feed, the writer, the view and who we are. */
export interface ConversationParts {
  readonly reader: MessageReader
  /** The writer of the current base (a reopen after a storage error replaces it). */
  writer: () => RoomWriter
  view: () => Hyperbee
  /** This device's writer key (hex). */
  writerKey: () => string
}

export interface SendOptions {
  /** The id of the message this one answers. */
  replyTo?: string
  /** Member keys the text calls (the UI inserts `@name` for each). */
  mentions?: readonly string[]
}

/** A message text as every peer will accept it. */
export function checkText (text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.trim().length === 0) throw errors.invalid('A message needs some text')
  if (text.length > LIMITS.textChars) throw errors.tooLarge('The message', `${LIMITS.textChars} characters`)
}

/** Mentions: distinct keys of current members, at most LIMITS.mentions; undefined for none. */
export async function checkMentions (view: Hyperbee, mentions: unknown): Promise<string[] | undefined> {
  if (mentions === undefined) return undefined
  if (!Array.isArray(mentions) || !mentions.every(isHex32)) throw errors.invalid('mentions is a list of member keys (64 hex characters each)')
  const keys = [...new Set(mentions)]
  if (keys.length === 0) return undefined
  if (keys.length > LIMITS.mentions) throw errors.invalid(`A message mentions at most ${LIMITS.mentions} members`)
  for (const key of keys) {
    if (await readMember(view, key) === null) throw errors.invalid(`${key.slice(0, 8)}… is not a member of this room`)
  }
  return keys
}

/** The message `id`, or NOT_FOUND; a deleted one is NOT_FOUND too unless `deletedOk`. */
export async function target (reader: MessageReader, id: string, deletedOk = false): Promise<Message> {
  const message = typeof id === 'string' ? await reader.byId(id) : null
  if (message === null) throw errors.notFound('The message')
  if (message.deleted && !deletedOk) throw new LinkUpError('NOT_FOUND', 'That message was deleted')
  return message
}

export class Conversation {
  private readonly parts: ConversationParts

  constructor (parts: ConversationParts) {
    this.parts = parts
  }

  async send (text: string, opts: SendOptions = {}): Promise<Message> {
    checkText(text)
    const posted: MentioningText = { text, ts: Date.now() }
    if (opts?.replyTo !== undefined) {
      if (await this.parts.reader.byId(opts.replyTo) === null) throw errors.notFound('The message replied to')
      posted.replyTo = opts.replyTo
    }
    const mentions = await checkMentions(this.parts.view(), opts?.mentions)
    if (mentions !== undefined) posted.mentions = mentions
    const { seq, part } = await this.parts.writer().post(posted)
    return this.posted(seq, part)
  }

  /** The message this device just appended (block seq, part of a packed block), as it entered the view. */
  async posted (seq: number, part?: number): Promise<Message> {
    const message = await this.parts.reader.own(seq, part)
    if (message === null) throw new LinkUpError('NOT_FOUND', 'The message was written but is not in the view')
    return message
  }
}
