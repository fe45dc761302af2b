// Publishing this device's profile (name, avatar, drive key) in one room. The profile lives in
// local state; a room learns it from a profile-set event, written only when the view does not
// already say the same (every start and every room opened calls this).
import type Hyperbee from 'hyperbee'
import type { RoomEvent } from '../views/schema.js'
import { cleanName } from '../views/names.js'
import { readAvatar, readUser } from '../views/profiles-reads.js'
import { readDriveOf } from '../views/devices-reads.js'
import type { LocalProfile } from './local-state.js'
import type { RoomWriter } from './room-writer.js'

export interface PublishTarget {
  view: Hyperbee
  writer: RoomWriter
  /** This device's writer key in the room. */
  writerKey: string
  /** Who it acts for: its identity once bound (docs/architecture.md §16.5), else the writer key. */
  identity: string
  writable: boolean
  /** The own drive's key, which file messages point into. */
  driveKey: string
}

/** Publishes the profile in the room unless the view already has it; no profile, no event. */
export async function publishProfile (profile: LocalProfile | null, room: PublishTarget): Promise<void> {
  if (profile === null || !room.writable) return // the Room publishes again once writable
  const drive = room.driveKey
  // A name saved before hidden characters were refused goes out cleaned, or v3 would refuse it.
  const name = cleanName(profile.name).text
  if (name === '') return
  const current = await readUser(room.view, room.identity)
  const avatar = profile.avatar ?? null
  const unchanged = current !== null && current.name === name &&
    (current.avatar ?? null) === (avatar?.mime ?? null) && await readDriveOf(room.view, room.writerKey) === drive
  if (unchanged && avatar === null) return
  if (unchanged && avatar !== null && (await readAvatar(room.view, room.identity))?.data === avatar.data) return
  // v3: the schema refuses a name with hidden characters (views/names.ts), as setProfile does.
  const event: RoomEvent = { type: 'profile-set', v: 3, name, avatar, drive }
  await room.writer.append(event)
}
