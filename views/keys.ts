// The view's key layout, in one place. Deterministic and pure.
//
// msg/<12-digit position>  message record, in linearised order
// ids/<writer>/<12-digit seq>
//                          a run of that writer's messages, { position, count }: its seqs seq ..
//                          seq+count-1 are at positions position .. position+count-1; or a
//                          messages-posted block, { position, count: 1, parts }. How a message
//                          is found by its stable id "<writer key>:<seq>[.<part>]".
// user/<key>               registered user (profile)        avatar/<key>  avatar image
// member/<key>             member record                    ban/<key>     removed by an admin
// ban-device/<key>         a removed member's device (network key): it cannot come back
// invite/<pub>             invite record                    clock/<key>   writer's last applied seq
// seeder/<key>            a seeder keeping the room: { by } (views/seeders.ts)
// writer/<W>               { identity, device, removed? }: writer W acts for identity I (v4,
//                          views/devices.ts); kept after a removal so history keeps its author
// device/<D>               { identity, by, writer }: device D (network key) is a current device
//                          of I here, certified by `by`, writing as `writer`
// meta/room, meta/skipped, meta/profiles (a counter of profile changes, so readers notice them)
// chg/<writer>/<12-digit seq>
//                          { id }: that writer's block seq changed message id (an edit, a
//                          deletion, a reaction that took effect). Keyed by writer and seq, not
//                          by position, so a reorder rewrites it under the same keys: the
//                          reader finds what changed from the clocks (docs/architecture.md §4.1).
// rxn/<message id>/<key>   how many reactions that member added or removed on that message
//                          (bounded by LIMITS.reactionChanges)
// meta/admins              the owner and admins, in the order they became one (the indexers
//                          are derived from it: docs/architecture.md §3)
// meta/invite-policy       { adminsOnly }: set by a removal, so only admins' invites admit
// meta/trust               a counter of changes to who is in and with what role (joins,
//                          removals, roles, handovers), so the network rechecks its peers
//
// A message's position is the last msg/ key plus one: no counter to rewrite per message.
// One id run per apply call and writer, not one entry per message: a group-committed batch of
// 64 sends is one run, so a burst writes half the view blocks and a peer catching up downloads
// half as many. Each message sent on its own is still a run of one.

import { HEX32_SOURCE } from './limits.js'

const POSITION_DIGITS = 12

const pad = (n: number): string => n.toString().padStart(POSITION_DIGITS, '0')

export const keys = {
  message: (position: number) => 'msg/' + pad(position),
  idRun: (writer: string, seq: number) => 'ids/' + writer + '/' + pad(seq),
  user: (key: string) => 'user/' + key,
  avatar: (key: string) => 'avatar/' + key,
  member: (key: string) => 'member/' + key,
  ban: (key: string) => 'ban/' + key,
  banDevice: (key: string) => 'ban-device/' + key,
  invite: (pub: string) => 'invite/' + pub,
  clock: (key: string) => 'clock/' + key,
  seeder: (key: string) => 'seeder/' + key,
  writer: (key: string) => 'writer/' + key,
  device: (key: string) => 'device/' + key,
  change: (writer: string, seq: number) => 'chg/' + writer + '/' + pad(seq),
  reactionChanges: (id: string, key: string) => 'rxn/' + id + '/' + key,
  room: 'meta/room',
  profiles: 'meta/profiles',
  skipped: 'meta/skipped',
  admins: 'meta/admins',
  invitePolicy: 'meta/invite-policy',
  trust: 'meta/trust'
} as const

/** Key ranges for reading a whole prefix. '0' sorts right after '/'. */
export const ranges = {
  messages: { gt: 'msg/', lt: 'msg0' },
  users: { gt: 'user/', lt: 'user0' },
  members: { gt: 'member/', lt: 'member0' },
  invites: { gt: 'invite/', lt: 'invite0' },
  clocks: { gt: 'clock/', lt: 'clock0' },
  /** The reaction counters of one message (rxn/<id>/…). */
  reactionChanges: (id: string) => ({ gt: 'rxn/' + id + '/', lt: 'rxn/' + id + '0' }),
  /** One writer's changes at seqs from..to (inclusive). */
  changes: (writer: string, from: number, to: number) => ({ gte: keys.change(writer, from), lte: keys.change(writer, to) }),
  bans: { gt: 'ban/', lt: 'ban0' },
  seeders: { gt: 'seeder/', lt: 'seeder0' },
  writers: { gt: 'writer/', lt: 'writer0' },
  devices: { gt: 'device/', lt: 'device0' },
  /** The runs of one writer whose first seq is at most `seq`: the last one may hold it. */
  idRunsUpTo: (writer: string, seq: number) => ({ gt: 'ids/' + writer + '/', lte: keys.idRun(writer, seq) })
} as const

export function positionOf (messageKey: string): number {
  return Number(messageKey.slice(4))
}

/** The first seq of an id run, from its key. */
export function seqOfRun (runKey: string): number {
  return Number(runKey.slice(runKey.lastIndexOf('/') + 1))
}

/** The seq of a change (chg/<writer>/<seq>), from its key. */
export const seqOfChange = seqOfRun

export function messageId (writerKey: string, seq: number, part?: number): string {
  return writerKey + ':' + seq + (part === undefined ? '' : '.' + part)
}

export interface MessageIdParts { writer: string, seq: number, part?: number }

// Stricter than PATTERNS.messageId (no leading zeros, a seq of at most 12 digits): only ids this
// layout can hold parse.
const MESSAGE_ID_PARTS = new RegExp(`^(${HEX32_SOURCE}):(0|[1-9][0-9]{0,11})(?:\\.(0|[1-9][0-9]{0,2}))?$`)

/** The writer key, seq (and part) of a message id, or null if it is not one. */
export function parseMessageId (id: string): MessageIdParts | null {
  const m = MESSAGE_ID_PARTS.exec(id)
  if (m === null) return null
  return m[3] === undefined ? { writer: m[1], seq: Number(m[2]) } : { writer: m[1], seq: Number(m[2]), part: Number(m[3]) }
}
