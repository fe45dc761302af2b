// Projection: membership (removal is views/removals.ts). Deterministic and pure: the invite proof is checked with a
// signature verification, which reads nothing but its inputs. Read side: views/members-reads.ts.
import crypto from 'hypercore-crypto'
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { InviteRecord, MemberRecord, BanRecord } from './records.js'
import { joinBarred } from './removals.js'
import { consumeUse, usedUp } from './invite-rules.js'

type MemberJoined = Extract<RoomEvent, { type: 'member-joined' }>
type MemberJoinedV1V3 = Extract<MemberJoined, { v: 1 | 3 }>

/**
 * The invite a join names, when it lets this writer in: it exists, is neither revoked, used up
 * nor expired by the join's own time, the writer is not banned, and the invite's secret signed
 * the writer key. null otherwise. Shared by every version of member-joined (v4: views/devices.ts).
 */
export async function invitePasses (ev: MemberJoined, ctx: ApplyContext, from: Author): Promise<InviteRecord | null> {
  const invite = await ctx.get<InviteRecord>(keys.invite(ev.invite))
  if (invite === null || invite.revoked === true || usedUp(invite)) return null
  if (invite.expires !== undefined && ev.ts > invite.expires) return null
  if (await ctx.get<BanRecord>(keys.ban(from.key)) !== null) return null
  if (!crypto.verify(from.buffer, Buffer.from(ev.sig, 'hex'), Buffer.from(ev.invite, 'hex'))) return null
  return invite
}

/**
 * A join arrives as an optimistic block from a key that is not yet a writer. It is admitted
 * when the invite exists, is neither revoked nor expired, the key is not banned, and the
 * invite's secret signed the joiner's writer key. Expiry is judged against the joiner's own
 * clock (the only time apply may read): it stops honest late joins, not a determined liar.
 */
export async function memberJoined (ev: MemberJoinedV1V3, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (await ctx.isMember(from.key)) return true // replayed after a reorder: already in
  if (await ctx.writerRecord(from.key) !== null) return false // it writes for an identity (v4)
  const invite = await invitePasses(ev, ctx, from)
  if (invite === null || await joinBarred(ev, ctx, from, invite)) return false
  await ctx.host.addWriter(from.buffer, { indexer: false })
  const record: MemberRecord = { role: 'member', invite: ev.invite }
  if (ev.v === 3) record.device = ev.device
  await ctx.put(keys.member(from.key), record)
  ctx.setMember(from.key, true)
  await consumeUse(ctx, ev.invite, invite)
  if (ev.v === 3) ctx.changedTrust() // v1 blocks fold exactly as older builds fold them
  return true
}
