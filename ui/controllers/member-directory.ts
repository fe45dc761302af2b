// The members of each room the UI shows, loaded once and kept fresh for everything that shows
// a name: the member list, the message log (fingerprints, lookalike marks), the ~remove
// command, mentions. Reloaded only when what it holds can have changed: a profile event (names,
// avatars, a new member), 'access' (joins, removals, roles), 'contact' (this user's nicknames
// and verifications), and a status whose peer count or count of writers online moved.
// Dispatches 'change' (detail: the room id) after each load.
import type { AppStore } from '../store.js'
import type { Member, StreamEvent } from '../types.js'

interface Entry {
  members: Member[]
  byKey: Map<string, Member>
  peers: number | null
  online: number | null
  generation: number
  timer: ReturnType<typeof setTimeout> | undefined
}

const DEBOUNCE_MS = 300

/** Owner first, then admins, then online before offline, then by name. */
function order (a: Member, b: Member): number {
  const rank = (m: Member): number => m.role === 'owner' ? 0 : m.role === 'admin' ? 1 : 2
  return rank(a) - rank(b) || Number(b.online) - Number(a.online) ||
    (a.nickname ?? a.name ?? '').localeCompare(b.nickname ?? b.name ?? '')
}

export class MemberDirectory extends EventTarget {
  private readonly rooms = new Map<string, Entry>()
  private readonly onEvent = (e: Event): void => { this.handle((e as CustomEvent<StreamEvent>).detail) }

  constructor (private readonly store: AppStore) {
    super()
    store.addEventListener('room-event', this.onEvent)
  }

  /** The room's members (loading them the first time), in display order. */
  members (room: string): readonly Member[] {
    return this.entry(room).members
  }

  /** One member of the room, or undefined (not loaded yet, or not a member). */
  member (room: string, key: string): Member | undefined {
    return this.entry(room).byKey.get(key)
  }

  /** Loads the room's members again now. */
  refresh (room: string): Promise<void> {
    return this.load(room)
  }

  private entry (room: string): Entry {
    let entry = this.rooms.get(room)
    if (entry === undefined) {
      const status = this.store.rooms.find(r => r.summary.id === room)?.summary.status
      entry = { members: [], byKey: new Map(), peers: status?.peers ?? null, online: status?.online ?? null, generation: 0, timer: undefined }
      this.rooms.set(room, entry)
      void this.load(room)
    }
    return entry
  }

  private handle (ev: StreamEvent): void {
    if (ev.type === 'contact') {
      for (const room of this.rooms.keys()) this.schedule(room)
      return
    }
    if (!('room' in ev) || typeof ev.room !== 'string') return
    const entry = this.rooms.get(ev.room)
    if (entry === undefined) return
    if (ev.type === 'profile' || ev.type === 'access' || ev.type === 'role' || ev.type === 'removed') this.schedule(ev.room)
    if (ev.type === 'status') {
      const stale = ev.status.peers !== entry.peers || ev.status.online !== entry.online
      entry.peers = ev.status.peers
      entry.online = ev.status.online
      if (stale) this.schedule(ev.room)
    }
    if (ev.type === 'room-removed') {
      clearTimeout(entry.timer)
      this.rooms.delete(ev.room)
    }
  }

  private schedule (room: string): void {
    const entry = this.rooms.get(room)
    if (entry === undefined) return
    clearTimeout(entry.timer)
    entry.timer = setTimeout(() => { void this.load(room) }, DEBOUNCE_MS)
  }

  // Loads may overlap; only the newest may write, or a slow older answer (from before a
  // member's profile arrived, say) would stand until the next event.
  private async load (room: string): Promise<void> {
    const entry = this.rooms.get(room)
    if (entry === undefined) return
    const gen = ++entry.generation
    try {
      const members = (await this.store.api.members(room)).sort(order)
      if (gen !== entry.generation || this.rooms.get(room) !== entry) return
      entry.members = members
      entry.byKey = new Map(members.map(m => [m.key, m]))
      this.dispatchEvent(new CustomEvent('change', { detail: room }))
    } catch (err) {
      console.warn('members', err)
    }
  }
}
