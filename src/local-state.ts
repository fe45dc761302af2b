// Local-only state: the room list, this user's profile, ~clear markers, and what this user
// noted about other people's keys (nicknames, verified: docs/architecture.md §12).
// Kept in a file beside the Corestore, never in it, so no peer can ever replicate it.
// Writes are serialised and atomic (temp file, fsync, rename): a crash leaves the old or the
// new state, never half of one.
import fs from 'fs/promises'
import path from 'path'
import type { Contact } from './names/identities.js'

export type { Contact } from './names/identities.js'

export interface LocalRoom {
  /** The Corestore namespace of this room's Autobase (one base per namespace). */
  namespace: string
  alias: string
}

export interface LocalProfile { name: string, avatar?: { mime: string, data: string } }

/** A ~clear marker: per writer, the last seq hidden. Positions move on merges; seqs do not. */
export type ClearMarker = Record<string, number>

interface State {
  version: 1
  profile: LocalProfile | null
  rooms: Record<string, LocalRoom>
  cleared: Record<string, ClearMarker>
  /** Per member key (hex): this user's nickname for it, and whether they verified it. */
  contacts: Record<string, Contact>
}

const empty = (): State => ({ version: 1, profile: null, rooms: {}, cleared: {}, contacts: {} })

export class LocalState {
  private readonly file: string
  private state: State = empty()
  private writing: Promise<void> = Promise.resolve()

  constructor (dir: string) {
    this.file = path.join(dir, 'local-state.json')
  }

  async load (): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 })
    try {
      // Only the fields this build knows: an older build's read markers (never written) go.
      const { profile, rooms, cleared, contacts } = { ...empty(), ...JSON.parse(await fs.readFile(this.file, 'utf-8')) as Partial<State> }
      this.state = { version: 1, profile, rooms, cleared, contacts }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }

  get profile (): LocalProfile | null { return this.state.profile }
  get rooms (): Readonly<Record<string, LocalRoom>> { return this.state.rooms }
  cleared (roomId: string): ClearMarker { return this.state.cleared[roomId] ?? {} }
  contact (key: string): Contact | undefined { return Object.hasOwn(this.state.contacts, key) ? this.state.contacts[key] : undefined }

  setProfile (profile: LocalProfile): Promise<void> {
    return this.update(s => { s.profile = profile })
  }

  addRoom (id: string, room: LocalRoom): Promise<void> {
    return this.update(s => { s.rooms[id] = room })
  }

  removeRoom (id: string): Promise<void> {
    return this.update(s => {
      delete s.rooms[id]
      delete s.cleared[id]
    })
  }

  /** Records what this user noted about a key; an empty contact is forgotten. */
  setContact (key: string, contact: Contact): Promise<void> {
    return this.update(s => {
      if (contact.nickname === undefined && contact.verified !== true) delete s.contacts[key]
      else s.contacts[key] = contact
    })
  }

  setCleared (roomId: string, marker: ClearMarker): Promise<void> {
    return this.update(s => { s.cleared[roomId] = marker })
  }

  /** Applies a change in memory at once, then persists all changes in order. */
  private update (change: (s: State) => void): Promise<void> {
    change(this.state)
    const snapshot = JSON.stringify(this.state)
    const next = this.writing.catch(() => {}).then(() => this.write(snapshot))
    this.writing = next
    return next
  }

  private async write (text: string): Promise<void> {
    const tmp = this.file + '.tmp'
    const handle = await fs.open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(tmp, this.file)
  }

  /** Resolves once every change so far is on disk. */
  flushed (): Promise<void> {
    return this.writing
  }
}
