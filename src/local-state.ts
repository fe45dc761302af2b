// Local-only state: the room list, this user's profile, ~clear markers (docs/architecture.md
// §8), and what this user noted about other people's keys (nicknames, verified: §12). Kept in
// a file beside the Corestore, never in it, so no peer can ever replicate it.
// Writes are serialised and atomic: the new state goes to a temporary file (fsynced), the
// current file becomes the previous version, the temporary file becomes the current one. A
// crash leaves a complete state behind in one of the three, and a damaged file (emptied, cut
// short, edited by hand) is set aside and the newest good version read instead.
import fs from 'fs/promises'
import path from 'path'
import { parseState, emptyState, type State, type LocalProfile, type LocalRoom, type ClearMarker } from './local-state-file.js'
import type { Contact } from './names/identities.js'
import { writeSynced, readIfPresent, WriteQueue } from './atomic-file.js'

export type { LocalProfile, LocalRoom, ClearMarker } from './local-state-file.js'
export type { Contact } from './names/identities.js'

/** Where the state came from at load, and what was wrong on the way. */
export interface LoadReport {
  /** The file the state was read from; null when there was none to read (a first run, or all lost). */
  from: string | null
  /** Files present but unreadable, each with why; a damaged current file is kept as `<file>.damaged`. */
  damaged: Array<{ file: string, reason: string }>
}

export class LocalState {
  readonly file: string
  private state: State = emptyState()
  private readonly writes = new WriteQueue()

  constructor (dir: string) {
    this.file = path.join(dir, 'local-state.json')
  }

  /** The previous version, kept at every write. */
  get previousFile (): string { return this.file + '.prev' }
  private get tmpFile (): string { return this.file + '.tmp' }

  /**
   * Reads the newest good version: the current file, else a complete temporary file (a crash
   * between the two renames of a write), else the previous version.
   */
  async load (): Promise<LoadReport> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 })
    const report: LoadReport = { from: null, damaged: [] }
    for (const file of [this.file, this.tmpFile, this.previousFile]) {
      const text = await readIfPresent(file)
      if (text === null) continue
      const parsed = parseState(text)
      if (typeof parsed !== 'string') {
        this.state = parsed
        report.from = file
        break
      }
      report.damaged.push({ file, reason: parsed })
    }
    // The next write would make a damaged current file the previous version, over a good one.
    if (report.from !== this.file && report.damaged.some(d => d.file === this.file)) {
      await fs.rename(this.file, this.file + '.damaged')
    }
    return report
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

  /** Writes the state as it is now (after a recovery, so the next start reads it as it is). */
  rewrite (): Promise<void> {
    return this.update(() => {})
  }

  /** Applies a change in memory at once, then persists all changes in order. */
  private update (change: (s: State) => void): Promise<void> {
    change(this.state)
    const snapshot = JSON.stringify(this.state)
    return this.writes.run(() => this.write(snapshot))
  }

  private async write (text: string): Promise<void> {
    await writeSynced(this.tmpFile, text)
    await fs.rename(this.file, this.previousFile).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
    })
    await fs.rename(this.tmpFile, this.file)
    await syncDir(path.dirname(this.file))
  }

  /** Resolves once every change so far is on disk. */
  flushed (): Promise<void> {
    return this.writes.current
  }
}

// The renames are durable only once the directory is written out too.
async function syncDir (dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null)
  if (handle === null) return
  try {
    await handle.sync()
  } catch {} finally {
    await handle.close()
  }
}
