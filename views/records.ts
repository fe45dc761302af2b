// The shapes of the values stored in the view. Deterministic and pure (types only).
import type { Avatar, FileRef, Role } from './schema.js'

export interface RoomRecord { alias: string, owner: string }

export interface MessageRecord {
  /**
   * Stable id: "<writer key>:<seq>", or "<writer key>:<seq>.<part>" for the part-th message of a
   * messages-posted block. Positions move when history merges; ids do not.
   */
  id: string
  author: string
  seq: number
  /** Its index in a messages-posted block; absent for a block of one message. */
  part?: number
  type: 'text' | 'file' | 'audio'
  /** The author's own clock when sending: shown to people, never used for ordering. */
  ts: number
  text?: string
  replyTo?: string
  /** `duration`: audio only, in ms. */
  file?: FileRef & { duration?: number }
  /** The member keys the text calls (v3), as the author's last posting or edit gave them. */
  mentions?: string[]
  /** The editor's own clock at the last edit (shown as "edited", never used for ordering). */
  edited?: number
  /**
   * Taken back: the record is a tombstone that keeps its place and id, and nothing of the
   * message (no text, file, mentions, reply or reactions).
   */
  deleted?: true
  /** Emoji → the member keys that reacted with it, in the order they did (views/reactions.ts). */
  reactions?: Record<string, string[]>
}

/** Under chg/<writer>/<seq>: that block changed the message `id` (an edit, deletion or reaction). */
export interface ChangeRecord { id: string }

/**
 * Under ids/<writer>/<seq>: that writer's seqs seq .. seq+count-1 are at position ..
 * position+count-1; or, with `parts`, its block seq (count 1) holds `parts` messages at
 * position .. position+parts-1.
 */
export interface IdRunRecord { position: number, count: number, parts?: number }

export interface UserRecord { name: string, drive?: string, avatar?: string }
export type AvatarRecord = Avatar
/**
 * `invite`: the invite it joined with. `device`: the network key of the device it joined from
 * (v3 joins), banned with it when it is removed.
 */
export interface MemberRecord {
  role: Role
  invite?: string
  device?: string
  /**
   * v4: the writer that signs for this identity while it is one of the signers (its first
   * device's writer here, docs/architecture.md §16.2). Absent: the member's key is its writer.
   */
  signer?: string
}
/**
 * Under writer/<W> (v4): W writes for `identity` from `device`. `removed`: the device was
 * removed; the record stays so its messages keep their author, but W acts for nobody. `drive`:
 * this device's own drive in the room (its profile-set), which its file messages point into.
 */
export interface WriterRecord { identity: string, device: string, removed?: true, drive?: string }
/** Under device/<D> (v4): a current device of `identity`, certified by `by`, writing as `writer`. */
export interface DeviceRecord { identity: string, by: string, writer: string }
/**
 * `ts`: when it was made (v3; the maker's clock, for people). `uses`: how many joins it admits
 * (v3; absent: no limit), `used`: how many it has admitted so far.
 */
export interface InviteRecord { by: string, expires?: number, revoked?: boolean, ts?: number, uses?: number, used?: number }
/**
 * `notice`: for a v3 removal, the remover's signed notice (views/schema-trust.ts), which peers
 * show the removed device when they refuse it.
 */
export interface BanRecord { by: string, notice?: { publicKey: string, sig: string } }
/** Under meta/admins: the owner and admins, in the order they became one (docs/architecture.md §3). */
export type AdminsRecord = string[]
/** Under meta/invite-policy: once a member was removed, only admins' invites admit. */
export interface InvitePolicyRecord { adminsOnly: boolean, by: string }

/** Under seeder/<key>: the member who added the seeder. */
export interface SeederRecord { by: string }

/** Per writer (hex key), the last seq applied to the view: the clock/<key> entries together. */
export type Clock = Record<string, number>
