// The SDK's message shape, made from the view's records.
import type { MessageRecord } from '../views/records.js'
import { TIMES } from '../views/limits.js'
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
  /**
   * The sender's clock (ms since the epoch), as claimed, bounded to a valid Date (0 ..
   * 8.64e15): for display, never for ordering. Check `firstSeen` before believing it.
   */
  timestamp: number
  /**
   * When this device first saw the message (ms, its own clock), present only when the claimed
   * timestamp is far off: more than 10 minutes after that moment, or before 2025
   * (views/limits.ts TIMES). Show this instead of, or beside, the claim.
   */
  firstSeen?: number
  /** Place in the linearised log. It moves when histories merge: key rows by id. */
  position: number
  /** False for our own message while no other peer has received it yet. */
  seen: boolean
}

export function toMessage (record: MessageRecord, position: number, name: string, seen: boolean, firstSeen?: number): Message {
  const message: Message = {
    id: record.id,
    type: record.type,
    author: { key: record.author, name },
    // A block may claim any safe integer; past 8.64e15 no Date can hold it.
    timestamp: Math.min(Math.max(record.ts, 0), TIMES.lastValid),
    position,
    seen
  }
  if (firstSeen !== undefined) message.firstSeen = firstSeen
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
