// Projection: invites you control (v3 events, views/schema-invites.ts). Deterministic and pure:
// expiry is judged against block times only (views/members.ts), and a join consumes a use in
// log order, so every peer counts the same uses and refuses the same late joiners.
//
// Every change here moves meta/trust (ctx.changedTrust): invites decide who may read the room
// before joining (src/trust/room-access.ts), and the SDK rereads the live invites when it moves.
// The v1 handlers (views/invites.ts) are kept as they were: v1 blocks fold as older builds fold them.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { InvitePolicyRecord, InviteRecord } from './records.js'

type InviteCreated = Extract<RoomEvent, { type: 'invite-created', v: 3 }>
type InviteRevoked = Extract<RoomEvent, { type: 'invite-revoked', v: 3 }>
type InvitePolicySet = Extract<RoomEvent, { type: 'invite-policy-set' }>

/** Whether only the owner's and admins' invites admit (and only they may make new ones). */
export async function adminsOnly (ctx: ApplyContext): Promise<boolean> {
  return (await ctx.get<InvitePolicyRecord>(keys.invitePolicy))?.adminsOnly === true
}

/** Whether an invite has admitted as many joins as it may. */
export function usedUp (invite: InviteRecord): boolean {
  return invite.uses !== undefined && (invite.used ?? 0) >= invite.uses
}

/** Any member may invite, unless only admins invite. A pub is used once, as in v1. */
export async function inviteCreatedV3 (ev: InviteCreated, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  if (await adminsOnly(ctx) && !(await ctx.isAdmin(from.identity))) return false
  if (await ctx.get<InviteRecord>(keys.invite(ev.pub)) !== null) return false
  const record: InviteRecord = { by: from.identity, ts: ev.ts }
  if (ev.expires !== undefined) record.expires = ev.expires
  if (ev.uses !== undefined) {
    record.uses = ev.uses
    record.used = 0
  }
  await ctx.put(keys.invite(ev.pub), record)
  ctx.changedTrust()
  return true
}

/** The owner or an admin may revoke any invite; a member the ones they made. */
export async function inviteRevokedV3 (ev: InviteRevoked, ctx: ApplyContext, from: Author): Promise<boolean> {
  const invite = await ctx.get<InviteRecord>(keys.invite(ev.pub))
  if (invite === null || invite.revoked === true) return false
  if (!(await ctx.isAdmin(from.identity)) && !(invite.by === from.identity && await ctx.isMember(from.identity))) return false
  await ctx.put(keys.invite(ev.pub), { ...invite, revoked: true } satisfies InviteRecord)
  ctx.changedTrust()
  return true
}

/** Only the owner turns "only admins invite" on or off. */
export async function invitePolicySet (ev: InvitePolicySet, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (from.identity !== ctx.owner) return false
  await ctx.put(keys.invitePolicy, { adminsOnly: ev.adminsOnly, by: from.identity } satisfies InvitePolicyRecord)
  ctx.changedTrust()
  return true
}

/** A join was admitted with this invite: one use fewer, when its uses are counted. */
export async function consumeUse (ctx: ApplyContext, pub: string, invite: InviteRecord): Promise<void> {
  if (invite.uses === undefined) return // v1 invites and unlimited ones: nothing is written, as before
  await ctx.put(keys.invite(pub), { ...invite, used: (invite.used ?? 0) + 1 } satisfies InviteRecord)
  ctx.changedTrust()
}
