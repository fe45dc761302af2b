// Projection: reactions. Deterministic and pure.
//
// Any member reacts to any message that is in the view and not deleted, with an emoji
// (LIMITS.emojiBytes, views/limits.ts isEmoji), once per emoji. Bounds keep a message's record
// small and a flood harmless: at most LIMITS.reactionEmoji different emoji and LIMITS.reactions
// reactions on one message, and at most LIMITS.reactionChanges adds and removes by one person
// on one message; past them a reaction is skipped like any refused block, the same on every peer.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import { LIMITS } from './limits.js'
import type { RoomEvent } from './schema.js'
import type { MessageRecord } from './records.js'

type ReactionEvent = Extract<RoomEvent, { type: 'reaction-added' | 'reaction-removed' }>

type Reactions = Record<string, string[]>

function reactorsOf (reactions: Reactions, emoji: string): string[] {
  return Object.hasOwn(reactions, emoji) ? reactions[emoji] : []
}

function total (reactions: Reactions): number {
  let n = 0
  for (const who of Object.values(reactions)) n += who.length
  return n
}

/** Whether `next` (the reactions after the change) stays within the bounds; removals always do. */
function withinBounds (before: Reactions, next: Reactions): boolean {
  return Object.keys(next).length <= Math.max(LIMITS.reactionEmoji, Object.keys(before).length) &&
    total(next) <= Math.max(LIMITS.reactions, total(before))
}

/** Counts one more change by `key` on message `id`; false once it has made LIMITS.reactionChanges. */
async function spend (ctx: ApplyContext, id: string, key: string): Promise<boolean> {
  const counter = keys.reactionChanges(id, key)
  const used = (await ctx.get<number>(counter)) ?? 0
  if (used >= LIMITS.reactionChanges) return false
  await ctx.put(counter, used + 1)
  return true
}

/** reaction-added: joins the reactors of that emoji; reaction-removed: leaves them. */
export async function reactionChanged (ev: ReactionEvent, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  const found = await ctx.locate(ev.id)
  if (found === null || found.record.deleted === true) return false
  const { position, record } = found
  const before: Reactions = record.reactions ?? {}
  const who = reactorsOf(before, ev.emoji)
  const adding = ev.type === 'reaction-added'
  if (adding === who.includes(from.identity)) return false // one per person per emoji; nothing to remove
  const next: Reactions = { ...before }
  const reactors = adding ? [...who, from.identity] : who.filter((k) => k !== from.identity)
  if (reactors.length === 0) delete next[ev.emoji]
  else next[ev.emoji] = reactors
  if (!withinBounds(before, next) || !(await spend(ctx, ev.id, from.identity))) return false
  const updated: MessageRecord = { ...record, reactions: next }
  if (Object.keys(next).length === 0) delete updated.reactions
  await ctx.put(keys.message(position), updated)
  await ctx.recordChange(from.key, from.seq, ev.id)
  return true
}
