// Projection: messages, in linearised order. Deterministic and pure: a message's position is
// the one after the last msg/ key in the view (no counter is stored), its id comes from the
// writer key and seq of its block. Its read side is views/messages-reads.ts.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys, messageId } from './keys.js'
import type { RoomEvent, MentioningText } from './schema.js'
import type { MessageRecord } from './records.js'

type Posted = Extract<RoomEvent, { type: 'message-posted' | 'file-posted' | 'audio-posted' }>

export async function messagePosted (ev: Posted, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  const id = messageId(from.key, from.seq)
  const record: MessageRecord = { id, author: from.key, seq: from.seq, type: 'text', ts: ev.ts }
  if (ev.type === 'message-posted') {
    record.text = ev.text
    if (ev.replyTo !== undefined) record.replyTo = ev.replyTo
    if (ev.v === 3 && ev.mentions !== undefined) record.mentions = [...ev.mentions]
  } else {
    record.type = ev.type === 'file-posted' ? 'file' : 'audio'
    const { drive, path, name, mime, size, version } = ev
    record.file = { drive, path, name, mime, size }
    if (version !== undefined) record.file.version = version
    if (ev.type === 'audio-posted') record.file.duration = ev.duration
  }
  const position = await ctx.nextPosition()
  await ctx.put(keys.message(position), record)
  await ctx.indexMessage(from.key, from.seq, position)
  return true
}

/** Several text messages in one block (group commit): one record and one position each. */
export async function messagesPosted (ev: Extract<RoomEvent, { type: 'messages-posted' }>, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  let first = -1
  for (let part = 0; part < ev.messages.length; part++) {
    const { text, ts, replyTo, mentions }: MentioningText = ev.messages[part]
    const record: MessageRecord = { id: messageId(from.key, from.seq, part), author: from.key, seq: from.seq, part, type: 'text', ts, text }
    if (replyTo !== undefined) record.replyTo = replyTo
    if (mentions !== undefined) record.mentions = [...mentions]
    const position = await ctx.nextPosition()
    if (first === -1) first = position
    await ctx.put(keys.message(position), record)
  }
  await ctx.indexPacked(from.key, from.seq, first, ev.messages.length)
  return true
}
