// Which messages changed since the reader's last pass (docs/architecture.md §4.1). A change (an
// edit, a deletion, a reaction) is a block that makes no message, so the per-writer clocks say
// a writer moved but not what its block did. The view records each change that took effect
// under chg/<writer>/<seq>; the reader looks there only for the new seqs that were not
// messages, so a pass of plain sends (the hot path) reads nothing more.
import type Hyperbee from 'hyperbee'
import type { Clock } from '../views/records.js'
import { locate, type Positioned } from '../views/messages-reads.js'
import { readChanges, type Change } from '../views/changes-reads.js'

/**
 * Per writer, the span of new seqs (after `emitted`, up to `upTo`) holding at least one block
 * that is not among the fresh messages: only there can a change be.
 */
export function changeSpans (emitted: Clock, upTo: Clock, fresh: readonly Positioned[]): Array<[string, number, number]> {
  const messages = new Map<string, Set<number>>()
  for (const { record } of fresh) {
    let seqs = messages.get(record.author)
    if (seqs === undefined) messages.set(record.author, seqs = new Set())
    seqs.add(record.seq)
  }
  const spans: Array<[string, number, number]> = []
  for (const [writer, last] of Object.entries(upTo)) {
    const first = (emitted[writer] ?? -1) + 1
    if (last < first) continue
    const seqs = messages.get(writer)
    if (seqs !== undefined && seqs.size === last - first + 1 && [...seqs].every((s) => s >= first && s <= last)) continue
    spans.push([writer, first, last])
  }
  return spans
}

/** The changes in those spans: one range read per writer, all at once. */
export async function readNewChanges (view: Hyperbee, spans: ReadonlyArray<[string, number, number]>): Promise<Change[]> {
  const read = await Promise.all(spans.map(([writer, from, to]) => readChanges(view, writer, from, to)))
  return read.flat()
}

/** How far each writer's blocks are covered once this pass is done: its clock, or a later message. */
export function coveredClock (clock: Clock, fresh: readonly Positioned[]): Clock {
  const upTo = { ...clock }
  for (const { record } of fresh) if (record.seq > (upTo[record.author] ?? -1)) upTo[record.author] = record.seq
  return upTo
}

/**
 * The message each change touched, as it is now, in the changes' order: looked up and shaped
 * once (`first` on its first change), null when gone or when `shape` hides it (a ~clear: a
 * later edit or reaction must not bring back what the user cleared). The messages announced as
 * new in this pass (`fresh`) came with their changes: skipped.
 */
export async function * touched<M> (view: Hyperbee, changes: readonly Change[], fresh: readonly Positioned[], shape: (record: Positioned['record'], position: number) => Promise<M | null>): AsyncGenerator<{ change: Change, message: M | null, first: boolean }> {
  const skip = new Set(fresh.map((f) => f.record.id))
  const found = new Map<string, M | null>()
  for (const change of changes) {
    if (skip.has(change.id)) continue
    let message = found.get(change.id)
    const first = message === undefined
    if (message === undefined) {
      const at = await locate(view, change.id)
      message = at === null ? null : await shape(at.record, at.position)
      found.set(change.id, message)
    }
    yield { change, message, first }
  }
}

/**
 * What the feed last said of each recent message. The reader's reads in one pass are not a
 * snapshot: a message it announces as new may already show a change applied after the clock it
 * read, and the next pass finds that change too. It is announced once: an update that shows
 * exactly what was last said of the message is dropped.
 */
export class LastShown {
  private readonly said = new Map<string, string>()
  constructor (private readonly max: number) {}

  /** Records `m` as announced; false when the feed already said exactly this of it. */
  news (m: { id: string, text?: string, edited: number | null, deleted: boolean, reactions: Record<string, string[]>, mentions: string[] }): boolean {
    const state = JSON.stringify([m.text, m.edited, m.deleted, m.reactions, m.mentions])
    if (this.said.get(m.id) === state) return false
    this.said.delete(m.id)
    this.said.set(m.id, state)
    if (this.said.size > this.max) this.said.delete(this.said.keys().next().value as string)
    return true
  }
}
