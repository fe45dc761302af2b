// This device's attention in the UI (docs/architecture.md §15): when it notifies, typing
// indicators both ways, and the read marks sent to the node. AppStore holds one and passes
// its notify, setNotify, typingOn, setTypingOn, permission, enableNotifications, typists,
// typing and markRead through; its stream events 'typing' and 'notifications' land here.
import type { Api } from './api.js'
import type { NotifyLevel, NotifySettings } from './types.js'

type Typists = ReadonlyArray<{ key: string, name: string }>

export class AttentionStore {
  /** When this node notifies (src/attention/attention-state.ts); null until loaded. */
  notify: NotifySettings | null = null
  /** Typing indicators on this device, both ways (GET/PUT /api/typing-indicators). */
  typingOn = true
  /** Room id → the members typing there now (src/attention/typing.ts). */
  typingNow: Record<string, Typists> = {}
  /** When this tab last told the node the user is typing, per room. */
  private readonly typed = new Map<string, number>()
  /** Per room, the newest message this tab has told the node is read: each is sent once. */
  private readonly marked = new Map<string, string>()
  private readonly api: Api
  /** AppStore dispatches 'change'. */
  private readonly changed: () => void

  constructor (api: Api, changed: () => void) {
    this.api = api
    this.changed = changed
  }

  /** The settings at start (AppStore.start). */
  async load (): Promise<void> {
    this.notify = await this.api.notifications()
    this.typingOn = (await this.api.typingIndicators()).on
  }

  /** The level that applies to a room: its own, else the overall one. */
  notifyLevel (room: string): NotifyLevel {
    const n = this.notify
    return n?.rooms[room] ?? n?.all ?? 'mentions'
  }

  async setNotify (level: NotifyLevel | null, room?: string): Promise<void> {
    // A change of setting is a user's gesture: the one moment a page may ask for permission.
    if (level !== 'never' && level !== null) void this.enableNotifications()
    this.notify = await this.api.setNotifications(level, room)
    this.changed()
  }

  /** Turns typing indicators on or off on this device: off, the node neither sends nor shows them. */
  async setTypingOn (on: boolean): Promise<void> {
    this.typingOn = (await this.api.setTypingIndicators(on)).on
    if (!this.typingOn) this.typingNow = {}
    this.changed()
  }

  /** The browser's answer on desktop notifications: 'unsupported' without the Notification API. */
  get permission (): NotificationPermission | 'unsupported' {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
  }

  /** Asks the browser for permission to notify; call only from a user's gesture (a click). */
  async enableNotifications (): Promise<void> {
    if (this.permission !== 'default') return
    await Notification.requestPermission()
    this.changed()
  }

  /** Who is typing in a room now. */
  typists (room: string): Typists { return this.typingNow[room] ?? [] }

  /** The user typed in the composer: tells the node, at most every 3 s (it rate-limits too). */
  typing (room: string): void {
    if (!this.typingOn) return
    const now = Date.now()
    if (now - (this.typed.get(room) ?? 0) < 3000) return
    this.typed.set(room, now)
    this.api.typing(room).catch(() => {}) // ephemeral: a lost one is nothing
  }

  /** Tells the node this user has read the room up to message `id` (the newest on screen). */
  markRead (room: string, id: string): void {
    if (this.marked.get(room) === id) return
    this.marked.set(room, id)
    this.api.markRead(room, id).catch((err: unknown) => {
      this.marked.delete(room)
      console.warn('could not mark the room read', err)
    })
  }
}
