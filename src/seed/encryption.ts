// A room's encryption (docs/architecture.md §14). A room made by this build is encrypted: every
// core of its Autobase (writers, system, view) with its encryption key, and every member's
// file drive with a key derived from it. The key travels only in invites (src/invite.ts) and
// stays in this device's storage (Autobase keeps it in the local core's user data, which never
// replicates), so a peer that only stores the room, a seeder, holds ciphertext and nothing to
// open it with.
import crypto from 'hypercore-crypto'

const FILES = Buffer.from('linkup/room-files/v1')

/** A fresh key for a new room. */
export function newRoomKey (): Buffer {
  return crypto.randomBytes(32)
}

/**
 * The key of every file drive in the room: derived, not the room key itself, so the drives'
 * blocks (Hypercore derives a block key per core from it) never share a key with the base's.
 */
export function filesKey (roomKey: Buffer): Buffer {
  return crypto.hash([FILES, roomKey])
}
