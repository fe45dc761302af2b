// Projection: edits and deletions of messages. Deterministic and pure.
//
// A change names its target by id (docs/architecture.md §2.5). An honest client changes only
// messages its view holds, so the target comes before the change in every linearisation; a
// hostile one may name anything, and an unknown target, like a change its author may not make,
// is skipped (counted by apply), never an error. A change that took effect is recorded under
// chg/<writer>/<seq> so the reader can announce the message as updated (§4.1).
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys, ranges } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { MessageRecord } from './records.js'
import { mayDelete, mayEdit } from './permissions.js'

type MessageEdited = Extract<RoomEvent, { type: 'message-edited' }>
type MessageDeleted = Extract<RoomEvent, { type: 'message-deleted' }>

/** New text for a text message of the author's own; the edit's time is kept as `edited`. */
export async function messageEdited (ev: MessageEdited, ctx: ApplyContext, from: Author): Promise<boolean> {
  const found = await ctx.locate(ev.id)
  if (found === null) return false
  const { position, record } = found
  if (record.deleted === true || record.type !== 'text' || !(await mayEdit(ctx, from.identity, record))) return false
  // An edit carries the whole new state: mentions absent means none.
  const next: MessageRecord = { ...record, text: ev.text, edited: ev.ts }
  if (ev.mentions === undefined) delete next.mentions
  else next.mentions = [...ev.mentions]
  await ctx.put(keys.message(position), next)
  await ctx.recordChange(from.key, from.seq, ev.id)
  return true
}

/**
 * The author or a moderator takes a message back. Its record becomes a tombstone in the same
 * place (so positions, ids and replies to it stay put) holding nothing of what was said: no
 * text, file, mentions, reply or reactions, and the reaction counters go too.
 */
export async function messageDeleted (ev: MessageDeleted, ctx: ApplyContext, from: Author): Promise<boolean> {
  const found = await ctx.locate(ev.id)
  if (found === null) return false
  const { position, record } = found
  if (record.deleted === true || !(await mayDelete(ctx, from.identity, record))) return false
  const tombstone: MessageRecord = { id: record.id, author: record.author, seq: record.seq, type: record.type, ts: record.ts, deleted: true }
  if (record.part !== undefined) tombstone.part = record.part
  await ctx.put(keys.message(position), tombstone)
  const counters: string[] = []
  for await (const { key } of ctx.batch.createReadStream(ranges.reactionChanges(ev.id))) counters.push(key)
  for (const key of counters) await ctx.del(key)
  await ctx.recordChange(from.key, from.seq, ev.id)
  return true
}
