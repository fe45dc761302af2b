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

/**
 * A join arrives as an optimistic block from a key that is not yet a writer. It is admitted
 * when the invite exists, is neither revoked nor expired, the key is not banned, and the
 * invite's secret signed the joiner's writer key. Expiry is judged against the joiner's own
 * clock (the only time apply may read): it stops honest late joins, not a determined liar.
 */
export async function memberJoined (ev: MemberJoined, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (await ctx.isMember(from.key)) return true // replayed after a reorder: already in
  const invite = await ctx.get<InviteRecord>(keys.invite(ev.invite))
  if (invite === null || invite.revoked === true || usedUp(invite)) return false
  if (invite.expires !== undefined && ev.ts > invite.expires) return false
  if (await ctx.get<BanRecord>(keys.ban(from.key)) !== null) return false
  if (!crypto.verify(from.buffer, Buffer.from(ev.sig, 'hex'), Buffer.from(ev.invite, 'hex'))) return false
  if (await joinBarred(ev, ctx, from, invite)) return false
  await ctx.host.addWriter(from.buffer, { indexer: false })
  const record: MemberRecord = { role: 'member', invite: ev.invite }
  if (ev.v === 3) record.device = ev.device
  await ctx.put(keys.member(from.key), record)
  ctx.setMember(from.key, true)
  await consumeUse(ctx, ev.invite, invite)
  if (ev.v === 3) ctx.changedTrust() // v1 blocks fold exactly as older builds fold them
  return true
}
