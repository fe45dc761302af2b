// Who may change a message. Deterministic and pure: it reads only the writer key, the message
// record and the view (through the apply context). One place for the rule: moderators are the
// owner and the admins (views/roles.ts), as the view says when the block is applied.
import type { ApplyContext } from './context.js'
import type { MessageRecord } from './records.js'

/** Who may take back anyone's message: the room's owner or an admin, by the writer key. */
export function mayModerate (ctx: ApplyContext, key: string): Promise<boolean> {
  return ctx.isAdmin(key)
}

/**
 * Only the author edits, and only while a member. `key` is the identity acting (views/author.ts):
 * the author is the person who wrote it from any of their devices (v4, §16.5).
 */
export async function mayEdit (ctx: ApplyContext, key: string, message: MessageRecord): Promise<boolean> {
  return key === await ctx.authorOf(message.author) && await ctx.isMember(key)
}

/** The author (while a member), or a moderator. */
export async function mayDelete (ctx: ApplyContext, key: string, message: MessageRecord): Promise<boolean> {
  return await mayEdit(ctx, key, message) || await mayModerate(ctx, key)
}
