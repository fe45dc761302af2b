// A room's name on this device (docs/architecture.md §2.6, §8): the alias the user chose, or,
// for a joined room whose name was not chosen here, the room's own name (meta/room) as soon as
// this copy of the room holds it. Admission can finish while the copy is still empty (issue
// 13: ~1 join in 5 under load kept the default "room" for good); the name follows at the next
// update, or at the next start. Every change is saved to local state and the room's record.
import type Hyperbee from 'hyperbee'
import { readRoom } from '../views/members-reads.js'
import { cleanName } from '../views/names.js'

export interface NameHooks {
  /** Persists the entry (local state and the room's storage record). */
  save: () => Promise<void>
  /** The alias changed. */
  renamed: (alias: string) => void
}

export class RoomName {
  alias: string
  /** Whether the user chose the alias; if not, it follows the room's own name. */
  named: boolean
  private readonly hooks: NameHooks
  /** The room's own name was read from the view (and taken, unless one was chosen meanwhile). */
  private followed = false

  constructor (alias: string, named: boolean, hooks: NameHooks) {
    this.alias = alias
    this.named = named
    this.hooks = hooks
  }

  /** The user's choice: kept, never replaced by the room's own name. */
  async choose (alias: string): Promise<void> {
    this.named = true
    await this.set(alias)
  }

  /** Takes the room's own name from the view unless one was chosen; resolves to whether it is known. */
  async follow (view: Hyperbee): Promise<boolean> {
    if (this.named || this.followed) return true
    const meta = await readRoom(view)
    if (meta === null) return false
    // The room's own name is its first block's (room-created) and never changes (views/room.ts):
    // once taken it is not read again on every update.
    this.followed = true
    // The owner's name for the room, shown cleaned like any name from the log (views/names.ts);
    // `named` again: the user may have chosen one while the view was read.
    const alias = cleanName(meta.alias).text
    if (!this.named && alias !== '' && alias !== this.alias) await this.set(alias)
    return true
  }

  private async set (alias: string): Promise<void> {
    const changed = alias !== this.alias
    this.alias = alias
    await this.hooks.save()
    if (changed) this.hooks.renamed(alias)
  }
}
