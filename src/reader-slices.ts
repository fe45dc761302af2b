// What a pass of the reader (message-reader.ts) reads as new, a slice at a time in a long
// catch-up: where a slice may end, and what of it this reader announced before.
import type Hyperbee from 'hyperbee'
import type { Clock } from '../views/records.js'
import { readCountAt, readPositions, type Positioned as Fresh } from '../views/messages-reads.js'
import { afterReorder } from './reader-reorder.js'

/**
 * A long catch-up (a member back from offline) is read and emitted this many positions a pass:
 * its first messages show while the rest is still on its way (view-download.ts fetchNew), and
 * once the last block is in only the last slice is left to read and emit. Read whole, 10,000
 * messages were all read before the first was emitted (issue #18). One round of readPositions.
 */
export const SLICE = 2048

/**
 * The messages at positions [from, to), ending on a block's boundary when the view holds more
 * (`to` < `count`): the parts of a packed block share its seq, and the feed's emitted clock moves
 * by whole blocks, so the rest of a block cut by a slice would be taken as emitted.
 */
export async function readSlice (view: Hyperbee, from: number, to: number, count: number): Promise<{ read: Fresh[], end: number }> {
  const read = await readPositions(view, from, to)
  if (to >= count || read.length === 0) return { read, end: to }
  const { author, seq } = read[read.length - 1].record
  let cut = read.length
  while (cut > 0 && read[cut - 1].record.author === author && read[cut - 1].record.seq === seq) cut--
  if (cut === 0) return { read, end: to } // one block fills the slice (a block holds at most 256)
  return { read: read.slice(0, cut), end: read[cut].position }
}

/** Leaves out the messages read again that this reader announced before (seq at most `emitted`). */
export function unseen (read: Fresh[], emitted: Clock): Fresh[] {
  return read.filter(({ record }) => record.seq > (emitted[record.author] ?? -1))
}

/**
 * The new messages of a pass, and the count it read up to (below the view's `count` when it
 * read a slice). Without a reorder (`kept` null), apply only appends: the new messages are the
 * positions after the last pass's count. A truncation keeps the view's first `kept` blocks, and
 * with them the messages this reader saw below their count, in place: the new ones all come
 * after (apply appends positions), so it reads on from there as after an append, the few it
 * emitted before skipped by their writer's emitted seq. That is a catch-up's fast-forward,
 * which truncates only the unsigned tail. A deeper reorder (more than a SLICE to read again)
 * scans back from the newest for each writer's new ones (reader-reorder.ts).
 */
export async function readFresh (view: Hyperbee, last: { count: number, emitted: Clock }, now: { count: number, clock: Clock, clocked: number }, kept: number | null): Promise<{ fresh: Fresh[], end: number }> {
  const from = kept === null ? last.count : Math.min(last.count, await readCountAt(view, kept))
  if (now.count >= from && last.count - from <= SLICE) {
    const slice = await readSlice(view, from, Math.min(now.count, from + SLICE), now.count)
    return { fresh: unseen(slice.read, last.emitted), end: slice.end }
  }
  return { fresh: await afterReorder(view, now.clock, now.clocked, now.count, last.emitted), end: now.count }
}
