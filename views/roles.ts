// Projection: roles (owner, admin, member), the handover, and the indexer set they imply.
// Deterministic and pure: the indexer set is a function of meta/admins, which changes only
// here and in views/removals.ts, in log order, so every peer asks Autobase for the same set.
//
// Admins are the room's indexers (signers), an odd number of them and at most three, oldest
// first (docs/architecture.md §3): Autobase signs with a majority of its indexers, so a second
// signer makes signing need both devices online where one sufficed, and every signer more adds
// ack rounds (docs/autobase.md §1). Admins past those write and moderate like the others and
// take a signer's place when one steps down, is demoted or removed.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { AdminsRecord, MemberRecord, RoomRecord } from './records.js'

type RoleSet = Extract<RoomEvent, { type: 'role-set' }>
type OwnershipTransferred = Extract<RoomEvent, { type: 'ownership-transferred' }>

export const MAX_SIGNERS = 3

/** The indexers for a list of admins (oldest first): the oldest one, or the oldest three. */
export function indexersOf (admins: readonly string[]): string[] {
  return admins.slice(0, admins.length >= MAX_SIGNERS ? MAX_SIGNERS : 1)
}

/** The owner and admins, oldest first. Before any role event it is the owner alone. */
export async function readAdmins (ctx: ApplyContext): Promise<string[]> {
  return (await ctx.get<AdminsRecord>(keys.admins)) ?? [ctx.owner]
}

/**
 * The writer that signs for a member: its own key, or for an identity with devices (v4) the
 * writer its member record names (views/devices.ts). Admins are people; Autobase's indexers are
 * writers, one per admin so that one device each is what a quorum counts (§3.2).
 */
export async function signerOf (ctx: ApplyContext, member: string): Promise<string> {
  return (await ctx.get<MemberRecord>(keys.member(member)))?.signer ?? member
}

async function signersOf (ctx: ApplyContext, members: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const key of members) out.push(await signerOf(ctx, key))
  return out
}

/**
 * Records the new list of admins and moves Autobase's indexers to match: promotions first, so
 * the set never drops to nothing in between; keys no longer members are left to the caller,
 * which removes them as writers (a demotion would add them back).
 */
export async function setAdmins (ctx: ApplyContext, next: string[]): Promise<void> {
  const before = await signersOf(ctx, indexersOf(await readAdmins(ctx)))
  const after = await signersOf(ctx, indexersOf(next))
  await ctx.put(keys.admins, next satisfies AdminsRecord)
  for (const key of after) {
    if (!before.includes(key)) await ctx.host.addWriter(Buffer.from(key, 'hex'), { indexer: true })
  }
  for (const key of before) {
    if (!after.includes(key) && await ctx.isMember(await ctx.identityOf(key))) await ctx.host.addWriter(Buffer.from(key, 'hex'), { indexer: false })
  }
}

/**
 * The owner and admins promote members and demote admins (so a signer whose device is lost can
 * be replaced by the next admin while a quorum is online, docs/autobase.md §7). The owner's own
 * role moves only by a handover. Concurrent demotions resolve in log order: a demoted admin's
 * later blocks no longer carry an admin's authority.
 */
export async function roleSet (ev: RoleSet, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (ev.key === ctx.owner || !(await ctx.isAdmin(from.identity))) return false
  const member = await ctx.get<MemberRecord>(keys.member(ev.key))
  if (member === null || member.role === ev.role) return false
  const admins = await readAdmins(ctx)
  await setAdmins(ctx, ev.role === 'admin' ? [...admins, ev.key] : admins.filter(k => k !== ev.key))
  await ctx.putMember(ev.key, { ...member, role: ev.role })
  return true
}

/**
 * Only the owner hands over, to another current member. The new owner becomes an admin if it
 * was not one (so it signs), the old owner stays an admin: it can step down afterwards.
 */
export async function ownershipTransferred (ev: OwnershipTransferred, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (from.identity !== ctx.owner || ev.key === from.identity) return false
  const next = await ctx.get<MemberRecord>(keys.member(ev.key))
  const previous = await ctx.get<MemberRecord>(keys.member(from.identity))
  const room = await ctx.get<RoomRecord>(keys.room)
  if (next === null || room === null) return false
  const admins = await readAdmins(ctx)
  if (!admins.includes(ev.key)) await setAdmins(ctx, [...admins, ev.key])
  await ctx.put(keys.room, { ...room, owner: ev.key } satisfies RoomRecord)
  await ctx.putMember(from.identity, { ...(previous ?? {}), role: 'admin' })
  await ctx.putMember(ev.key, { ...next, role: 'owner' })
  ctx.owner = ev.key
  return true
}
