// Projection: registered users and their avatars. Deterministic and pure.
// Read side: views/profiles-reads.ts.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { UserRecord } from './records.js'

type ProfileSet = Extract<RoomEvent, { type: 'profile-set' }>

/**
 * A member sets their own profile. An absent avatar keeps the old one; null removes it. A device
 * of an identity (v4) sets the person's name and avatar; its drive is its own, kept on its
 * writer binding (each device writes its files into its own drive).
 */
export async function profileSet (ev: ProfileSet, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (!(await ctx.isMember(from.identity))) return false
  const previous = await ctx.get<UserRecord>(keys.user(from.identity))
  const user: UserRecord = { name: ev.name }
  const binding = from.identity === from.key ? null : await ctx.writerRecord(from.key)
  if (binding !== null && ev.drive !== undefined && binding.drive !== ev.drive) await ctx.putWriter(from.key, { ...binding, drive: ev.drive })
  const drive = binding === null ? ev.drive ?? previous?.drive : previous?.drive
  if (drive !== undefined) user.drive = drive
  if (ev.avatar === null) {
    await ctx.del(keys.avatar(from.identity))
  } else if (ev.avatar !== undefined) {
    await ctx.put(keys.avatar(from.identity), ev.avatar)
    user.avatar = ev.avatar.mime
  } else if (previous?.avatar !== undefined) {
    user.avatar = previous.avatar
  }
  await ctx.put(keys.user(from.identity), user)
  await ctx.put(keys.profiles, ((await ctx.get<number>(keys.profiles)) ?? 0) + 1)
  return true
}
