// The read side of the membership and invite projections (views/members.ts, views/invites.ts)
// and of the room's metadata (views/room.ts), as the SDK reads them from the view. Reads only.
import type Hyperbee from 'hyperbee'
import { keys, ranges } from './keys.js'
import { getValue } from './get.js'
import type { RoomRecord, MemberRecord, InviteRecord, BanRecord } from './records.js'

export function readRoom (view: Hyperbee): Promise<RoomRecord | null> {
  return getValue<RoomRecord>(view, keys.room)
}

export function readMember (view: Hyperbee, key: string): Promise<MemberRecord | null> {
  return getValue<MemberRecord>(view, keys.member(key))
}

/** Every current member, in key order. */
export async function readMembers (view: Hyperbee): Promise<Array<{ key: string, record: MemberRecord }>> {
  const out: Array<{ key: string, record: MemberRecord }> = []
  for await (const { key, value } of view.createReadStream(ranges.members)) {
    out.push({ key: key.slice('member/'.length), record: value as MemberRecord })
  }
  return out
}

/** Whether the owner removed this key (a ban is final). */
export async function isBanned (view: Hyperbee, key: string): Promise<boolean> {
  return (await getValue<BanRecord>(view, keys.ban(key))) !== null
}

export function readInvite (view: Hyperbee, pub: string): Promise<InviteRecord | null> {
  return getValue<InviteRecord>(view, keys.invite(pub))
}
