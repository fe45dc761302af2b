// The SDK's message shape, made from the view's records.
import type { MessageRecord } from '../views/records.js'
import { TIMES } from '../views/limits.js'
import { cleanName } from '../views/names.js'

export interface Message {
  /** "<writer key>:<seq>": stable across merges, unlike position. */
  id: string
  type: 'text' | 'file' | 'audio'
  /**
   * Who wrote it: `key` the person (their identity key once their device is bound,
   * docs/architecture.md §16.5; else the writer key), `device` the writer key it came from.
   */
  author: { key: string, device: string, name: string }
  /** The Markdown text (absent for files, and once deleted). */
  text?: string
  /** Where the bytes are: the author's drive, path and version (see views/schema.ts). */
  file?: MessageRecord['file']
  /** The id of the message this one answers, or null. */
  replyTo: string | null
  /** The member keys the text mentions (never names: a name can change, a key cannot). */
  mentions: string[]
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
  /** The editor's clock at the last edit, as claimed and bounded like `timestamp`; null if never edited. */
  edited: number | null
  /** Taken back by its author or a moderator: a tombstone with no text, file or reactions. */
  deleted: boolean
  /** Emoji → the member keys that reacted with it, in the order they did. */
  reactions: Record<string, string[]>
  /** Place in the linearised log. It moves when histories merge: key rows by id. */
  position: number
  /** False for our own message while no other peer has received it yet. */
  seen: boolean
}

// A block may claim any safe integer; past 8.64e15 no Date can hold it.
const validTime = (ms: number): number => Math.min(Math.max(ms, 0), TIMES.lastValid)

export function toMessage (record: MessageRecord, position: number, name: string, seen: boolean, firstSeen?: number): Message {
  const message: Message = {
    id: record.id,
    type: record.type,
    author: { key: record.author, device: record.author, name },
    replyTo: record.replyTo ?? null,
    mentions: record.mentions === undefined ? [] : [...record.mentions],
    timestamp: validTime(record.ts),
    edited: record.edited === undefined ? null : validTime(record.edited),
    deleted: record.deleted === true,
    reactions: reactionsOf(record),
    position,
    seen
  }
  if (firstSeen !== undefined) message.firstSeen = firstSeen
  if (record.text !== undefined) message.text = record.text
  if (record.file !== undefined) message.file = { ...record.file }
  return message
}

function reactionsOf (record: MessageRecord): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  // apply keeps only emoji with a non-ASCII character as keys, never "__proto__" (views/limits.ts)
  for (const [emoji, who] of Object.entries(record.reactions ?? {})) out[emoji] = [...who]
  return out
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
