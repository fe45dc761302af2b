// A long catch-up read a slice at a time (message-reader.ts): where a slice may end, and what
// of it this reader announced before.
import type Hyperbee from 'hyperbee'
import type { Clock } from '../views/records.js'
import { readPositions, type Positioned as Fresh } from '../views/messages-reads.js'

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
