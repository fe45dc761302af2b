// What stands behind a Room and is not public API: the package exports Room, never this. The
// Client reaches it to create, join and publish; tests reach it to play a hostile peer (raw
// blocks on the writer core) and to compare views key for key; bench to time the base.
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import type { Room } from './room.js'
import type { RoomWriter } from './room-writer.js'
import type { Membership } from './room-membership.js'
import type { Roles } from './room-roles.js'
import type { SigningNudge } from './room-signing.js'
import type { RoomTrust } from './trust/room-trust.js'
import type { RoomFiles } from './files/room-files.js'

export interface RoomInternals {
  readonly base: Autobase<Hyperbee>
  /** The room's Corestore namespace, kept in local state to reopen it. */
  readonly namespace: string
  readonly writer: RoomWriter
  readonly membership: Membership
  readonly roles: Roles
  readonly signing: SigningNudge
  readonly trust: RoomTrust
  readonly files: RoomFiles
  publishProfile (): Promise<void>
  /** Writes the room's entry to local state and its record to storage (room-records.ts). */
  save (): Promise<void>
  /** Takes the room's own name unless the user chose one; resolves to whether the name is known here. */
  followName (): Promise<boolean>
  /** Marks the room as left in its storage record, so a rebuilt room list leaves it out. */
  forget (): Promise<void>
  /** Resolves when background reads of the view may start: after a join's first page (view-download.ts). */
  afterFirstPage (): Promise<void>
  /** Before the node closes: the room's connected seeders get a bounded moment to take what they lack. */
  handOver (): Promise<void>
}

const internals = new WeakMap<Room, RoomInternals>()

/** Called once, by the Room's constructor. */
export function setRoomInternals (room: Room, parts: RoomInternals): void {
  internals.set(room, parts)
}

export function roomInternals (room: Room): RoomInternals {
  const found = internals.get(room)
  if (found === undefined) throw new TypeError('Not a LinkUp Room')
  return found
}
