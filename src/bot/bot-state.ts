// What a bot has handled, kept in its storage so a restart never answers a message twice.
// Per room: `since` (when the bot first saw the room: older messages are history, not
// commands to it) and a per-writer clock, the highest seq handled of each writer. A writer's
// messages enter the view in seq order, so "seq ≤ clock[writer]" means "already handled",
// however the room's history is later merged or reordered (message positions move; ids do not).
import fs from 'fs/promises'
import path from 'path'
import { parseMessageId } from '../../views/keys.js'

export interface RoomMark {
  /** ms since the epoch: messages stamped earlier are from before the bot joined. */
  since: number
  /** writer key → highest seq handled. */
  handled: Record<string, number>
}

interface StateFile { v: 1, rooms: Record<string, RoomMark> }

export class BotState {
  readonly file: string
  private state: StateFile = { v: 1, rooms: {} }
  private writing: Promise<void> = Promise.resolve()

  constructor (file: string) {
    this.file = file
  }

  async load (): Promise<void> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf-8')) as Partial<StateFile>
      if (parsed !== null && typeof parsed === 'object' && parsed.rooms !== null && typeof parsed.rooms === 'object') {
        this.state = { v: 1, rooms: parsed.rooms }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }

  /** The room's mark, created with `since` the first time the bot sees the room. */
  room (id: string, since: number): RoomMark {
    let mark = this.state.rooms[id]
    if (mark === undefined) {
      mark = { since, handled: {} }
      this.state.rooms[id] = mark
    }
    return mark
  }

  isHandled (roomId: string, messageId: string): boolean {
    const [writer, seq] = splitId(messageId)
    return seq <= (this.state.rooms[roomId]?.handled[writer] ?? -1)
  }

  /** Marks a message handled and persists it (at most once: marked before answering). */
  markHandled (roomId: string, messageId: string): Promise<void> {
    const [writer, seq] = splitId(messageId)
    const mark = this.state.rooms[roomId]
    if (mark === undefined) throw new Error('markHandled on a room the bot has not seen')
    mark.handled[writer] = Math.max(seq, mark.handled[writer] ?? -1)
    return this.save()
  }

  forget (roomId: string): Promise<void> {
    delete this.state.rooms[roomId]
    return this.save()
  }

  /** Writes are chained, each a whole file written aside and renamed into place. */
  save (): Promise<void> {
    const text = JSON.stringify(this.state)
    const write = async (): Promise<void> => {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 })
      const tmp = this.file + '.tmp'
      await fs.writeFile(tmp, text, { mode: 0o600 })
      await fs.rename(tmp, this.file)
    }
    this.writing = this.writing.then(write, write)
    return this.writing
  }

  flushed (): Promise<void> {
    return this.writing.catch(() => {})
  }
}

/**
 * A message's writer and its place in that writer's order: its seq, and the parts of a
 * messages-posted block just after it (part p at seq + (p + 1) / 1000; a block has at most 256
 * parts, and a plain seq stays the integer the bot state has always stored).
 */
function splitId (id: string): [string, number] {
  const parsed = parseMessageId(id)
  if (parsed === null) throw new Error(`not a message id: ${id}`)
  return [parsed.writer, parsed.part === undefined ? parsed.seq : parsed.seq + (parsed.part + 1) / 1000]
}
