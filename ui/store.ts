// The app's shared state: the profile, the rooms with unread counts, the active room and the
// state of the live stream. Components read it through StoreController, which re-renders them
// on 'change'. Room-scoped stream events are re-dispatched as 'room-event' for the message log.
import { Api } from './api.js'
import { AvatarCache } from './controllers/avatar-cache.js'
import { FileLinks } from './controllers/file-links.js'
import type { Profile, RoomStatus, RoomSummary, StreamEvent } from './types.js'

export interface RoomState { summary: RoomSummary, unread: number }
export type Link = 'connecting' | 'live' | 'offline'

const ACTIVE_KEY = 'linkup-active-room'

export class AppStore extends EventTarget {
  readonly api: Api
  readonly avatars: AvatarCache
  readonly links: FileLinks
  profile: Profile | null | undefined = undefined
  rooms: RoomState[] = []
  active: string | null = null
  link: Link = 'connecting'
  fatal: string | null = null
  private readonly abort = new AbortController()

  constructor (token: string) {
    super()
    this.api = new Api(token)
    this.avatars = new AvatarCache(this.api)
    this.links = new FileLinks(this.api)
  }

  get room (): RoomState | undefined {
    return this.rooms.find(r => r.summary.id === this.active)
  }

  changed (): void {
    // The tab's title counts unread messages, so a background tab shows there is news.
    const unread = this.rooms.reduce((n, r) => n + r.unread, 0)
    document.title = unread > 0 ? `(${unread}) LinkUp` : 'LinkUp'
    this.dispatchEvent(new Event('change'))
  }

  async start (): Promise<void> {
    try {
      this.profile = await this.api.profile()
    } catch (err) {
      this.fatal = (err as Error).message
    }
    this.changed()
    void this.listen()
  }

  stop (): void { this.abort.abort() }

  /** Keeps the live stream open; after a drop, reconnects with a growing delay and resyncs. */
  private async listen (): Promise<void> {
    let delay = 250
    while (!this.abort.signal.aborted) {
      try {
        await this.api.stream(ev => { delay = 250; this.handle(ev) }, this.abort.signal)
      } catch (err) {
        if (this.abort.signal.aborted) return
        console.warn('live stream dropped', err)
      }
      this.link = 'offline'
      this.changed()
      await new Promise(resolve => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, 5000)
    }
  }

  private handle (ev: StreamEvent): void {
    switch (ev.type) {
      case 'hello':
        this.link = 'live'
        this.setRooms(ev.rooms)
        this.dispatchEvent(new CustomEvent('resync'))
        break
      case 'room': // a new room, or one whose summary changed (a joined room took its name)
        if (this.rooms.every(r => r.summary.id !== ev.room.id)) this.rooms = [...this.rooms, { summary: ev.room, unread: 0 }]
        else this.rooms = this.rooms.map(r => r.summary.id === ev.room.id ? { ...r, summary: ev.room } : r)
        break
      case 'room-removed':
        this.rooms = this.rooms.filter(r => r.summary.id !== ev.room)
        if (this.active === ev.room) this.select(this.rooms[0]?.summary.id ?? null)
        break
      case 'status':
        this.patchStatus(ev.room, ev.status)
        break
      case 'message': {
        const r = this.rooms.find(x => x.summary.id === ev.room)
        if (r !== undefined && ev.room !== this.active && ev.message.author.key !== r.summary.writerKey) r.unread++
        break
      }
      case 'profile':
        this.avatars.invalidate(ev.room)
        break
      case 'interrupted':
        this.rooms = this.rooms.map(r => r.summary.id === ev.room ? { ...r, summary: { ...r.summary, interrupted: ev.message } } : r)
        break
      case 'reset': case 'cleared': case 'seen': case 'download-progress':
        break
    }
    if (ev.type !== 'hello' && 'room' in ev) this.dispatchEvent(new CustomEvent<StreamEvent>('room-event', { detail: ev }))
    this.changed()
  }

  private setRooms (list: RoomSummary[]): void {
    const old = new Map(this.rooms.map(r => [r.summary.id, r.unread]))
    this.rooms = list.map(summary => ({ summary, unread: old.get(summary.id) ?? 0 }))
    const remembered = localStorage.getItem(ACTIVE_KEY)
    const keep = [this.active, remembered].find(id => id !== null && this.rooms.some(r => r.summary.id === id))
    this.select(keep ?? this.rooms[0]?.summary.id ?? null)
  }

  private patchStatus (id: string, status: RoomStatus): void {
    this.rooms = this.rooms.map(r => r.summary.id === id ? { ...r, summary: { ...r.summary, status } } : r)
  }

  select (id: string | null): void {
    this.active = id
    const r = this.room
    if (r !== undefined) r.unread = 0
    if (id !== null) localStorage.setItem(ACTIVE_KEY, id)
    this.changed()
  }

  /** Adds a room the user just created or joined, before the stream reports it. */
  added (summary: RoomSummary): void {
    if (this.rooms.every(r => r.summary.id !== summary.id)) this.rooms = [...this.rooms, { summary, unread: 0 }]
    this.select(summary.id)
  }
}
