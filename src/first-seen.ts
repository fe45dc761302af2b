// When this device first saw a message whose sender's clock was far off (views/limits.ts
// TIMES): the UI shows that moment instead of the claim. It is local knowledge, so it lives
// beside local state in its own file (first-seen.json), never in the view: apply reads no
// clock, and a peer's first sight is not ours. Only far-off messages are recorded, as runs of
// one writer's seqs seen within a minute of each other,
// at most RUNS_PER_ROOM per room: a flood of bad clocks costs a few runs, not an entry each.
// Losing the file loses only these hints; a damaged one is started afresh.
import fs from 'fs/promises'
import path from 'path'
import { replaceFile } from './atomic-file.js'

/** One writer's seqs from..to, first seen at `at` (ms, this device's clock). */
type Run = [from: number, to: number, at: number]

interface Stored { version: 1, rooms: Record<string, Record<string, Run[]>> }

const MERGE_MS = 60_000
const RUNS_PER_ROOM = 1000

export class FirstSeen {
  private readonly file: string
  private rooms: Stored['rooms'] = {}
  private writing: Promise<void> = Promise.resolve()
  private dirty = false

  /** `onError`: a write failed (the records stay in memory and go out with the next one). */
  constructor (dir: string, private readonly onError: (err: unknown) => void = () => {}) {
    this.file = path.join(dir, 'first-seen.json')
  }

  /** Reads the file; a missing one is empty, a damaged one too (returned as the error). */
  async load (): Promise<Error | null> {
    try {
      const stored = JSON.parse(await fs.readFile(this.file, 'utf-8')) as Partial<Stored>
      if (stored.version !== 1 || typeof stored.rooms !== 'object' || stored.rooms === null) throw new Error('not a first-seen record')
      this.rooms = stored.rooms
      return null
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      this.rooms = {}
      return err as Error
    }
  }

  /** When this device first saw `writer`'s block `seq` in `room`, if it was recorded. */
  at (room: string, writer: string, seq: number): number | null {
    const run = this.rooms[room]?.[writer]?.find(r => r[0] <= seq && seq <= r[1])
    return run === undefined ? null : run[2]
  }

  /**
   * Records that `writer`'s block `seq` was first seen at `at`, unless a run already holds it;
   * written out soon after. A run nearby in time takes it in (with the seqs between, which
   * were in the view by then: a writer's blocks are applied in seq order). Pages read newest
   * first, so a run grows downwards as well as up.
   */
  record (room: string, writer: string, seq: number, at: number): void {
    const writers = (this.rooms[room] ??= {})
    const runs = (writers[writer] ??= [])
    if (runs.some(r => r[0] <= seq && seq <= r[1])) return
    const next = runs.findIndex(r => r[0] > seq)
    const after = next === -1 ? undefined : runs[next]
    const before = runs[(next === -1 ? runs.length : next) - 1]
    if (before !== undefined && Math.abs(at - before[2]) < MERGE_MS) before[1] = seq
    else if (after !== undefined && Math.abs(at - after[2]) < MERGE_MS) after[0] = seq
    else runs.splice(next === -1 ? runs.length : next, 0, [seq, seq, at])
    this.trim(writers)
    this.save()
  }

  forget (room: string): void {
    if (this.rooms[room] === undefined) return
    delete this.rooms[room]
    this.save()
  }

  /** Resolves once every record so far is on disk. */
  flushed (): Promise<void> {
    return this.writing
  }

  // Over the bound, the run first seen longest ago goes.
  private trim (writers: Record<string, Run[]>): void {
    let count = Object.values(writers).reduce((n, runs) => n + runs.length, 0)
    for (; count > RUNS_PER_ROOM; count--) {
      let oldest: { runs: Run[], i: number } | null = null
      for (const runs of Object.values(writers)) {
        runs.forEach((r, i) => { if (oldest === null || r[2] < oldest.runs[oldest.i]![2]) oldest = { runs, i } })
      }
      if (oldest === null) return
      const { runs, i } = oldest as { runs: Run[], i: number }
      runs.splice(i, 1)
    }
  }

  // Records made in one pass of the reader go out in one write (temp file, fsync, rename).
  private save (): void {
    if (this.dirty) return
    this.dirty = true
    this.writing = this.writing.then(async () => {
      await new Promise(resolve => setImmediate(resolve))
      this.dirty = false
      await this.write(JSON.stringify({ version: 1, rooms: this.rooms } satisfies Stored)).catch(this.onError)
    })
  }

  private async write (text: string): Promise<void> {
    await replaceFile(this.file, text)
  }
}
