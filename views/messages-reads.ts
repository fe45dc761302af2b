// The read side of the messages projection (views/messages.ts): what the message reader
// (src/message-reader.ts, docs/architecture.md §4.3) builds on. Reads only. The view is read live (its block cache is
// warm); each function is one consistent read or a set of range reads.
import type Hyperbee from 'hyperbee'
import { keys, ranges, positionOf, parseMessageId, seqOfRun } from './keys.js'
import { getValue } from './get.js'
import type { MessageRecord, IdRunRecord, Clock } from './records.js'

/** A message record and where it sits in the view's order. */
export interface Positioned { position: number, record: MessageRecord }

const LOCATE_ATTEMPTS = 3
// A Hyperbee range read waits on one block at a time. Many messages (a catch-up, a burst) are
// read as ranges of this many positions, so many at once: their storage and network reads
// overlap. 10,000 records from a local view: 0.8-1.0 s as one range, 0.5 s as 8 at a time.
const CHUNK = 256
const PARALLEL = 8

export async function readClock (view: Hyperbee): Promise<Clock> {
  const clock: Clock = {}
  for await (const { key, value } of view.createReadStream(ranges.clocks)) clock[key.slice('clock/'.length)] = value as number
  return clock
}

/** How many blocks apply skipped as invalid or not allowed (meta/skipped). */
export async function readSkipped (view: Hyperbee): Promise<number> {
  return (await getValue<number>(view, keys.skipped)) ?? 0
}

/** How many positions the view holds: the last message's plus one. */
export async function readCount (view: Hyperbee): Promise<number> {
  const last = await view.peek({ ...ranges.messages, reverse: true })
  return last === null ? 0 : positionOf(last.key) + 1
}

/**
 * How many positions the view held at `length` blocks (its first `length` blocks, read as a
 * checkout): after a truncation to `length`, the positions below it are as they were.
 */
export async function readCountAt (view: Hyperbee, length: number): Promise<number> {
  if (length <= 0) return 0
  if (length >= view.core.length) return await readCount(view)
  const at = view.checkout(length)
  try {
    return await readCount(at)
  } finally {
    await at.close()
  }
}

/** The messages at positions [from, to), in order. */
export async function readPositions (view: Hyperbee, from: number, to: number): Promise<Positioned[]> {
  const chunks: Array<[number, number]> = []
  for (let start = from; start < to; start += CHUNK) chunks.push([start, Math.min(to, start + CHUNK)])
  const out: Positioned[] = []
  for (let i = 0; i < chunks.length; i += PARALLEL) {
    const read = await Promise.all(chunks.slice(i, i + PARALLEL).map(([start, end]) => readRange(view, start, end)))
    for (const part of read) out.push(...part)
  }
  return out
}

async function readRange (view: Hyperbee, from: number, to: number): Promise<Positioned[]> {
  const out: Positioned[] = []
  for await (const { key, value } of view.createReadStream({ gte: keys.message(from), lt: keys.message(to) })) {
    out.push({ position: positionOf(key), record: value as MessageRecord })
  }
  return out
}

/**
 * A message by its id: the writer's last id run starting at or before its seq gives the
 * position, the position gives the record. Two reads of the live view: a reorder between them
 * can pair the run with another message, which the id check catches (then read again).
 */
export async function locate (view: Hyperbee, id: string): Promise<Positioned | null> {
  const parsed = parseMessageId(id)
  if (parsed === null) return null
  for (let attempt = 0; attempt < LOCATE_ATTEMPTS; attempt++) {
    const at = await runOf(view, parsed.writer, parsed.seq)
    if (at === null) return null
    const part = parsed.part ?? -1
    if ((at.parts === 0) !== (part === -1) || part >= at.parts) return null
    const position = at.position + Math.max(0, part)
    const record = await getValue<MessageRecord>(view, keys.message(position))
    if (record !== null && record.id === id) return { position, record }
  }
  return null
}

/** Every message of one writer's block: one, or the parts of a messages-posted block. */
export async function locateBlock (view: Hyperbee, writer: string, seq: number): Promise<Positioned[]> {
  const at = await runOf(view, writer, seq)
  if (at === null) return []
  if (at.parts === 0) {
    const found = await locate(view, writer + ':' + seq)
    return found === null ? [] : [found]
  }
  const read = await readPositions(view, at.position, at.position + at.parts)
  // a reorder between the reads moved them: the caller's next pass reads again
  return read.filter((p) => p.record.author === writer && p.record.seq === seq)
}

/** Where a writer's block `seq` starts, and how many parts it has (0: a block of one message). */
async function runOf (view: Hyperbee, writer: string, seq: number): Promise<{ position: number, parts: number } | null> {
  const run = await view.peek({ ...ranges.idRunsUpTo(writer, seq), reverse: true })
  if (run === null) return null
  const { position, count, parts } = run.value as IdRunRecord
  const offset = seq - seqOfRun(run.key)
  if (offset >= count) return null
  return parts === undefined ? { position: position + offset, parts: 0 } : { position, parts }
}
