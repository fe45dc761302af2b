// The read side of the change log (chg/<writer>/<seq>, written by views/edits.ts and
// views/reactions.ts): which messages a writer's blocks changed. Reads only. Keyed by writer and
// seq, so the reader finds the changes among a writer's new blocks from the clocks alone, the
// same way before and after a reorder (docs/architecture.md §4.1).
import type Hyperbee from 'hyperbee'
import { keys, ranges, seqOfChange } from './keys.js'
import { getValue } from './get.js'
import type { ChangeRecord } from './records.js'

export interface Change { writer: string, seq: number, id: string }

/** The changes made by one writer's blocks from..to (inclusive), in seq order. */
export async function readChanges (view: Hyperbee, writer: string, from: number, to: number): Promise<Change[]> {
  const out: Change[] = []
  for await (const { key, value } of view.createReadStream(ranges.changes(writer, from, to))) {
    out.push({ writer, seq: seqOfChange(key), id: (value as ChangeRecord).id })
  }
  return out
}

/** The message one block changed, or null when apply refused it (or it is not a change). */
export async function readChange (view: Hyperbee, writer: string, seq: number): Promise<string | null> {
  return (await getValue<ChangeRecord>(view, keys.change(writer, seq)))?.id ?? null
}

/** How many reactions this member has added or removed on message `id` (views/reactions.ts). */
export async function readReactionChanges (view: Hyperbee, id: string, key: string): Promise<number> {
  return (await getValue<number>(view, keys.reactionChanges(id, key))) ?? 0
}
