// What a bot's handlers receive: the message, its room and author, and reply(). Every reply is
// marked as coming from a bot and points at the message it answers (replyTo).
import type { Room } from '../room.js'
import type { Message } from '../message.js'
import type { ReadOptions } from '../files/room-files.js'
import { LIMITS } from '../../views/schema.js'

/**
 * Every message a Bot sends starts with this invisible character (U+2063, INVISIBLE SEPARATOR).
 * Bots built on this framework ignore messages that start with it, so two bots never answer
 * each other; a bot that only checks `text.startsWith('!')` never sees a command in our replies
 * either, because the marker comes first. Humans do not see it.
 */
export const BOT_MARKER = '\u2063'

/** True for a message sent by a bot built on this framework. */
export function isBotMessage (message: Pick<Message, 'text'>): boolean {
  return typeof message.text === 'string' && message.text.startsWith(BOT_MARKER)
}

export interface Context {
  room: Room
  message: Message
  author: Message['author']
  /** Sends a reply to `message` in its room; null when nothing was sent (empty, or too many). */
  reply: (text: string) => Promise<Message | null>
  /** Reacts to `message` with one emoji; null when the room refused it. */
  react: (emoji: string) => Promise<Message | null>
  /** New text for one of this bot's own replies (still marked as a bot's); null if not its own or refused. */
  edit: (reply: Message, text: string) => Promise<Message | null>
}

export interface CommandContext extends Context {
  /** The command's name, lower case, without the prefix. */
  command: string
  /** The words after the name. */
  args: string[]
  /** Everything after the name, as typed (newlines kept). */
  rest: string
}

export interface FileContext extends Context {
  file: NonNullable<Message['file']>
  /** The file's bytes (Room.readFile), from a peer that holds them; rejects FILE_UNAVAILABLE. */
  read: (opts?: ReadOptions) => Promise<Buffer>
}

/** What a handler may return: a string is sent as the reply. */
export type Reply = string | null | undefined | void

const ELLIPSIS = '…'

/** The text of a reply: marked, and cut to what a message may hold. */
export function replyText (text: string): string | null {
  if (typeof text !== 'string' || text.trim().length === 0) return null
  const max = LIMITS.textChars - BOT_MARKER.length
  const body = text.length > max ? text.slice(0, max - ELLIPSIS.length) + ELLIPSIS : text
  return BOT_MARKER + body
}

export function makeContext (room: Room, message: Message, opts: { maxReplies: number, onError: (err: unknown) => void }): Context {
  let sent = 0
  return {
    room,
    message,
    author: message.author,
    reply: async (text: string) => {
      const body = replyText(text)
      if (body === null || sent >= opts.maxReplies) return null
      sent++
      try {
        return await room.send(body, { replyTo: message.id })
      } catch (err) {
        opts.onError(err)
        return null
      }
    },
    react: async (emoji: string) => {
      try {
        return await room.react(message.id, emoji)
      } catch (err) {
        opts.onError(err)
        return null
      }
    },
    edit: async (reply: Message, text: string) => {
      const body = replyText(text)
      if (body === null || reply?.author?.key !== room.identityKey) return null
      try {
        return await room.edit(reply.id, body)
      } catch (err) {
        opts.onError(err)
        return null
      }
    }
  }
}

export function fileContext (base: Context, file: NonNullable<Message['file']>): FileContext {
  return { ...base, file, read: (opts) => base.room.readFile(base.message, opts) }
}
