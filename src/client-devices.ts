// The Client's side of one person's several devices (docs/architecture.md §16): which identity
// this device acts for, and opening a room of that identity's from this device without an
// invite. Room side: src/room-devices.ts; the account side (linking, the account base) builds
// on these. Client's setIdentity and openRoomAsDevice, behind one-line calls.
import { isHex32, wellFormed } from '../views/limits.js'
import { isName, LIMITS } from '../views/schema.js'
import { verifyDeviceCert } from '../views/device-cert.js'
import { errors } from './errors.js'
import type { DeviceIdentity } from './room-devices.js'
import type { Room } from './room.js'
import { roomInternals } from './room-internals.js'

export type { DeviceIdentity } from './room-devices.js'

export interface OpenAsDeviceOptions {
  /** The room's key (hex). */
  key: string
  /** The room's encryption key (hex), for an encrypted room. */
  encryptionKey?: string
  /** The room's name on this device (default: the room's own name). */
  name?: string
  /** How long to wait for a member to take this device in (default: the client's joinTimeout). */
  timeout?: number
}

export interface DevicesHost {
  /** This device's key D (its network key, hex). */
  device: () => string
  room: (id: string) => Room | undefined
  /** A new room on a fresh namespace, opened (not yet in the list). */
  open: (key: Buffer, alias: string | undefined, encryptionKey: Buffer | null) => Promise<Room>
  /** Gives up on a room that never got in: leaves its topic and closes it. */
  abandon: (room: Room) => Promise<void>
  /** Adds the room to the list and publishes the profile there. */
  add: (room: Room) => Promise<void>
  joinTimeout: () => number
}

export class ClientDevices {
  identity: DeviceIdentity | null = null
  private readonly host: DevicesHost

  constructor (host: DevicesHost) {
    this.host = host
  }

  /** The identity this device acts for from now on; its certificate must be for this device. */
  set (identity: DeviceIdentity | null): void {
    if (identity === null) {
      this.identity = null
      return
    }
    if (identity === undefined || typeof identity !== 'object' || !isHex32(identity.key)) throw errors.invalid('An identity is { key: 64 hex characters, cert }')
    if (!verifyDeviceCert(identity.cert, identity.key, this.host.device())) {
      throw errors.invalid('That certificate does not say this device (its peerKey) belongs to that identity')
    }
    this.identity = { key: identity.key, cert: { by: identity.cert.by, sig: identity.cert.sig } }
  }

  /**
   * Opens a room the identity is a member of, from this device, without an invite: binds this
   * device's writer (device-bound) and resolves once it is bound and can write. DEVICE_TIMEOUT
   * when no member takes it in time; BANNED when this device was removed there.
   */
  async openRoom (opts: OpenAsDeviceOptions): Promise<Room> {
    if (this.identity === null) throw errors.noIdentity()
    if (!isHex32(opts?.key)) throw errors.invalid('A room is named by its key: 64 hex characters')
    if (opts.encryptionKey !== undefined && !isHex32(opts.encryptionKey)) throw errors.invalid('An encryption key is 64 hex characters')
    const alias = typeof opts.name === 'string' ? wellFormed(opts.name) : opts.name
    if (alias !== undefined && !isName(alias, LIMITS.aliasChars)) throw errors.badName('A room name', LIMITS.aliasChars)
    const timeout = opts.timeout ?? this.host.joinTimeout()
    const existing = this.host.room(opts.key)
    if (existing !== undefined) {
      await existing.bindDevice({ timeout, confirmed: true })
      return existing
    }
    const room = await this.host.open(Buffer.from(opts.key, 'hex'), alias, opts.encryptionKey === undefined ? null : Buffer.from(opts.encryptionKey, 'hex'))
    try {
      await room.bindDevice({ timeout, confirmed: true })
      if (alias === undefined) await roomInternals(room).followName()
    } catch (err) {
      await this.host.abandon(room)
      throw err
    }
    await this.host.add(room)
    return room
  }
}
