// The read side of roles and removals (views/roles.ts, views/removals.ts), as the SDK and the
// network read them from the view. Reads only.
import type Hyperbee from 'hyperbee'
import { keys, ranges } from './keys.js'
import { getValue } from './get.js'
import { indexersOf } from './roles.js'
import type { AdminsRecord, BanRecord, InvitePolicyRecord, MemberRecord, RoomRecord, UserRecord, WriterRecord } from './records.js'

export function readBan (view: Hyperbee, key: string): Promise<BanRecord | null> {
  return getValue<BanRecord>(view, keys.ban(key))
}

export async function isDeviceBanned (view: Hyperbee, device: string): Promise<boolean> {
  return (await getValue<BanRecord>(view, keys.banDevice(device))) !== null
}

/** The owner and admins, oldest first (the owner alone before any role was set). */
export async function readAdmins (view: Hyperbee): Promise<string[]> {
  const admins = await getValue<AdminsRecord>(view, keys.admins)
  if (admins !== null) return admins
  const room = await getValue<RoomRecord>(view, keys.room)
  return room === null ? [] : [room.owner]
}

/** The writers that sign (docs/architecture.md §3). */
export async function readIndexers (view: Hyperbee): Promise<string[]> {
  const out: string[] = []
  for (const admin of indexersOf(await readAdmins(view))) out.push((await getValue<MemberRecord>(view, keys.member(admin)))?.signer ?? admin)
  return out
}

export async function readInvitePolicy (view: Hyperbee): Promise<InvitePolicyRecord | null> {
  return getValue<InvitePolicyRecord>(view, keys.invitePolicy)
}

/** A counter of changes to who is in and their roles: the network rechecks peers when it moves. */
export async function readTrustChanges (view: Hyperbee): Promise<number> {
  return (await getValue<number>(view, keys.trust)) ?? 0
}

/** The removals that carry their remover's signed notice (v3), as `{ removed, by, ...notice }`. */
export async function readRemovalNotices (view: Hyperbee, limit: number): Promise<Array<{ removed: string, by: string, publicKey: string, sig: string }>> {
  const out: Array<{ removed: string, by: string, publicKey: string, sig: string }> = []
  for await (const { key, value } of view.createReadStream({ ...ranges.bans, limit })) {
    const ban = value as BanRecord
    if (ban.notice !== undefined) out.push({ removed: key.slice('ban/'.length), by: ban.by, ...ban.notice })
  }
  return out
}

/** Every member's drive key, from the profiles, and every device's (v4, its writer binding). */
export async function readDriveKeys (view: Hyperbee): Promise<string[]> {
  const out: string[] = []
  for await (const { value } of view.createReadStream(ranges.users)) {
    const drive = (value as UserRecord).drive
    if (drive !== undefined) out.push(drive)
  }
  for await (const { value } of view.createReadStream(ranges.writers)) {
    const drive = (value as WriterRecord).drive
    if (drive !== undefined) out.push(drive)
  }
  return out
}
