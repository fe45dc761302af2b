// Reactions (docs/architecture.md §13): one emoji per person per message, added or removed.
// The SDK refuses here what apply would skip on every peer (views/reactions.ts), with a reason.
import { LIMITS, isEmoji } from '../views/limits.js'
import { readReactionChanges } from '../views/changes-reads.js'
import { errors, LinkUpError } from './errors.js'
import type { Message } from './message.js'
import { target, type ConversationParts } from './room-conversation.js'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** One emoji: apply's byte rule (views/limits.ts) and a single grapheme (checked here only). */
export function checkEmoji (emoji: unknown): asserts emoji is string {
  if (!isEmoji(emoji)) throw errors.invalid(`A reaction is one emoji (at most ${LIMITS.emojiBytes} bytes)`)
  let count = 0
  for (const _ of graphemes.segment(emoji)) if (++count > 1) throw errors.invalid('A reaction is one emoji')
}

export class Reactions {
  private readonly parts: ConversationParts

  constructor (parts: ConversationParts) {
    this.parts = parts
  }

  /** Adds this member's `emoji` to the message; already there: nothing changes. */
  react (id: string, emoji: string): Promise<Message> {
    return this.change(id, emoji, true)
  }

  /** Takes this member's `emoji` off the message; not there: nothing changes. */
  unreact (id: string, emoji: string): Promise<Message> {
    return this.change(id, emoji, false)
  }

  private async change (id: string, emoji: string, add: boolean): Promise<Message> {
    checkEmoji(emoji)
    const message = await target(this.parts.reader, id)
    const me = this.parts.writerKey()
    const who = Object.hasOwn(message.reactions, emoji) ? message.reactions[emoji] : []
    if (who.includes(me) === add) return message
    if (add) this.checkRoom(message, who)
    if (await readReactionChanges(this.parts.view(), id, me) >= LIMITS.reactionChanges) {
      throw new LinkUpError('NOT_ALLOWED', 'You have changed your reactions to this message too often')
    }
    const seq = await this.parts.writer().append({ type: add ? 'reaction-added' : 'reaction-removed', v: 3, id, emoji })
    const changed = await this.parts.reader.ownChange(seq)
    if (changed !== null) return changed
    // Skipped: deleted meanwhile, or this person's other device made the same change first
    // (docs/architecture.md §16.5: one reaction per person), which leaves what was asked for.
    const now = await target(this.parts.reader, id).catch(() => null)
    const done = now !== null && (Object.hasOwn(now.reactions, emoji) ? now.reactions[emoji] : []).includes(me) === add
    if (now === null || !done) throw new LinkUpError('NOT_FOUND', 'The message was deleted before the reaction reached it')
    return now
  }

  private checkRoom (message: Message, who: string[]): void {
    const emoji = Object.keys(message.reactions)
    if (who.length === 0 && emoji.length >= LIMITS.reactionEmoji) {
      throw new LinkUpError('NOT_ALLOWED', `A message holds at most ${LIMITS.reactionEmoji} different emoji`)
    }
    const total = emoji.reduce((n, e) => n + message.reactions[e].length, 0)
    if (total >= LIMITS.reactions) throw new LinkUpError('NOT_ALLOWED', `A message holds at most ${LIMITS.reactions} reactions`)
  }
}
