// Projection: membership. Deterministic and pure: the invite proof is checked with a
// signature verification, which reads nothing but its inputs. Read side: views/members-reads.ts.
import crypto from 'hypercore-crypto'
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { InviteRecord, MemberRecord, BanRecord } from './records.js'

type MemberJoined = Extract<RoomEvent, { type: 'member-joined' }>
type MemberRemoved = Extract<RoomEvent, { type: 'member-removed' }>

/**
 * A join arrives as an optimistic block from a key that is not yet a writer. It is admitted
 * when the invite exists, is neither revoked nor expired, the key is not banned, and the
 * invite's secret signed the joiner's writer key. Expiry is judged against the joiner's own
 * clock (the only time apply may read): it stops honest late joins, not a determined liar.
 */
export async function memberJoined (ev: MemberJoined, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (await ctx.isMember(from.key)) return true // replayed after a reorder: already in
  const invite = await ctx.get<InviteRecord>(keys.invite(ev.invite))
  if (invite === null || invite.revoked === true) return false
  if (invite.expires !== undefined && ev.ts > invite.expires) return false
  if (await ctx.get<BanRecord>(keys.ban(from.key)) !== null) return false
  if (!crypto.verify(from.buffer, Buffer.from(ev.sig, 'hex'), Buffer.from(ev.invite, 'hex'))) return false
  await ctx.host.addWriter(from.buffer, { indexer: false })
  await ctx.put(keys.member(from.key), { role: 'member', invite: ev.invite } satisfies MemberRecord)
  ctx.setMember(from.key, true)
  return true
}

/**
 * Only the owner removes, never themselves. The removed key is banned and the invite it
 * came in with is revoked in the same step, so the same token cannot bring it back.
 */
export async function memberRemoved (ev: MemberRemoved, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (from.key !== ctx.owner || ev.key === ctx.owner) return false
  if (await ctx.get<BanRecord>(keys.ban(ev.key)) !== null) return false
  const member = await ctx.get<MemberRecord>(keys.member(ev.key))
  await ctx.put(keys.ban(ev.key), { by: from.key } satisfies BanRecord)
  if (member !== null) {
    await ctx.del(keys.member(ev.key))
    if (member.invite !== undefined) {
      const invite = await ctx.get<InviteRecord>(keys.invite(member.invite))
      if (invite !== null) await ctx.put(keys.invite(member.invite), { ...invite, revoked: true } satisfies InviteRecord)
    }
  }
  ctx.setMember(ev.key, false)
  const key = Buffer.from(ev.key, 'hex')
  if (member !== null && ctx.host.removeable(key)) await ctx.host.removeWriter(key)
  return true
}
