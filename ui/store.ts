// The app's shared state: the profile, the rooms with unread counts, the active room and the
// state of the live stream. Only this class writes it: components read the getters and call the
// methods. It dispatches 'change' (StoreController re-renders its host) only when that state
// changed, so a stream event that changes none of it (a download's progress, a message in the
// open room) re-renders nothing here. Room-scoped stream events are re-dispatched as
// 'room-event' for what shows them (the message log, the member list, an attachment).
import { Api } from './api.js'
import { AvatarCache } from './controllers/avatar-cache.js'
import { FileLinks } from './controllers/file-links.js'
import { MemberDirectory } from './controllers/member-directory.js'
import type { AvatarData, NotifyLevel, NotifySettings, PendingJoin, Profile, RoomSummary, StreamEvent } from './types.js'
import { AttentionStore } from './attention-store.js'
import { keepListening } from './live-stream.js'
import { patchRoom, roomState, sameStatus, titleFor, type RoomState } from './room-list.js'

export type { RoomState } from './room-list.js'
export type Link = 'connecting' | 'live' | 'offline'

const ACTIVE_KEY = 'linkup-active-room'

export class AppStore extends EventTarget {
  readonly api: Api
  readonly avatars: AvatarCache
  readonly links: FileLinks
  /** Every room's members, for whatever shows a name (ui/identity.ts). */
  readonly directory: MemberDirectory
  /** When this device notifies, typing indicators, read marks (ui/attention-store.ts). */
  readonly attention: AttentionStore
  private state = {
    profile: undefined as Profile | null | undefined,
    rooms: [] as RoomState[],
    /** Joins waiting for a member, and failed ones not yet dismissed (src/server/joins.ts). */
    joins: [] as PendingJoin[],
    active: null as string | null,
    link: 'connecting' as Link,
    fatal: null as string | null,
    /** Another device of the account removed this one (docs/architecture.md §16.4). */
    deviceRemoved: false
  }
  private readonly abort = new AbortController()
  /** Joins this tab started: their room opens when they succeed. */
  private readonly started = new Set<string>()

  constructor () {
    super()
    this.api = new Api()
    this.avatars = new AvatarCache(this.api)
    this.links = new FileLinks(this.api)
    this.directory = new MemberDirectory(this)
    this.attention = new AttentionStore(this.api, () => this.changed())
  }

  /** This user's profile: undefined while loading, null before registration. */
  get profile (): Profile | null | undefined { return this.state.profile }
  get rooms (): readonly RoomState[] { return this.state.rooms }
  get joins (): readonly PendingJoin[] { return this.state.joins }
  get active (): string | null { return this.state.active }
  get link (): Link { return this.state.link }
  get notify (): NotifySettings | null { return this.attention.notify }
  get deviceRemoved (): boolean { return this.state.deviceRemoved }

  /** Links this node to an existing account with a code from another of its devices. */
  async joinAccount (code: string, name?: string): Promise<void> {
    const { removed } = await this.api.joinAccount(code, name)
    this.state.deviceRemoved = removed
    this.state.profile = await this.api.profile()
    this.avatars.invalidateAll()
    this.changed()
  }

  // Attention (ui/attention-store.ts): one-line calls.
  notifyLevel (room: string): NotifyLevel { return this.attention.notifyLevel(room) }
  setNotify (level: NotifyLevel | null, room?: string): Promise<void> { return this.attention.setNotify(level, room) }
  get typingOn (): boolean { return this.attention.typingOn }
  setTypingOn (on: boolean): Promise<void> { return this.attention.setTypingOn(on) }
  get permission (): NotificationPermission | 'unsupported' { return this.attention.permission }
  enableNotifications (): Promise<void> { return this.attention.enableNotifications() }
  typists (room: string): ReadonlyArray<{ key: string, name: string }> { return this.attention.typists(room) }
  typing (room: string): void { this.attention.typing(room) }
  markRead (room: string, id: string): void { this.attention.markRead(room, id) }

  /** A message to show once its room's log opens (a search result), or null. */
  private pendingReveal: { room: string, id: string } | null = null

  /** Opens `room` at message `id`, with the messages around it (ui/components/lu-message-log.ts). */
  reveal (room: string, id: string): void {
    this.pendingReveal = { room, id }
    this.select(room)
    this.dispatchEvent(new CustomEvent('reveal'))
  }

  /** The message to reveal in `room`, once: the log that shows the room takes it. */
  takeReveal (room: string): string | null {
    const r = this.pendingReveal
    if (r === null || r.room !== room) return null
    this.pendingReveal = null
    return r.id
  }

  /** Why the node cannot be used at all, or null. */
  get fatal (): string | null { return this.state.fatal }

  get room (): RoomState | undefined {
    return this.state.rooms.find(r => r.summary.id === this.state.active)
  }

  async start (): Promise<void> {
    try {
      this.state.profile = await this.api.profile()
      await this.attention.load()
    } catch (err) {
      this.state.fatal = (err as Error).message
    }
    // A node without an account (ClientOptions.account: false) answers NOT_ALLOWED: nothing to show.
    this.state.deviceRemoved = await this.api.devices().then(d => d.removed, () => false)
    this.changed()
    if (this.state.fatal === null) void this.listen()
  }

  stop (): void { this.abort.abort() }

  select (id: string | null): void {
    this.activate(id)
    this.changed()
  }

  async createRoom (alias: string): Promise<RoomSummary> {
    return this.opened(await this.api.createRoom(alias))
  }

  /**
   * Starts joining a room: the join waits in the node for a member to admit this device, and
   * shows in `joins` until it ends; the room opens when it succeeds. Resolves once the node has
   * taken the invite (a malformed or expired one is refused at once).
   */
  async startJoin (invite: string): Promise<PendingJoin> {
    const join = await this.api.joinRoom(invite)
    if (join.state === 'joined' && join.room !== undefined) {
      this.opened(join.room)
      return join
    }
    this.started.add(join.id)
    this.setJoin(join)
    this.changed()
    return join
  }

  /** Cancels a waiting join, or dismisses one that failed. */
  async cancelJoin (id: string): Promise<void> {
    this.started.delete(id)
    const join = await this.api.cancelJoin(id)
    if (join.state !== 'waiting') this.setJoin({ ...join, state: 'cancelled' })
    this.changed()
  }

  /** Leaves a room; the owner is refused (LAST_ADMIN says how to hand over) unless `anyway`. */
  async leaveRoom (id: string, opts: { anyway?: boolean } = {}): Promise<void> {
    await this.api.leave(id, opts)
    if (this.removed(id)) this.changed()
  }

  async saveProfile (name: string, avatar?: AvatarData | null): Promise<void> {
    this.state.profile = await this.api.setProfile(name, avatar)
    this.avatars.invalidateAll()
    this.changed()
  }

  /** A room the user just created or joined opens, before the stream reports it. */
  private opened (summary: RoomSummary): RoomSummary {
    if (this.state.rooms.every(r => r.summary.id !== summary.id)) this.setRooms([...this.state.rooms, roomState(summary)])
    this.select(summary.id)
    return summary
  }

  private activate (id: string | null): void {
    this.state.active = id
    if (id !== null) localStorage.setItem(ACTIVE_KEY, id)
  }

  private removed (id: string): boolean {
    if (this.state.rooms.every(r => r.summary.id !== id)) return false
    this.setRooms(this.state.rooms.filter(r => r.summary.id !== id))
    if (this.state.active === id) this.activate(this.state.rooms[0]?.summary.id ?? null)
    return true
  }

  /** Puts a join in the list, or takes it out once it needs no more showing. */
  private setJoin (join: PendingJoin): void {
    const others = this.state.joins.filter(j => j.id !== join.id)
    const shown = join.state === 'waiting' || join.state === 'failed'
    this.state.joins = shown ? [...others, join] : others
  }

  private changed (): void {
    this.dispatchEvent(new Event('change'))
  }

  private setRooms (rooms: RoomState[]): void {
    this.state.rooms = rooms
    const title = titleFor(rooms)
    if (document.title !== title) document.title = title
  }

  /** Keeps the live stream open (ui/live-stream.ts); its 'hello' after a drop resyncs. */
  private async listen (): Promise<void> {
    await keepListening(this.api, this.abort.signal, {
      event: (ev) => { this.handle(ev) },
      offline: () => { this.state.link = 'offline'; this.changed() },
      fatal: (message) => { this.state.fatal = message; this.changed() }
    })
  }

  private handle (ev: StreamEvent): void {
    if (ev.type === 'hello') {
      this.state.link = 'live'
      this.state.joins = ev.joins
      this.resync(ev.rooms)
      this.dispatchEvent(new CustomEvent('resync'))
      return
    }
    if (this.apply(ev)) this.changed()
    this.dispatchEvent(new CustomEvent<StreamEvent>('room-event', { detail: ev }))
  }

  /** Applies a stream event to the state; true when the state changed. */
  private apply (ev: Exclude<StreamEvent, { type: 'hello' }>): boolean {
    switch (ev.type) {
      case 'room': // a new room, one that finished opening, or one whose summary changed (a joined room took its name)
        if (this.state.rooms.some(r => r.summary.id === ev.room.id && r.summary.status.opening && !ev.room.status.opening)) {
          // all of it is known now (its keys, role, encryption): the new summary, keeping this node's notify setting
          this.setRooms(this.state.rooms.map(r => r.summary.id === ev.room.id ? roomState({ ...ev.room, notify: r.summary.notify }) : r))
          return true
        }
        if (this.state.rooms.some(r => r.summary.id === ev.room.id)) {
          if (this.state.rooms.some(r => r.summary.id === ev.room.id && r.summary.alias === ev.room.alias)) return false
          this.setRooms(this.state.rooms.map(r => r.summary.id === ev.room.id ? { ...r, summary: { ...r.summary, alias: ev.room.alias } } : r))
          return true
        }
        this.setRooms([...this.state.rooms, roomState(ev.room)])
        return true
      case 'room-removed':
        return this.removed(ev.room)
      case 'join': {
        const { join } = ev
        this.setJoin(join)
        if (join.state === 'joined' && join.room !== undefined) {
          if (this.state.rooms.every(r => r.summary.id !== join.id)) this.setRooms([...this.state.rooms, roomState(join.room)])
          if (this.started.delete(join.id)) this.activate(join.id)
        } else if (join.state !== 'waiting') {
          this.started.delete(join.id)
        }
        return true
      }
      case 'status':
        return this.patch(ev.room, r => sameStatus(r.summary.status, ev.status) ? r : { ...r, summary: { ...r.summary, status: ev.status } })
      case 'unread':
        return this.patch(ev.room, r => r.unread === ev.unread.count && r.mentions === ev.unread.mentions && r.summary.unread.first === ev.unread.first
          ? r
          : { summary: { ...r.summary, unread: ev.unread }, unread: ev.unread.count, mentions: ev.unread.mentions })
      case 'typing':
        this.attention.typingNow = { ...this.attention.typingNow, [ev.room]: ev.typists }
        return true
      case 'notifications':
        this.attention.notify = ev.settings
        return true
      case 'interrupted':
        return this.patch(ev.room, r => ({ ...r, summary: { ...r.summary, interrupted: ev.message } }))
      case 'role':
        return this.patch(ev.room, r => r.summary.role === ev.role && r.summary.mayInvite === ev.mayInvite ? r : { ...r, summary: { ...r.summary, role: ev.role, isOwner: ev.role === 'owner', mayInvite: ev.mayInvite } })
      case 'removed':
        return this.patch(ev.room, r => r.summary.removed ? r : { ...r, summary: { ...r.summary, removed: true, role: null, isOwner: false, mayInvite: false } })
      case 'profile':
        this.avatars.invalidate(ev.room)
        return false
      case 'device-removed':
        this.state.deviceRemoved = true
        return true
      case 'reset': case 'cleared': case 'seen': case 'download-progress': case 'access': case 'contact': case 'update': case 'message':
        return false
    }
  }

  /** Replaces one room's state; true when it changed. */
  private patch (id: string, f: (r: RoomState) => RoomState): boolean {
    const rooms = patchRoom(this.state.rooms, id, f)
    if (rooms !== null) this.setRooms(rooms)
    return rooms !== null
  }

  private resync (list: RoomSummary[]): void {
    this.setRooms(list.map(roomState))
    const remembered = localStorage.getItem(ACTIVE_KEY)
    const keep = [this.state.active, remembered].find(id => id !== null && this.state.rooms.some(r => r.summary.id === id))
    this.select(keep ?? this.state.rooms[0]?.summary.id ?? null)
  }
}
