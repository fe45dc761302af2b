// What people do to the messages of the log (docs/architecture.md §13): edit one in place (one
// at a time), delete after a confirmation, react, and jump to a reply's original. The changes
// go to the node; what the page shows changes when the live stream's 'update' comes back (the
// message window patches the row), so every open page, this one included, shows the same.
// Also keeps the originals that replies quote when they are not among the rows on screen.
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppStore } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import type { MessageWindow } from './message-window.js'
import { mentionedKeys } from '../mentions.js'

type MessageEvent<T = object> = CustomEvent<{ message: Message } & T>

export interface ActionHooks {
  /** Asks the user to confirm a deletion. */
  confirm: () => Promise<boolean>
  /** A member key to the name shown. */
  names: (key: string) => string
}

export class ConversationActions implements ReactiveController {
  /** The id of the message being edited, or null. */
  editing: string | null = null
  private readonly quotes = new Map<string, Message | 'missing'>()
  private readonly fetching = new Set<string>()
  private quotesRoom: string | null = null
  private readonly onRoomEvent = (e: Event): void => {
    const ev = (e as CustomEvent<StreamEvent>).detail
    if (!('room' in ev) || ev.room !== this.win.room) return
    if (ev.type === 'update' && this.quotes.has(ev.message.id)) {
      this.quotes.set(ev.message.id, ev.message)
      this.host.requestUpdate()
    }
    if (ev.type === 'reset' || ev.type === 'cleared' || ev.type === 'profile') this.quotes.clear()
  }

  constructor (
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: AppStore,
    private readonly win: MessageWindow,
    private readonly hooks: ActionHooks
  ) {
    host.addController(this)
  }

  hostConnected (): void { this.store.addEventListener('room-event', this.onRoomEvent) }
  hostDisconnected (): void { this.store.removeEventListener('room-event', this.onRoomEvent) }

  /** The original a reply quotes: from the rows, or fetched once; null while unknown. */
  quoteOf (m: Message): Message | 'missing' | null {
    const id = m.replyTo
    if (id === null) return null
    if (this.quotesRoom !== this.win.room) { this.quotes.clear(); this.quotesRoom = this.win.room }
    const shown = this.win.rows.find(r => r.id === id)
    if (shown !== undefined) return shown
    const known = this.quotes.get(id)
    if (known !== undefined) return known
    void this.fetchQuote(id)
    return null
  }

  private async fetchQuote (id: string): Promise<void> {
    const room = this.win.room
    if (room === null || this.fetching.has(id)) return
    this.fetching.add(id)
    try {
      const original = await this.store.api.message(room, id)
      if (room === this.win.room) this.quotes.set(id, original ?? 'missing')
    } catch {
      // left unknown: the next render asks again
    } finally {
      this.fetching.delete(id)
      this.host.requestUpdate()
    }
  }

  /** Edits this user's newest text message on screen; false when there is none. */
  editLast (): boolean {
    const last = this.win.lastOwnText()
    if (last === undefined) return false
    this.editing = last.id
    this.win.revealed = last.id
    this.host.requestUpdate()
    return true
  }

  readonly onEdit = (e: Event): void => {
    this.editing = (e as MessageEvent).detail.message.id
    this.host.requestUpdate()
  }

  readonly onEditCancel = (): void => {
    this.stopEditing()
  }

  readonly onEditSave = (e: Event): void => {
    const { message, text } = (e as MessageEvent<{ text: string }>).detail
    // mentions the text still names stay bound to their keys; the editor offers no new ones
    const mentions = mentionedKeys(text, new Map(message.mentions.map(k => [k, this.hooks.names(k)])))
    void this.run(async (room) => {
      await this.store.api.edit(room, message.id, text, mentions)
      this.stopEditing()
    })
  }

  readonly onDelete = (e: Event): void => {
    const { message } = (e as MessageEvent).detail
    void this.run(async (room) => {
      if (await this.hooks.confirm()) await this.store.api.delete(room, message.id)
    })
  }

  readonly onReact = (e: Event): void => {
    const { message, emoji, on } = (e as MessageEvent<{ emoji: string, on: boolean }>).detail
    void this.run(async (room) => { await this.store.api.react(room, message.id, emoji, on) })
  }

  readonly onJump = (e: Event): void => {
    const { id } = (e as CustomEvent<{ id: string }>).detail
    void this.run(async () => {
      if (!await this.win.reveal(id)) throw new Error('The original message is not shown here any more (deleted from view, or cleared on this device).')
    })
  }

  private stopEditing (): void {
    this.editing = null
    this.host.requestUpdate()
    this.host.dispatchEvent(new CustomEvent('lu-edit-done', { bubbles: true, composed: true }))
  }

  private async run (action: (room: string) => Promise<void>): Promise<void> {
    const room = this.win.room
    if (room === null) return
    try {
      await action(room)
    } catch (err) {
      this.host.dispatchEvent(new CustomEvent('lu-error', { detail: (err as Error).message, bubbles: true, composed: true }))
    }
  }
}
