// The SDK's message shape, made from the view's records.
import type { MessageRecord } from '../views/records.js'
import { cleanName } from '../views/names.js'

export interface Message {
  /** "<writer key>:<seq>": stable across merges, unlike position. */
  id: string
  type: 'text' | 'file' | 'audio'
  author: { key: string, name: string }
  text?: string
  /** Where the bytes are: the author's drive, path and version (see views/schema.ts). */
  file?: MessageRecord['file']
  replyTo?: string
  /** The sender's clock (ms since the epoch): for display, never for ordering. */
  timestamp: number
  /** Place in the linearised log. It moves when histories merge: key rows by id. */
  position: number
  /** False for our own message while no other peer has received it yet. */
  seen: boolean
}

export function toMessage (record: MessageRecord, position: number, name: string, seen: boolean): Message {
  const message: Message = {
    id: record.id,
    type: record.type,
    author: { key: record.author, name },
    timestamp: record.ts,
    position,
    seen
  }
  if (record.text !== undefined) message.text = record.text
  if (record.file !== undefined) message.file = { ...record.file }
  if (record.replyTo !== undefined) message.replyTo = record.replyTo
  return message
}

/** A short stand-in name for a member who has not set a profile. */
export function anonymousName (key: string): string {
  return 'peer-' + key.slice(0, 6)
}

/**
 * The name a message shows for its author: the profile's name cleaned of hidden characters
 * (views/names.ts: a name written before they were refused stays so in the log), or the
 * stand-in when there is none left.
 */
export function shownName (name: string | undefined, key: string): string {
  const text = name === undefined ? '' : cleanName(name).text
  return text === '' ? anonymousName(key) : text
}
