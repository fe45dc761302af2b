// How much of a room this user has not read, from the view and a read marker (docs/architecture.md
// §15.1). The marker is a per-writer clock: a message is unread when its seq is past the
// marker's entry for its writer (and past the ~clear marker's: cleared is never unread). It is
// never our own: neither this device's nor one written from another device of the same person
// (docs/architecture.md §16.5; read markers stay per device). The id runs (ids/<writer>/<seq>, views/keys.ts) say where each writer's
// unread messages sit without reading them: one range read per writer that wrote since.
import type Hyperbee from 'hyperbee'
import { keys, ranges, seqOfRun } from '../../views/keys.js'
import { getValue } from '../../views/get.js'
import { readWriters } from '../../views/devices-reads.js'
import type { Clock, IdRunRecord, MessageRecord } from '../../views/records.js'

export interface Unread {
  /** Messages from others this user has not read (deleted ones not counted when read, see SCAN). */
  count: number
  /** How many of them mention this user. */
  mentions: number
  /** The id of the first unread message in the room's order, or null. */
  first: string | null
}

export const NONE: Unread = { count: 0, mentions: 0, first: null }

// Only the newest this many unread messages are read (for deletions and mentions); past them
// the count comes from the id runs alone and mentions from these only. A room left unread for
// 100,000 messages shows its count at once, and mentions among its newest 2,000.
const SCAN = 2000
const PARALLEL = 32

/** Where one writer's messages after seq `from` up to `to` sit (also the search's catch-up). */
export async function unreadPositions (view: Hyperbee, writer: string, from: number, to: number): Promise<number[]> {
  const out: number[] = []
  const add = (firstSeq: number, run: IdRunRecord): void => {
    if (run.parts !== undefined) {
      if (firstSeq > from) for (let p = 0; p < run.parts; p++) out.push(run.position + p)
      return
    }
    for (let s = Math.max(firstSeq, from + 1); s < firstSeq + run.count && s <= to; s++) out.push(run.position + s - firstSeq)
  }
  if (from >= 0) {
    const straddling = await view.peek({ ...ranges.idRunsUpTo(writer, from), reverse: true })
    if (straddling !== null) add(seqOfRun(straddling.key), straddling.value as IdRunRecord)
  }
  const range = from >= 0 ? { gt: keys.idRun(writer, from), lte: keys.idRun(writer, to) } : { gt: 'ids/' + writer + '/', lte: keys.idRun(writer, to) }
  for await (const { key, value } of view.createReadStream(range)) add(seqOfRun(key), value as IdRunRecord)
  return out
}

/** Who reads: this device's writer and the person it acts for (whom mentions name; their own messages are never unread). */
export interface Reader { writer: string, person: string }

/**
 * The writers whose messages are this person's own: this device's, and every writer bound to
 * the same identity, a removed device's included (its messages keep their author, src/authors.ts).
 * Bindings are few (one per device in the room): one short range read.
 */
export async function ownWriters (view: Hyperbee, me: Reader): Promise<Set<string>> {
  const own = new Set([me.writer])
  if (me.person === me.writer) return own // no identity: no other device
  for (const [writer, record] of await readWriters(view)) if (record.identity === me.person) own.add(writer)
  return own
}

/** Reads what is unread in a room: clock is the view's, marks the read and ~clear markers. */
export async function readUnread (view: Hyperbee, clock: Clock, marks: { read: Clock, cleared: Clock }, me: Reader): Promise<Unread> {
  const positions: number[] = []
  const own = await ownWriters(view, me)
  await Promise.all(Object.entries(clock).map(async ([writer, last]) => {
    if (own.has(writer)) return
    const from = Math.max(marks.read[writer] ?? -1, marks.cleared[writer] ?? -1)
    if (last <= from) return
    positions.push(...await unreadPositions(view, writer, from, last))
  }))
  if (positions.length === 0) return NONE
  positions.sort((a, b) => a - b)
  const scanned = positions.length > SCAN ? [positions[0] as number, ...positions.slice(-SCAN)] : positions
  const records = await readAt(view, scanned)
  const live = records.filter((r): r is MessageRecord => r !== null && r.deleted !== true && !own.has(r.author))
  const firstLive = live[0] ?? null
  return {
    count: positions.length > SCAN ? positions.length : live.length,
    mentions: live.filter(r => r.mentions?.includes(me.person) === true).length,
    first: firstLive?.id ?? null
  }
}

export async function readAt (view: Hyperbee, positions: number[]): Promise<Array<MessageRecord | null>> {
  const out: Array<MessageRecord | null> = []
  for (let i = 0; i < positions.length; i += PARALLEL) {
    out.push(...await Promise.all(positions.slice(i, i + PARALLEL).map(p => getValue<MessageRecord>(view, keys.message(p)))))
  }
  return out
}

// Reading up to a message far back means reading every message after it: past this many the
// marker is left where it is (the UI marks as read what reaches the bottom of the log).
const AFTER_MAX = 5000

/**
 * The read marker for "read up to message `id`": per writer, the last seq at or before its
 * position. Every writer's clock, less what comes after the message: a writer's blocks keep
 * their order in every linearisation, so its first message after the position bounds it.
 * null when the message is not in the view, or too far back.
 */
export async function clockUpTo (view: Hyperbee, clock: Clock, position: number, count: number): Promise<Clock | null> {
  if (count - position - 1 > AFTER_MAX) return null
  const upTo = { ...clock }
  const after = await readAt(view, range(position + 1, count))
  for (const record of after) {
    if (record === null) continue
    const before = record.seq - 1
    if (before < (upTo[record.author] ?? -1)) upTo[record.author] = before
  }
  return upTo
}

function range (from: number, to: number): number[] {
  const out: number[] = []
  for (let p = from; p < to; p++) out.push(p)
  return out
}
