// What a Client is opened with, and the profile it publishes in every room.
import type { Logger } from './log.js'

export interface ClientOptions {
  /** Directory holding this user's data. */
  storage: string
  /** DHT bootstrap nodes as 'host:port'; the public DHT when omitted. */
  bootstrap?: string[]
  /** Address the DHT socket binds to. */
  dhtHost?: string
  /** How long joinRoom waits for a member to admit us (ms). */
  joinTimeout?: number
  /** The largest file sendFile / sendAudio accept, in bytes (default 100 MB). */
  maxFileBytes?: number
  /** Where to log (a pino logger fits): peers per room, sync, warnings. Silent by default. */
  logger?: Logger
  /**
   * Free bytes to keep on the disk holding `storage` (default 64 MiB): below it writes fail
   * with DISK_FULL and syncing pauses until there is room; 0 turns the check off.
   */
  minFreeBytes?: number
  /**
   * Seeders (the keys `linkup seed` prints) to keep every room of this node on, besides the
   * ones each room lists (room.addSeeder). Only encrypted rooms are given to a seeder.
   */
  seeders?: string[]
  /**
   * Whether new rooms are encrypted (default true). False makes rooms as builds before
   * encryption did (no seeder will keep them): for comparing the two (bench/).
   */
  encryptRooms?: boolean
  /**
   * Whether this node has an identity and an account (default true: docs/architecture.md §16,
   * README "Several devices"). false runs as builds before accounts did: each room knows this
   * device only by its writer key, and there is nothing to link.
   */
  account?: boolean
}

export interface Profile { name: string, avatar?: { mime: string, data: Buffer } }
