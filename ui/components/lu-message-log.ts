import { LitElement, css, html, type PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { MessageWindow } from '../controllers/message-window.js'
import { ConversationActions } from '../controllers/conversation-actions.js'
import { ScrollKeeper, NEAR_BOTTOM, fromBottom, type ScrollSnapshot } from '../controllers/scroll-keeper.js'
import { dayOf } from '../format.js'
import { dayLayout } from '../day-layout.js'
import type { AppStore } from '../store.js'
import type { Message } from '../types.js'
import { controls } from './shared-styles.js'
import type { LuConfirm } from './lu-confirm.js'
import { shownAuthor } from '../identity.js'
import './lu-message.js'
import './lu-confirm.js'

const NEAR_TOP = 400

/**
 * The message log of one room (role="log"). Shows a bounded window of messages, loading older
 * pages as the user scrolls up; keeps the view pinned to the bottom while the user is there.
 * What people do to messages (edit, delete, react, jump to a reply's original) is carried out
 * by ui/controllers/conversation-actions.ts; a reply bubbles up to the room view (lu-reply).
 */
export class LuMessageLog extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    canModerate: { type: Boolean },
    unread: { state: true },
    firstUnread: { state: true },
    dividerAway: { state: true }
  }

  declare store: AppStore
  declare room: string | null
  /**
   * Whether this user may delete anyone's message (the owner or an admin): a property the room
   * view sets from its summary, so a change of role re-renders the log (the store object stays).
   */
  declare canModerate: boolean
  /** Messages that arrived below while the user was reading further up. */
  declare unread: number
  /** The first message that was unread when the room opened (the "New messages" divider), or null. */
  declare firstUnread: string | null
  /** The divider is above what is on screen, or not loaded: offer "Jump to first unread". */
  declare dividerAway: boolean
  private readonly onVisible = (): void => { this.markRead() }
  private readonly onReveal = (): void => {
    const id = this.room === null ? null : this.store.takeReveal(this.room)
    if (id !== null) void this.view.revealFrom(id)
  }
  private win: MessageWindow | undefined
  private actions: ConversationActions | undefined
  private readonly keeper = new ScrollKeeper(this, () => this.scroller)
  private scrollBefore: ScrollSnapshot = { height: 0, top: 0, atBottom: true, anchor: null, anchorTop: 0 }

  constructor () {
    super()
    this.room = null
    this.unread = 0
    this.firstUnread = null
    this.dividerAway = false
    this.canModerate = false
  }

  // Names in the log show fingerprints and lookalike marks from the room's member list.
  private readonly onMembers = (e: Event): void => { if ((e as CustomEvent<string>).detail === this.room) this.requestUpdate() }

  /** A member's name as their profile gives it: what an `@` mention is written with, and who reacted. */
  private nameOf (key: string): string {
    const member = this.room === null ? undefined : this.store.directory.member(this.room, key)
    return member?.name ?? 'peer-' + key.slice(0, 6)
  }

  override connectedCallback (): void {
    this.win ??= new MessageWindow(this, this.store)
    this.actions ??= new ConversationActions(this, this.store, this.win, {
      confirm: () => this.renderRoot.querySelector<LuConfirm>('lu-confirm')?.ask() ?? Promise.resolve(false),
      names: (key) => this.nameOf(key)
    })
    super.connectedCallback()
    this.store.directory.addEventListener('change', this.onMembers)
    document.addEventListener('visibilitychange', this.onVisible)
    this.store.addEventListener('reveal', this.onReveal)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.directory.removeEventListener('change', this.onMembers)
    document.removeEventListener('visibilitychange', this.onVisible)
    this.store.removeEventListener('reveal', this.onReveal)
  }

  private get summary () {
    return this.store.rooms.find(r => r.summary.id === this.room)?.summary
  }

  /**
   * Tells the node the room is read up to the newest row, when the user can see it: the page is
   * visible, the log is at the bottom and shows the latest messages (docs/architecture.md §15.1).
   */
  private markRead (): void {
    const s = this.scroller
    const last = this.view.rows.at(-1)
    if (this.room === null || last === undefined || s === null || document.visibilityState !== 'visible') return
    if (!this.view.atLatest || fromBottom(s) >= NEAR_BOTTOM) return
    if ((this.summary?.unread.count ?? 0) === 0) return
    this.store.markRead(this.room, last.id)
  }

  /** Whether the divider is off screen above (or not loaded at all), for "Jump to first unread". */
  private placeDivider (): void {
    const s = this.scroller
    if (this.firstUnread === null || s === null) { this.dividerAway = false; return }
    const el = this.renderRoot.querySelector<HTMLElement>('.divider')
    // Not rendered: the first unread is older than the rows loaded.
    this.dividerAway = el === null || el.offsetTop + el.offsetHeight < s.scrollTop
  }

  /** Shows the first unread message: scrolled to if loaded, else the window is moved to it. */
  private async jumpToUnread (): Promise<void> {
    const id = this.firstUnread
    if (id === null) return
    const el = this.renderRoot.querySelector<HTMLElement>('.divider')
    if (el !== null) {
      this.keeper.pinned = false
      el.scrollIntoView({ block: 'start' })
      this.dividerAway = false
      return
    }
    await this.view.revealFrom(id)
  }

  /** Starts editing this user's newest text message (Up arrow in an empty composer). */
  editLast (): boolean {
    return this.actions?.editLast() ?? false
  }

  get view (): MessageWindow {
    if (this.win === undefined) throw new Error('lu-message-log used before it was connected')
    return this.win
  }

  private get scroller (): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller')
  }

  /** Shows a message this user just sent, and scrolls to it. */
  addOwn (m: Message): void {
    this.view.addOwn(m)
    this.scrollBefore.atBottom = true
    this.scrollToBottom()
  }

  scrollToBottom (): void {
    requestAnimationFrame(() => { const s = this.scroller; if (s !== null) s.scrollTop = s.scrollHeight })
  }

  protected override willUpdate (changed: PropertyValues<this>): void {
    if (changed.has('room')) {
      this.view.open(this.room)
      this.unread = 0
      this.firstUnread = this.summary?.unread.first ?? null
      const reveal = this.room === null ? null : this.store.takeReveal(this.room)
      if (reveal !== null) void this.view.revealFrom(reveal)
    } else if (this.firstUnread === null && (document.visibilityState !== 'visible' || !this.keeper.pinned)) {
      // News while the user was away or reading further up: the divider marks where it starts.
      this.firstUnread = this.summary?.unread.first ?? null
    }
    // The first row on screen anchors the view while older rows are added above it (and the
    // newest dropped below it), so what the user reads does not move.
    this.scrollBefore = this.keeper.snapshot() ?? this.scrollBefore
  }

  protected override updated (): void {
    this.keeper.observe(this.renderRoot.querySelector('.rows'))
    const change = this.view.lastChange
    this.view.lastChange = 'none'
    const revealed = this.view.revealed
    this.view.revealed = null
    if (revealed !== null) {
      void this.showRevealed(revealed)
      return
    }
    const before = { ...this.scrollBefore }
    // Children render after this element's update; adjust once they have, before paint.
    requestAnimationFrame(() => {
      const s = this.scroller
      if (s === null) return
      if (this.keeper.settle(change, before)) this.unread++
      if (s.scrollTop < NEAR_TOP && change !== 'older') this.onScroll()
      this.placeDivider()
      this.markRead()
    })
  }

  /** Scrolls a message into the middle of the view and flashes it (a reply's original). */
  private async showRevealed (id: string): Promise<void> {
    await new Promise(requestAnimationFrame)
    const el = this.renderRoot.querySelector<HTMLElement>(`lu-message[data-id="${id}"]`)
    if (el === null) return
    // The view now follows this message, not the newest one (until the user scrolls back down).
    this.keeper.centre(el)
    el.removeAttribute('flash')
    void el.offsetWidth // restart the animation
    el.setAttribute('flash', '')
    el.shadowRoot?.querySelector<HTMLElement>('article')?.focus({ preventScroll: true })
    this.placeDivider()
    this.markRead()
  }

  private onScroll (): void {
    const s = this.scroller
    const down = this.keeper.scrolled()
    if (s !== null) {
      const below = fromBottom(s)
      if (this.unread > 0 && below < NEAR_BOTTOM) this.unread = 0
      if (s.scrollTop < NEAR_TOP && this.view.hasOlder && !this.view.loading) void this.view.loadOlder()
      // Only the user scrolling down reads on towards the latest, never a scroll the page made (a
      // message revealed in the middle of a short window would otherwise load its way to the end).
      if (down === true && below < NEAR_BOTTOM * 4 && !this.view.atLatest && !this.view.loading) void this.view.loadNewer()
    }
    this.placeDivider()
    this.markRead()
  }

  static override styles = [controls, css`
    :host { display: flex; flex-direction: column; min-height: 0; position: relative; }
    .scroller { flex: 1; overflow-y: auto; overflow-x: hidden; overflow-anchor: none; padding: 8px 0 12px; }
    .top { text-align: center; color: var(--lu-text-muted); font-size: 13px; padding: 16px; }
    .intro { padding: 28px 20px 8px; }
    .intro h2 { margin: 0 0 4px; font-size: 22px; }
    .intro p { margin: 0; color: var(--lu-text-muted); }
    .divider { display: flex; align-items: center; gap: 10px; margin: 10px 20px; color: var(--lu-danger); font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
    .divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid var(--lu-danger); opacity: 0.6; }
    .jump-unread { position: absolute; top: 10px; left: 50%; transform: translateX(-50%); box-shadow: var(--lu-shadow); border-radius: 999px; z-index: 1; }
    .jump { position: absolute; bottom: 14px; left: 50%; transform: translateX(-50%); box-shadow: var(--lu-shadow); border-radius: 999px; }
  `]

  override render () {
    const w = this.view
    const own = this.store.rooms.find(r => r.summary.id === this.room)?.summary
    const rows = w.rows
    const actions = this.actions as ConversationActions
    const names = (key: string): string => this.nameOf(key) // a new function: rows re-render when names load
    const layout = dayLayout(rows, w.hasOlder)
    return html`
      <div class="scroller" role="log" aria-label="Messages" @scroll=${this.onScroll}
        @wheel=${this.keeper.onInput} @touchmove=${this.keeper.onInput} @keydown=${this.keeper.onInput} @pointerdown=${this.keeper.onInput}
        @lu-edit=${actions.onEdit} @lu-edit-save=${actions.onEditSave} @lu-edit-cancel=${actions.onEditCancel}
        @lu-delete=${actions.onDelete} @lu-react=${actions.onReact} @lu-jump=${actions.onJump}>
        ${w.hasOlder
          ? html`<div class="top">${w.loading || rows.length > 0 ? 'Loading older messages…' : ''}</div>`
          : html`<div class="intro"><h2># ${own?.alias ?? ''}</h2><p>This is the start of the room. Messages go straight to the other members' devices.</p></div>`}
        ${w.error !== null ? html`<div class="top error" role="alert">${w.error}</div>` : ''}
        <div class="rows">
        ${repeat(rows, m => m.id, (m, i) => {
          const { at, newDay, grouped } = layout[i]!
          const author = shownAuthor(m.author, this.room === null ? undefined : this.store.directory.member(this.room, m.author.key))
          return html`${m.id === this.firstUnread ? html`<div class="divider" role="separator" aria-label="New messages">New messages</div>` : ''}<lu-message data-id=${m.id} .message=${m} .author=${author} room=${this.room ?? ''} .avatars=${this.store.avatars} .store=${this.store}
            ?grouped=${grouped && m.replyTo === null} ?own=${m.author.key === own?.identityKey} .day=${newDay && at !== null ? dayOf(at) : null}
            me=${own?.identityKey ?? ''} ?canModerate=${this.canModerate} .names=${names}
            .quote=${actions.quoteOf(m)} ?editing=${actions.editing === m.id}></lu-message>`
        })}
        </div>
      </div>
      <lu-confirm heading="Delete message" confirm="Delete"
        text="Everyone will see “message deleted” in its place. Devices that already received it may keep its bytes until they compact their storage."></lu-confirm>
      ${this.firstUnread !== null && this.dividerAway
        ? html`<button class="jump-unread" type="button" @click=${() => { void this.jumpToUnread() }}>Jump to first unread</button>`
        : ''}
      ${!w.atLatest || w.newBelow > 0
        ? html`<button class="jump" type="button" @click=${() => { void w.reread() }}>${w.newBelow > 0 ? `${w.newBelow} new — jump to latest` : 'Jump to latest'}</button>`
        : this.unread > 0
          ? html`<button class="jump" type="button" @click=${() => { this.unread = 0; this.scrollToBottom() }}>${this.unread} new ${this.unread === 1 ? 'message' : 'messages'} ↓</button>`
        : ''}`
  }
}

customElements.define('lu-message-log', LuMessageLog)
declare global { interface HTMLElementTagNameMap { 'lu-message-log': LuMessageLog } }
