// The reader's catch-up after a reorder (src/message-reader.ts, docs/architecture.md §4): which
// messages are new when a merge moved history, found from the per-writer clocks, not positions.
import type Hyperbee from 'hyperbee'
import type { Clock } from '../views/records.js'
import { readPositions, locateBlock, type Positioned } from '../views/messages-reads.js'

const SCAN_MIN = 256

// After a reorder the new messages are each writer's past its emitted seq, wherever they
// now sit. A writer's messages keep their order in every linearisation, so scanning back
// from the newest position, a writer is done at its first message at or below its emitted
// seq. Positions from `clocked` up may also hold blocks applied after the clock was read, of
// any writer, so those are all read. Range reads, in windows growing from the newest: after
// a fast-forward they stream through the view as it downloads, where a lookup per id would
// wait on the network once per message.
export async function afterReorder (view: Hyperbee, clock: Clock, clocked: number, count: number, emittedClock: Clock): Promise<Positioned[]> {
  const emitted = (writer: string): number => emittedClock[writer] ?? -1
  const open = new Set(Object.keys(clock).filter((w) => clock[w] > emitted(w)))
  const pending = [...open].reduce((n, w) => n + clock[w] - emitted(w), 0)
  const fresh: Positioned[] = []
  // A writer whose new blocks were not messages and who has no older message keeps the scan
  // going to the start of history: past this many positions, look the rest up by id.
  let budget = Math.max(2 * pending, SCAN_MIN)
  const more = (position: number): boolean => position >= clocked || (open.size > 0 && budget > 0)
  let scannedAll = false
  for (let end = count, window = SCAN_MIN; end > 0 && more(end - 1); window *= 2) {
    const start = Math.max(0, end - Math.min(window, Math.max(budget, end - clocked)))
    const read = await readPositions(view, start, end)
    let i = read.length - 1
    for (; i >= 0 && more(read[i].position); i--, budget--) {
      const { record } = read[i]
      if (record.seq > emitted(record.author)) fresh.push(read[i])
      else open.delete(record.author)
    }
    scannedAll = start === 0 && i < 0
    end = start
  }
  if (open.size === 0 || scannedAll) return fresh // every writer closed, or read back to the first message
  const found = new Set(fresh.map((f) => f.record.id))
  for (const writer of open) fresh.push(...await lookUp(view, writer, emitted(writer), clock[writer], found))
  return fresh
}

/** The messages of one writer after seq `from` up to `last`, looked up block by block. */
async function lookUp (view: Hyperbee, writer: string, from: number, last: number, skip: Set<string>): Promise<Positioned[]> {
  const fresh: Positioned[] = []
  for (let s = from + 1; s <= last; s++) {
    for (const found of await locateBlock(view, writer, s)) if (!skip.has(found.record.id)) fresh.push(found)
  }
  return fresh
}
