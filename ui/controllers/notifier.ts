// Desktop notifications (docs/architecture.md §15.3) through the browser's Notification API: the
// page is on 127.0.0.1, a secure context. Permission is asked only from a user's gesture
// (AppStore.enableNotifications, from a button or a settings change), never at load. Messages
// from the live stream are gathered per room until it is quiet for a second, then
// ui/notify-policy.ts decides:
// one notification each, or one summary for a catch-up. Clicking one opens that room at that
// message.
import type { AppStore } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import { notifiable, plan, type Shown } from '../notify-policy.js'

const GATHER_MS = 1000
const BODY_CHARS = 140

export class Notifier {
  private readonly rooms = new Map<string, { batch: Message[], timer: ReturnType<typeof setTimeout> }>()
  private readonly onEvent = (e: Event): void => { this.handle((e as CustomEvent<StreamEvent>).detail) }

  constructor (private readonly store: AppStore) {
    store.addEventListener('room-event', this.onEvent)
  }

  stop (): void {
    this.store.removeEventListener('room-event', this.onEvent)
    for (const { timer } of this.rooms.values()) clearTimeout(timer)
    this.rooms.clear()
  }

  static get supported (): boolean { return typeof Notification !== 'undefined' }

  private handle (ev: StreamEvent): void {
    if (ev.type !== 'message' || !Notifier.supported || Notification.permission !== 'granted') return
    const room = this.store.rooms.find(r => r.summary.id === ev.room)
    if (room === undefined) return
    const seen = {
      message: ev.message,
      me: room.summary.identityKey,
      level: this.store.notifyLevel(ev.room),
      hidden: document.visibilityState !== 'visible',
      active: this.store.active === ev.room
    }
    if (!notifiable(seen)) return
    // A room's messages gather for GATHER_MS; while they keep coming (a catch-up), until the
    // room has been quiet that long, so a catch-up of any length ends in one summary.
    const state = this.rooms.get(ev.room)
    if (state !== undefined) clearTimeout(state.timer)
    const batch = [...state?.batch ?? [], ev.message]
    this.rooms.set(ev.room, { batch, timer: setTimeout(() => this.flush(ev.room), GATHER_MS) })
  }

  private flush (id: string): void {
    const batch = this.rooms.get(id)?.batch ?? []
    this.rooms.delete(id)
    const room = this.store.rooms.find(r => r.summary.id === id)?.summary
    if (room === undefined) return
    const syncing = room.status.behind || room.status.progress < 1
    for (const shown of plan(batch, room.identityKey, { syncing, now: Date.now() })) this.show(id, room.alias, shown)
  }

  private show (room: string, alias: string, shown: Shown): void {
    const target = shown.kind === 'message' ? shown.message : shown.first
    const title = shown.kind === 'message'
      ? `${shown.message.author.name} in #${alias}`
      : `${shown.count} new messages in #${alias}`
    const body = shown.kind === 'message'
      ? plain(shown.message)
      : shown.mentions > 0 ? `${shown.mentions} mention${shown.mentions === 1 ? '' : 's'} of you` : 'Open the room to catch up'
    const n = new Notification(title, { body, tag: shown.kind === 'summary' ? `linkup-${room}` : `linkup-${target.id}` })
    n.onclick = () => {
      window.focus()
      this.store.reveal(room, target.id)
      n.close()
    }
  }
}

function plain (m: Message): string {
  if (m.type !== 'text') return m.type === 'audio' ? 'Voice message' : `File: ${m.file?.name ?? ''}`
  const text = (m.text ?? '').replace(/\s+/g, ' ').trim()
  return text.length > BODY_CHARS ? text.slice(0, BODY_CHARS - 1) + '…' : text
}
