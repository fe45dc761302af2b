// The room side of several devices (docs/architecture.md §16.2), as the account side calls it:
// the identity a Client acts for, binding this device in a room, opening a room of the account
// with no invite, and removing a device from a room. Built on the devices-room branch; until
// a build has them, these say so (NOT_SUPPORTED is logged by the caller) instead of pretending.
import type { Room } from '../room.js'
import type { DeviceCert } from '../../views/device-cert.js'
import { LinkUpError } from '../errors.js'

export interface Identity { key: string, cert: DeviceCert }
export interface OpenAsDevice { key: string, encryptionKey?: string, name?: string, timeout?: number }

interface DeviceClient {
  setIdentity?: (identity: Identity | null) => void
  openRoomAsDevice?: (opts: OpenAsDevice) => Promise<Room>
}
interface DeviceRoom {
  bindDevice?: () => Promise<void>
  removeDevice?: (device: string) => Promise<void>
}

function missing (what: string): LinkUpError {
  return new LinkUpError('INVALID_ARGUMENT', `${what} is not in this build yet (the room side of several devices)`)
}

export function setIdentity (client: object, identity: Identity | null): void {
  const c = client as DeviceClient
  if (typeof c.setIdentity === 'function') c.setIdentity(identity)
}

export async function openRoomAsDevice (client: object, opts: OpenAsDevice): Promise<Room> {
  const c = client as DeviceClient
  if (typeof c.openRoomAsDevice !== 'function') throw missing('Opening a room as a device')
  return await c.openRoomAsDevice(opts)
}

export async function bindDevice (room: Room): Promise<void> {
  const r = room as unknown as DeviceRoom
  if (typeof r.bindDevice !== 'function') throw missing('Binding a device in a room')
  await r.bindDevice()
}

export async function removeDeviceFrom (room: Room, device: string): Promise<void> {
  const r = room as unknown as DeviceRoom
  if (typeof r.removeDevice !== 'function') throw missing('Removing a device from a room')
  await r.removeDevice(device)
}
