// What a Room needs from its Client (client-rooms.ts builds one per room).
import type Corestore from 'corestore'
import type { Network } from './network/swarm.js'
import type { Logger } from './log.js'
import type { LocalState, LocalProfile } from './local-state.js'
import type { FirstSeen } from './first-seen.js'
import type { DiskSpace } from './disk-space.js'
import type { Seeding } from './seed/seeding.js'
import type { AttentionState } from './attention/attention-state.js'
import type { DeviceIdentity } from './room-devices.js'

export interface RoomContext {
  store: Corestore
  network: Network
  local: LocalState
  /** Read markers and notification settings (src/attention/attention-state.ts). */
  attention: AttentionState
  /** When this device first saw messages whose sender's clock was far off. */
  firstSeen: FirstSeen
  profile: () => LocalProfile | null
  /** The identity this device acts for (client.setIdentity, docs/architecture.md §16), or null. */
  identity: () => DeviceIdentity | null
  /** Client.leaveRoom. */
  leave: (id: string, opts?: { anyway?: boolean }) => Promise<void>
  /** The largest file sendFile / sendAudio accept (ClientOptions.maxFileBytes). */
  maxFileBytes?: number
  /** The Client's logger; the room logs through a child naming it. */
  logger: Logger
  /** Free space where the storage is: writes are refused below its reserve (DISK_FULL). */
  disk: DiskSpace
  /** Asks seeders to keep the client's rooms (src/seed/seeding.ts). */
  seeding: Seeding
  /** Seeders this node gives every room (`--seeder`), hex keys. */
  seeders: readonly string[]
}
