// The messages this device writes in a room: a text goes to the writer (group-committed), and
// the call resolves with the message as it entered the view. Replies, edits, deletions and
// reactions belong here too: what a person says in the room, as opposed to who is in it.
import { LIMITS, type PostedText } from '../views/schema.js'
import { errors, LinkUpError } from './errors.js'
import type { MessageReader } from './message-reader.js'
import type { Message } from './message.js'
import type { RoomWriter } from './room-writer.js'

export class Conversation {
  private readonly reader: MessageReader
  private readonly writer: RoomWriter

  constructor (reader: MessageReader, writer: RoomWriter) {
    this.reader = reader
    this.writer = writer
  }

  async send (text: string, opts: { replyTo?: string } = {}): Promise<Message> {
    if (typeof text !== 'string' || text.trim().length === 0) throw errors.invalid('A message needs some text')
    if (text.length > LIMITS.textChars) throw errors.tooLarge('The message', `${LIMITS.textChars} characters`)
    const posted: PostedText = { text, ts: Date.now() }
    if (opts?.replyTo !== undefined) {
      if (await this.reader.byId(opts.replyTo) === null) throw errors.notFound('The message replied to')
      posted.replyTo = opts.replyTo
    }
    const { seq, part } = await this.writer.post(posted)
    return this.posted(seq, part)
  }

  /** The message this device just appended (block seq, part of a packed block), as it entered the view. */
  async posted (seq: number, part?: number): Promise<Message> {
    const message = await this.reader.own(seq, part)
    if (message === null) throw new LinkUpError('NOT_FOUND', 'The message was written but is not in the view')
    return message
  }
}
