// When local-state.json could not be read as it was (missing, damaged, or read from an older
// version): take back what the storage still knows, and say in one log line what happened
// (docs/architecture.md §8). Rooms come back from the records each room keeps in its local
// core (room-records.ts), written after local state at every change, so a record is at least
// as new as any version of the file; the profile comes back from this device's own entry in a
// room's view.
import path from 'path'
import type Corestore from 'corestore'
import type { LocalState, LoadReport } from './local-state.js'
import type { Room } from './room.js'
import { findStoredRooms } from './room-records.js'
import type { Logger } from './log.js'

export class StateRecovery {
  private readonly local: LocalState
  private readonly loaded: LoadReport
  private readonly log: Logger
  private readonly restored = new Set<string>()
  private unnamed = 0

  constructor (local: LocalState, loaded: LoadReport, log: Logger) {
    this.local = local
    this.loaded = loaded
    this.log = log
  }

  /** Puts every room the storage records (and was not left) in the room list, as its record says. */
  async mergeRooms (store: Corestore): Promise<void> {
    const found = await findStoredRooms(store)
    this.unnamed = found.unnamed
    for (const { id, room } of found.rooms) {
      const listed = this.local.rooms[id]
      if (listed !== undefined && listed.namespace === room.namespace && listed.alias === room.alias && listed.named === room.named) continue
      if (listed === undefined) this.restored.add(id)
      await this.local.addRoom(id, room)
    }
  }

  /** Once the rooms are open: the profile from a room if it was lost, then the log line. */
  async finish (rooms: Room[]): Promise<void> {
    const profileFrom = this.local.profile === null ? await this.restoreProfile(rooms) : null
    await this.local.rewrite()
    const line = this.describe(rooms.filter(r => this.restored.has(r.id)), profileFrom)
    if (line !== null) this.log.warn({ file: this.local.file, restored: this.restored.size }, line)
  }

  /** This device's name and avatar as published in the first room that has them; that room's alias. */
  private async restoreProfile (rooms: Room[]): Promise<string | null> {
    for (const room of rooms) {
      const me = (await room.members().catch(() => [])).find(m => m.key === room.identityKey)
      if (me?.name === null || me?.name === undefined) continue
      const avatar = me.hasAvatar ? await room.avatar(room.identityKey).catch(() => null) : null
      await this.local.setProfile(avatar === null ? { name: me.name } : { name: me.name, avatar: { mime: avatar.mime, data: avatar.data.toString('base64') } })
      return room.alias
    }
    return null
  }

  private describe (restored: Room[], profileFrom: string | null): string | null {
    const { local, loaded } = this
    const name = path.basename(local.file)
    const damaged = loaded.damaged.find(d => d.file === local.file)
    const parts: string[] = []
    if (damaged !== undefined) parts.push(`${local.file} was damaged (${damaged.reason}); kept as ${name}.damaged`)
    else if (loaded.from !== null || restored.length > 0 || profileFrom !== null) parts.push(`${local.file} was missing`)
    if (loaded.from !== null) parts.push(`read its ${loaded.from === local.previousFile ? 'previous version' : 'last complete write'} (${path.basename(loaded.from)})`)
    else if (parts.length > 0) parts.push('no earlier version was readable')
    if (restored.length > 0) parts.push(`restored ${restored.length} ${restored.length === 1 ? 'room' : 'rooms'} from storage (${restored.map(r => r.alias).join(', ')})`)
    if (profileFrom !== null) parts.push(`your profile from room ${profileFrom}`)
    if (parts.length > 0 && this.unnamed > 0) {
      parts.push(`${this.unnamed} more room ${this.unnamed === 1 ? 'store has' : 'stores have'} no record (last opened by an older build) and ${this.unnamed === 1 ? 'was' : 'were'} left alone`)
    }
    return parts.length === 0 ? null : 'local state: ' + parts.join('; ')
  }
}
