// Bringing a room's part of a saved search index up to its view (docs/architecture.md §15.2).
// The index was saved with a position: a per-writer clock up to which every message was in it.
// What a writer wrote after its entry is found through the id runs (ids/<writer>/…), without
// reading the rest of the room: a writer's blocks keep their order in every linearisation, so
// its seqs past the position are exactly what the index lacks, wherever a merge put them. Every
// message some change touched (chg/…) is read again, as after a reorder: nothing tells a restart
// whether history was reordered while it was down, and which edit is last can change with the order.
import type Hyperbee from 'hyperbee'
import { readClock, locate } from '../../views/messages-reads.js'
import type { ChangeRecord, Clock, MessageRecord } from '../../views/records.js'
import { readAt, unreadPositions } from '../attention/unread-reads.js'

export interface CatchUpSink {
  /** Takes a message record as the view has it now (the sink skips deleted and hidden ones). */
  put: (r: MessageRecord) => void
  /** The message is gone from the view, or no longer shown. */
  remove: (id: string) => void
  closed: () => boolean
}

const SLICE = 500

/**
 * Reads what the index lacks since `from`; resolves with the view's clock it caught up to, or
 * null when `from` is ahead of the view somewhere (the file is not this room's past: the
 * storage was restored from a copy, say), and the room must be indexed afresh.
 */
export async function catchUp (view: Hyperbee, from: Clock, sink: CatchUpSink): Promise<Clock | null> {
  const clock = await readClock(view)
  if (!behind(from, clock)) return null
  for (const [writer, last] of Object.entries(clock)) {
    const after = from[writer] ?? -1
    if (last <= after) continue
    const positions = await unreadPositions(view, writer, after, last)
    for (let i = 0; i < positions.length; i += SLICE) {
      if (sink.closed()) return clock
      for (const r of await readAt(view, positions.slice(i, i + SLICE))) {
        // a reorder between the reads moved it: the room's 'reset' brings a catch-up again
        if (r !== null && r.author === writer && r.seq > after) sink.put(r)
      }
      await new Promise(resolve => setImmediate(resolve))
    }
  }
  await rereadChanged(view, sink)
  return clock
}

/** Every message a change touched, as the view has it now. */
export async function rereadChanged (view: Hyperbee, sink: CatchUpSink): Promise<void> {
  const ids = new Set<string>()
  for await (const { value } of view.createReadStream({ gt: 'chg/', lt: 'chg0' })) ids.add((value as ChangeRecord).id)
  let n = 0
  for (const id of ids) {
    if (sink.closed()) return
    const found = await locate(view, id)
    if (found === null) sink.remove(id)
    else sink.put(found.record)
    if (++n % SLICE === 0) await new Promise(resolve => setImmediate(resolve))
  }
}

/** Whether a saved position could be this view's past: no writer ahead of where the view is. */
function behind (saved: Clock, clock: Clock): boolean {
  return Object.entries(saved).every(([writer, seq]) => seq <= (clock[writer] ?? -1))
}
