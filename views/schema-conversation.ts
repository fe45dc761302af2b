// The v3 events of conversation: posting with mentions, editing, deleting and reacting.
// Deterministic and pure, like views/schema.ts, which routes every v3 block through here; a
// type this file does not know decodes to null.
//
// - message-posted / messages-posted (v3): as v1 / v2, and each text may carry `mentions`, the
//   member keys it calls. A build that knows only v2 stops at such a block and asks to update
//   (it would otherwise drop the mentions without a word). Texts without mentions are still
//   written as v1 / v2, so a room where nobody mentions, edits or reacts stays readable by v2.
// - message-edited { id, text, ts, mentions? }: new text for a text message of the author's.
// - message-deleted { id, ts }: the author, or the owner (an admin once roles exist), takes a
//   message back; the view keeps a tombstone in its place.
// - reaction-added / reaction-removed { id, emoji }: one emoji on one message, per person.
// `id` is the target message's id (docs/architecture.md §2.5); what may act on which target is
// apply's business (views/edits.ts, views/reactions.ts), not the decoder's.
import { isKey, isText, isTime, type Fields } from './checks.js'
import { LIMITS, MESSAGE_ID_RE, isEmoji } from './limits.js'

/** One text of a v3 posting: a v1/v2 text, plus the member keys it mentions. */
export interface MentioningText { text: string, ts: number, replyTo?: string, mentions?: readonly string[] }

export type ConversationEvent =
  | ({ type: 'message-posted', v: 3 } & MentioningText)
  | { type: 'messages-posted', v: 3, messages: readonly MentioningText[] }
  | { type: 'message-edited', v: 3, id: string, text: string, ts: number, mentions?: readonly string[] }
  | { type: 'message-deleted', v: 3, id: string, ts: number }
  | { type: 'reaction-added', v: 3, id: string, emoji: string }
  | { type: 'reaction-removed', v: 3, id: string, emoji: string }

const isId = (x: unknown): x is string => typeof x === 'string' && MESSAGE_ID_RE.test(x)
const isMessageText = (x: unknown): x is string => isText(x, LIMITS.textChars) && x.trim().length > 0

/** 1..LIMITS.mentions distinct member keys, or undefined when absent; false when invalid. */
function mentions (x: unknown): readonly string[] | undefined | false {
  if (x === undefined) return undefined
  if (!Array.isArray(x) || x.length === 0 || x.length > LIMITS.mentions) return false
  if (!x.every(isKey) || new Set(x).size !== x.length) return false
  return [...x] as string[]
}

function mentioningText (f: Fields): MentioningText | null {
  if (!isMessageText(f.text) || !isTime(f.ts)) return null
  if (f.replyTo !== undefined && !isId(f.replyTo)) return null
  const m = mentions(f.mentions)
  if (m === false) return null
  const out: MentioningText = { text: f.text, ts: f.ts }
  if (f.replyTo !== undefined) out.replyTo = f.replyTo
  if (m !== undefined) out.mentions = m
  return out
}

function packed (f: Fields): ConversationEvent | null {
  const { messages } = f
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > LIMITS.packedMessages) return null
  const out: MentioningText[] = []
  for (const m of messages) {
    const posted = m !== null && typeof m === 'object' && !Array.isArray(m) ? mentioningText(m as Fields) : null
    if (posted === null) return null // all or nothing, as in v2
    out.push(posted)
  }
  return { type: 'messages-posted', v: 3, messages: out }
}

export function decodeConversation (f: Fields): ConversationEvent | null {
  switch (f.type) {
    case 'message-posted': {
      const posted = mentioningText(f)
      return posted === null ? null : { type: 'message-posted', v: 3, ...posted }
    }
    case 'messages-posted':
      return packed(f)
    case 'message-edited': {
      const m = mentions(f.mentions)
      if (!isId(f.id) || !isMessageText(f.text) || !isTime(f.ts) || m === false) return null
      return m === undefined
        ? { type: 'message-edited', v: 3, id: f.id, text: f.text, ts: f.ts }
        : { type: 'message-edited', v: 3, id: f.id, text: f.text, ts: f.ts, mentions: m }
    }
    case 'message-deleted':
      return isId(f.id) && isTime(f.ts) ? { type: 'message-deleted', v: 3, id: f.id, ts: f.ts } : null
    case 'reaction-added':
    case 'reaction-removed':
      return isId(f.id) && isEmoji(f.emoji) ? { type: f.type, v: 3, id: f.id, emoji: f.emoji } : null
    default:
      return null
  }
}
