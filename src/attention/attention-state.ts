// This device's attention state: read markers, notification settings and whether typing
// indicators are on (docs/architecture.md
// §15). Local only, like ~clear markers: a file beside the Corestore, never in it, so no peer
// can replicate it. Its own file rather than local-state.json, so what a user has read never
// shares a write (or a damaged file) with the room list. Writes are serialised and atomic
// (temporary file, fsync, rename): a crash leaves the old or the new state. A damaged file is
// set aside and the state starts empty: read markers are a convenience, never worth a failed start.
import { EventEmitter } from 'events'
import fs from 'fs/promises'
import path from 'path'
import type { Clock } from '../../views/records.js'
import { isHex32 } from '../../views/limits.js'
import { errors } from '../errors.js'
import { replaceFile, readIfPresent, WriteQueue } from '../atomic-file.js'

/** When this device raises a desktop notification for a room's messages. */
export type NotifyLevel = 'all' | 'mentions' | 'never'
export const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'mentions', 'never']
export const DEFAULT_NOTIFY: NotifyLevel = 'mentions'

export interface NotifySettings {
  /** For every room without its own setting. */
  all: NotifyLevel
  /** Room id → its own setting. */
  rooms: Record<string, NotifyLevel>
}

interface State {
  version: 1
  /** Room id → per writer, the last seq this user has read. A clock, like ~clear: merges cannot move it. */
  read: Record<string, Clock>
  notify: NotifySettings
  /** Typing indicators on this device, both ways (absent: on; added after version 1 was out). */
  typing?: boolean
}

const empty = (): State => ({ version: 1, read: {}, notify: { all: DEFAULT_NOTIFY, rooms: {} } })

/** Emits 'typing' (boolean) when typing indicators are turned on or off. */
export class AttentionState extends EventEmitter {
  readonly file: string
  private state: State = empty()
  private readonly writes = new WriteQueue()

  constructor (dir: string) {
    super()
    this.setMaxListeners(0) // one listener per open room
    this.file = path.join(dir, 'attention.json')
  }

  /** Reads the file; a damaged one is kept as attention.json.damaged and the state starts empty. */
  async load (): Promise<string | null> {
    const text = await readIfPresent(this.file)
    if (text === null) return null
    const parsed = parse(text)
    if (parsed !== null) {
      this.state = parsed
      return null
    }
    await fs.rename(this.file, this.file + '.damaged').catch(() => {})
    return 'attention.json was damaged: read markers and notification settings start afresh'
  }

  read (roomId: string): Clock { return this.state.read[roomId] ?? {} }

  /** Moves a room's read marker forward (never back: a marker only grows, writer by writer). */
  markRead (roomId: string, upTo: Clock): Promise<boolean> {
    const old = this.state.read[roomId] ?? {}
    const next = { ...old }
    let moved = false
    for (const [writer, seq] of Object.entries(upTo)) {
      if (seq > (next[writer] ?? -1)) { next[writer] = seq; moved = true }
    }
    if (!moved) return Promise.resolve(false)
    return this.update(s => { s.read[roomId] = next }).then(() => true)
  }

  get notify (): Readonly<NotifySettings> { return this.state.notify }

  /** The level that applies to a room: its own, else the overall one. */
  notifyLevel (roomId: string): NotifyLevel {
    return this.state.notify.rooms[roomId] ?? this.state.notify.all
  }

  /** Sets the overall level (room null), or one room's; null for a room goes back to the overall one. */
  async setNotify (roomId: string | null, level: NotifyLevel | null): Promise<void> {
    if (level !== null && !isLevel(level)) throw errors.invalid(`A notification level is one of ${NOTIFY_LEVELS.join(', ')}`)
    if (roomId === null && level === null) throw errors.invalid('The overall notification level cannot be unset')
    await this.update(s => {
      if (roomId === null) s.notify.all = level ?? DEFAULT_NOTIFY
      else if (level === null) delete s.notify.rooms[roomId]
      else s.notify.rooms[roomId] = level
    })
  }

  /** Whether this device sends "typing" to peers and shows theirs. */
  get typing (): boolean { return this.state.typing !== false }

  async setTyping (on: boolean): Promise<void> {
    if (typeof on !== 'boolean') throw errors.invalid('Typing indicators are on (true) or off (false)')
    if (on === this.typing) return
    await this.update(s => { s.typing = on })
    this.emit('typing', on)
  }

  forget (roomId: string): Promise<void> {
    return this.update(s => {
      delete s.read[roomId]
      delete s.notify.rooms[roomId]
    })
  }

  private update (change: (s: State) => void): Promise<void> {
    change(this.state)
    const snapshot = JSON.stringify(this.state)
    return this.writes.run(() => replaceFile(this.file, snapshot))
  }

  flushed (): Promise<void> {
    return this.writes.settled()
  }
}

const isLevel = (v: unknown): v is NotifyLevel => typeof v === 'string' && (NOTIFY_LEVELS as readonly string[]).includes(v)
const isClock = (v: unknown): v is Clock => typeof v === 'object' && v !== null && !Array.isArray(v) &&
  Object.entries(v).every(([k, s]) => isHex32(k) && Number.isSafeInteger(s) && (s as number) >= -1)

/** The state in a file's text, or null if it is not one (hand-edited, cut short). */
function parse (text: string): State | null {
  let raw: unknown
  try { raw = JSON.parse(text) } catch { return null }
  if (typeof raw !== 'object' || raw === null) return null
  const { version, read, notify, typing } = raw as Partial<State>
  if (version !== 1 || typeof read !== 'object' || read === null || typeof notify !== 'object' || notify === null) return null
  if (!Object.entries(read).every(([id, c]) => isHex32(id) && isClock(c))) return null
  if (!isLevel(notify.all) || typeof notify.rooms !== 'object' || notify.rooms === null) return null
  if (!Object.entries(notify.rooms).every(([id, l]) => isHex32(id) && isLevel(l))) return null
  if (typing !== undefined && typeof typing !== 'boolean') return null
  return { version: 1, read: { ...read }, notify: { all: notify.all, rooms: { ...notify.rooms } }, ...(typing === false ? { typing } : {}) }
}
