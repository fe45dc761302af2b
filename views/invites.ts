// Projection: invites. Deterministic and pure.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { InviteRecord } from './records.js'

type InviteCreated = Extract<RoomEvent, { type: 'invite-created' }>
type InviteRevoked = Extract<RoomEvent, { type: 'invite-revoked' }>

/** Any member may invite. A pub is used once: a revoked invite cannot be brought back. */
export async function inviteCreated (ev: InviteCreated, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  if (await ctx.get<InviteRecord>(keys.invite(ev.pub)) !== null) return false
  const record: InviteRecord = { by: from.identity }
  if (ev.expires !== undefined) record.expires = ev.expires
  await ctx.put(keys.invite(ev.pub), record)
  return true
}

/** The owner may revoke any invite; a member only the ones they made. */
export async function inviteRevoked (ev: InviteRevoked, ctx: ApplyContext, from: Author): Promise<boolean> {
  const invite = await ctx.get<InviteRecord>(keys.invite(ev.pub))
  if (invite === null || invite.revoked === true) return false
  if (from.identity !== ctx.owner && !(invite.by === from.identity && await ctx.isMember(from.identity))) return false
  await ctx.put(keys.invite(ev.pub), { ...invite, revoked: true } satisfies InviteRecord)
  return true
}
