import { LitElement, css, html, type PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { MessageWindow } from '../controllers/message-window.js'
import { dayOf, sameDay } from '../format.js'
import { shownTime } from '../message-time.js'
import type { AppStore } from '../store.js'
import type { Message } from '../types.js'
import { controls } from './shared-styles.js'
import { shownAuthor } from '../identity.js'
import './lu-message.js'

const GROUP_MS = 5 * 60_000
const NEAR_TOP = 400
const NEAR_BOTTOM = 80

/**
 * The message log of one room (role="log"). Shows a bounded window of messages, loading older
 * pages as the user scrolls up; keeps the view pinned to the bottom while the user is there.
 */
export class LuMessageLog extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    unread: { state: true }
  }

  declare store: AppStore
  declare room: string | null
  /** Messages that arrived below while the user was reading further up. */
  declare unread: number
  private win: MessageWindow | undefined
  private scrollBefore = { height: 0, top: 0, atBottom: true, anchor: null as string | null, anchorTop: 0 }

  constructor () {
    super()
    this.room = null
    this.unread = 0
  }

  // Names in the log show fingerprints and lookalike marks from the room's member list.
  private readonly onMembers = (e: Event): void => { if ((e as CustomEvent<string>).detail === this.room) this.requestUpdate() }

  override connectedCallback (): void {
    this.win ??= new MessageWindow(this, this.store)
    super.connectedCallback()
    this.store.directory.addEventListener('change', this.onMembers)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.directory.removeEventListener('change', this.onMembers)
    this.resize.disconnect()
    this.observed = null
  }

  /** Whether the view follows the newest message: the user is at (or was brought to) the bottom. */
  private pinned = true
  private lastTop = 0
  private observed: Element | null = null
  /** The first row in sight and how far below the top of the view it was, to keep it there. */
  private anchor: { el: HTMLElement, offset: number } | null = null
  // Rows change height after they render (a message formatted by the worker, ui/markdown.ts; a
  // body laid out for the first time as it scrolls into sight; an image loaded). While pinned,
  // the view stays at the bottom; otherwise the row in sight stays where it was (the scroller
  // has no native scroll anchoring: older pages are anchored by hand in updated()).
  private readonly resize = new ResizeObserver(() => {
    const s = this.scroller
    if (s === null) return
    if (this.pinned) s.scrollTop = s.scrollHeight
    else if (this.anchor !== null && this.anchor.el.isConnected) s.scrollTop += this.anchor.el.offsetTop - s.scrollTop - this.anchor.offset
    this.remember()
  })

  private remember (): void {
    const s = this.scroller
    if (s === null) return
    const top = s.scrollTop
    const el = [...s.querySelectorAll<HTMLElement>('lu-message')].find(m => m.offsetTop + m.offsetHeight > top) ?? null
    this.anchor = el === null ? null : { el, offset: el.offsetTop - top }
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
    if (changed.has('room')) { this.view.open(this.room); this.unread = 0 }
    const s = this.scroller
    if (s === null) return
    // The first row on screen anchors the view while older rows are added above it (and the
    // newest dropped below it), so what the user reads does not move.
    const first = s.querySelector<HTMLElement>('lu-message')
    this.scrollBefore = {
      height: s.scrollHeight,
      top: s.scrollTop,
      atBottom: s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM,
      anchor: first?.dataset.id ?? null,
      anchorTop: first?.offsetTop ?? 0
    }
  }

  protected override updated (): void {
    const rows = this.renderRoot.querySelector('.rows')
    if (rows !== null && rows !== this.observed) {
      this.resize.disconnect()
      this.resize.observe(rows)
      this.observed = rows
    }
    const change = this.view.lastChange
    this.view.lastChange = 'none'
    const { top, atBottom, anchor, anchorTop } = this.scrollBefore
    // Children render after this element's update; adjust once they have, before paint.
    requestAnimationFrame(() => {
      const s = this.scroller
      if (s === null) return
      if (change === 'older') {
        const el = anchor === null ? null : s.querySelector<HTMLElement>(`lu-message[data-id="${anchor}"]`)
        if (el !== null) s.scrollTop = top + (el.offsetTop - anchorTop)
      }
      else if (change === 'replace' || (atBottom && change !== 'none') || (atBottom && s.scrollTop < s.scrollHeight - s.clientHeight)) s.scrollTop = s.scrollHeight
      else if (change === 'newer' && !atBottom) this.unread++
      if (s.scrollTop < NEAR_TOP && change !== 'older') this.onScroll()
    })
  }

  private onScroll (): void {
    const s = this.scroller
    // Rows growing above do not move scrollTop, and a scroll event may come after they grew:
    // only a scroll up unpins the view, only reaching the bottom pins it.
    if (s !== null) {
      if (s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM) this.pinned = true
      else if (s.scrollTop < this.lastTop) this.pinned = false
      this.lastTop = s.scrollTop
      if (!this.pinned) this.remember()
    }
    if (s !== null && this.unread > 0 && s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM) this.unread = 0
    if (s !== null && s.scrollTop < NEAR_TOP && this.view.hasOlder && !this.view.loading) void this.view.loadOlder()
  }

  static override styles = [controls, css`
    :host { display: flex; flex-direction: column; min-height: 0; position: relative; }
    .scroller { flex: 1; overflow-y: auto; overflow-x: hidden; overflow-anchor: none; padding: 8px 0 12px; }
    .top { text-align: center; color: var(--lu-text-muted); font-size: 13px; padding: 16px; }
    .intro { padding: 28px 20px 8px; }
    .intro h2 { margin: 0 0 4px; font-size: 22px; }
    .intro p { margin: 0; color: var(--lu-text-muted); }
    .jump { position: absolute; bottom: 14px; left: 50%; transform: translateX(-50%); box-shadow: var(--lu-shadow); border-radius: 999px; }
  `]

  override render () {
    const w = this.view
    const own = this.store.rooms.find(r => r.summary.id === this.room)?.summary
    const rows = w.rows
    const layout = dayLayout(rows, w.hasOlder)
    return html`
      <div class="scroller" role="log" aria-label="Messages" @scroll=${this.onScroll}>
        ${w.hasOlder
          ? html`<div class="top">${w.loading || rows.length > 0 ? 'Loading older messages…' : ''}</div>`
          : html`<div class="intro"><h2># ${own?.alias ?? ''}</h2><p>This is the start of the room. Messages go straight to the other members' devices.</p></div>`}
        ${w.error !== null ? html`<div class="top error" role="alert">${w.error}</div>` : ''}
        <div class="rows">
        ${repeat(rows, m => m.id, (m, i) => {
          const { at, newDay, grouped } = layout[i]!
          const author = shownAuthor(m.author, this.room === null ? undefined : this.store.directory.member(this.room, m.author.key))
          return html`<lu-message data-id=${m.id} .message=${m} .author=${author} room=${this.room ?? ''} .avatars=${this.store.avatars} .store=${this.store}
            ?grouped=${grouped} ?own=${m.author.key === own?.writerKey} .day=${newDay && at !== null ? dayOf(at) : null}></lu-message>`
        })}
        </div>
      </div>
      ${!w.atLatest || w.newBelow > 0
        ? html`<button class="jump" type="button" @click=${() => { void w.reread() }}>${w.newBelow > 0 ? `${w.newBelow} new — jump to latest` : 'Jump to latest'}</button>`
        : this.unread > 0
          ? html`<button class="jump" type="button" @click=${() => { this.unread = 0; this.scrollToBottom() }}>${this.unread} new ${this.unread === 1 ? 'message' : 'messages'} ↓</button>`
        : ''}`
  }
}

/**
 * Where days start and which rows group with the one above, by the time each row shows: a
 * message whose time is unknown (a far-off claim, ui/message-time.ts) starts no day, and one with
 * a far-off claim groups with nothing, so a lying clock cannot make the headers jump (Today →
 * 2036 → Today) and its claim is always in sight.
 */
function dayLayout (rows: readonly Message[], hasOlder: boolean): Array<{ at: number | null, newDay: boolean, grouped: boolean }> {
  const now = Date.now()
  let last: number | null = null // the last known time above
  return rows.map((m, i) => {
    const { at, claimed } = shownTime(m, now)
    const prev = rows[i - 1]
    const prevAt = prev === undefined ? null : shownTime(prev, now).at
    const newDay = at !== null && (last === null ? !hasOlder : !sameDay(last, at))
    // A row whose claim is shown keeps its header: the claim is said there, in full.
    const grouped = prev !== undefined && !newDay && at !== null && claimed === null && prevAt !== null && prev.author.key === m.author.key &&
      at - prevAt < GROUP_MS && at >= prevAt
    if (at !== null) last = at
    return { at, newDay, grouped }
  })
}

customElements.define('lu-message-log', LuMessageLog)
declare global { interface HTMLElementTagNameMap { 'lu-message-log': LuMessageLog } }
