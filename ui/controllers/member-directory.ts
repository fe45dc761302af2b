// The members of the open room, for what names people by key: reactions ("reacted by …"),
// mentions (`@` completion in the composer, highlighting in messages). Loaded when a room opens
// and again when a profile changes; 'change' tells the elements that show names to re-render.
//
// displayName is the one place a member's key becomes a name on screen here: when the member
// list gains a name-and-fingerprint helper (docs/architecture.md §12), it goes in there.
import type { AppStore } from '../store.js'
import type { Member, StreamEvent } from '../types.js'

export function displayName (member: { key: string, name: string | null }): string {
  return member.name ?? 'peer-' + member.key.slice(0, 6)
}

export class MemberDirectory extends EventTarget {
  private room: string | null = null
  private list: Member[] = []
  private byKey = new Map<string, Member>()
  private generation = 0
  private readonly onEvent = (e: Event): void => {
    const ev = (e as CustomEvent<StreamEvent>).detail
    if (ev.type === 'profile' && ev.room === this.room) void this.load()
  }

  constructor (private readonly store: AppStore) {
    super()
    store.addEventListener('room-event', this.onEvent)
  }

  dispose (): void {
    this.store.removeEventListener('room-event', this.onEvent)
  }

  /** Follows the open room (null: none). */
  open (room: string | null): void {
    if (room === this.room) return
    this.room = room
    this.set([])
    if (room !== null) void this.load()
  }

  get members (): readonly Member[] { return this.list }

  /** The name to show for a member key (a short stand-in for someone without a profile). */
  name (key: string): string {
    const m = this.byKey.get(key)
    return m === undefined ? 'peer-' + key.slice(0, 6) : displayName(m)
  }

  private async load (): Promise<void> {
    const room = this.room
    const gen = ++this.generation
    if (room === null) return
    try {
      const members = await this.store.api.members(room)
      if (gen === this.generation && room === this.room) this.set(members)
    } catch (err) {
      console.warn('members', err)
    }
  }

  private set (members: Member[]): void {
    this.list = members
    this.byKey = new Map(members.map(m => [m.key, m]))
    this.dispatchEvent(new Event('change'))
  }
}
