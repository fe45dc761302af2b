// Projection: room metadata. Deterministic and pure.
import type { ApplyContext } from './context.js'
import type { Author } from './author.js'
import { keys } from './keys.js'
import type { RoomEvent } from './schema.js'
import type { RoomRecord, MemberRecord } from './records.js'

type RoomCreated = Extract<RoomEvent, { type: 'room-created' }>

/** Only the owner, only once. */
export async function roomCreated (ev: RoomCreated, ctx: ApplyContext, from: Author): Promise<boolean> {
  if (from.key !== ctx.owner) return false
  if (await ctx.get<RoomRecord>(keys.room) !== null) return false
  await ctx.put(keys.room, { alias: ev.alias, owner: from.key } satisfies RoomRecord)
  await ctx.put(keys.member(from.key), { role: 'owner' } satisfies MemberRecord)
  return true
}
