// The account view's whole key layout, in one place (docs/architecture.md §16.3), and its records.
import type { AccountAvatar } from './account-schema.js'

export interface AccountRecord { identity: string, devices: number }
export interface DeviceRecord { name: string, writer: string, linked: number }
export interface WriterRecord { device: string }
export interface BanRecord { by: string, ts: number }
export interface RoomEntry { key: string, encryptionKey?: string, alias: string, named: boolean, left?: boolean }
export interface AccountProfile { name: string, avatar?: AccountAvatar }

export const accountKeys = {
  account: 'meta/account',
  skipped: 'meta/skipped',
  profile: 'profile',
  device: (d: string) => 'device/' + d,
  devices: { gt: 'device/', lt: 'device0' },
  writer: (w: string) => 'writer/' + w,
  ban: (d: string) => 'ban/' + d,
  cert: (d: string, by: string) => `cert/${d}/${by}`,
  certsOf: (d: string) => ({ gt: `cert/${d}/`, lt: `cert/${d}0` }),
  room: (key: string) => 'room/' + key,
  rooms: { gt: 'room/', lt: 'room0' }
}
