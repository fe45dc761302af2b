import { LitElement, css, html, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { AppStore } from '../store.js'
import type { SearchReply } from '../types.js'
import { highlight } from '../highlight.js'
import { dayOf, timeOf } from '../format.js'
import { shownTime } from '../message-time.js'
import { controls } from './shared-styles.js'
import { nameStyles, nameTemplate, nameText, shownAuthor } from '../identity.js'

type Result = SearchReply['results'][number]

const DEBOUNCE_MS = 150

/**
 * The search box (role searchbox, "Search messages"; Ctrl+K from anywhere in the page) and its
 * results: room, author (name and fingerprint, ui/identity.ts), time and the matched words
 * marked. "This room only" and "From" (one member of the open room: a key is per room) narrow
 * them. Choosing a result opens its room at that message (AppStore.reveal). Arrow keys move
 * through the results, Enter opens one, Escape closes them.
 */
export class LuSearch extends LitElement {
  static override properties = {
    store: { attribute: false },
    results: { state: true },
    active: { state: true },
    open: { state: true },
    thisRoom: { state: true },
    author: { state: true },
    error: { state: true }
  }

  declare store: AppStore
  declare results: Result[] | null
  declare active: number
  declare open: boolean
  declare thisRoom: boolean
  /** Only messages by this member (of this room), or null for anyone. */
  declare author: { room: string, key: string } | null
  declare error: string | null
  private readonly onMembers = (): void => { this.requestUpdate() }
  private timer: ReturnType<typeof setTimeout> | null = null
  private asked = 0
  private readonly onKey = (e: KeyboardEvent): void => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
      e.preventDefault()
      this.input?.focus()
      this.input?.select()
    }
  }

  constructor () {
    super()
    this.results = null
    this.active = 0
    this.open = false
    this.thisRoom = false
    this.author = null
    this.error = null
  }

  override connectedCallback (): void {
    super.connectedCallback()
    document.addEventListener('keydown', this.onKey)
    this.store.directory.addEventListener('change', this.onMembers)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.onKey)
    this.store.directory.removeEventListener('change', this.onMembers)
  }

  /** Focus left the box and its results (not to the "From" select in them): they close. */
  private readonly onLeave = (e: FocusEvent): void => {
    if (e.relatedTarget instanceof Node && this.renderRoot.contains(e.relatedTarget)) return
    setTimeout(() => { this.open = false }, 200) // a click on a result lands first
  }

  /** The author filter, if it is one of the open room's members (a key is per room). */
  private get from (): string | undefined {
    return this.author !== null && this.author.room === this.store.active ? this.author.key : undefined
  }

  private get input (): HTMLInputElement | null {
    return this.renderRoot.querySelector('input[type=search]')
  }

  private onInput (): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => { void this.run() }, DEBOUNCE_MS)
  }

  private async run (): Promise<void> {
    const q = this.input?.value.trim() ?? ''
    const ask = ++this.asked
    if (q === '') { this.results = null; this.open = false; return }
    const room = this.thisRoom ? this.store.active ?? undefined : undefined
    const author = this.from
    try {
      const results = await this.store.api.search(q.slice(0, 200), { ...(room === undefined ? {} : { room }), ...(author === undefined ? {} : { author }) })
      if (ask !== this.asked) return // a newer query went out meanwhile
      this.results = results
      this.error = null
    } catch (err) {
      if (ask !== this.asked) return
      this.results = []
      this.error = (err as Error).message
    }
    this.active = 0
    this.open = true
  }

  private onKeydown (e: KeyboardEvent): void {
    const n = this.results?.length ?? 0
    if (e.key === 'Escape') { this.open = false; return }
    if (e.key === 'ArrowDown' && n > 0) { e.preventDefault(); this.open = true; this.active = (this.active + 1) % n }
    if (e.key === 'ArrowUp' && n > 0) { e.preventDefault(); this.active = (this.active - 1 + n) % n }
    if (e.key === 'Enter') {
      e.preventDefault()
      const chosen = this.results?.[this.active]
      if (chosen !== undefined && this.open) this.choose(chosen)
      else void this.run()
    }
  }

  private choose (r: Result): void {
    this.open = false
    this.store.reveal(r.roomId, r.message.id)
  }

  static override styles = [controls, nameStyles, css`
    :host { display: block; position: relative; padding: 0 12px 8px; }
    input[type=search] { width: 100%; box-sizing: border-box; background: var(--lu-side-hover); color: var(--lu-side-text); border: 1px solid var(--lu-side-border); border-radius: 8px; padding: 7px 10px; font-size: 14px; }
    input[type=search]::placeholder { color: var(--lu-side-muted); }
    .panel { position: fixed; left: 12px; top: 110px; width: min(620px, calc(100vw - 24px)); max-height: 70vh; overflow-y: auto; z-index: 20;
      background: var(--lu-bg); color: var(--lu-text); border: 1px solid var(--lu-border); border-radius: 12px; box-shadow: var(--lu-shadow); }
    .bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--lu-border); font-size: 13px; color: var(--lu-text-muted); }
    ul { list-style: none; margin: 0; padding: 4px; }
    li { padding: 8px 10px; border-radius: 8px; cursor: pointer; }
    li[aria-selected=true], li:hover { background: var(--lu-bg-hover); }
    .meta { display: flex; gap: 8px; font-size: 12px; color: var(--lu-text-muted); margin-bottom: 2px; }
    .meta b { color: var(--lu-text); }
    .text { font-size: 14px; overflow-wrap: anywhere; }
    mark { background: color-mix(in srgb, #ffd400 55%, transparent); color: inherit; border-radius: 3px; padding: 0 1px; }
    .none { padding: 14px; color: var(--lu-text-muted); font-size: 14px; }
    .filters { display: flex; align-items: center; gap: 12px; }
    select { font: inherit; font-size: 12px; max-width: 200px; border-radius: 6px; padding: 2px 4px; border: 1px solid var(--lu-border); background: var(--lu-bg); color: var(--lu-text); }
  `]

  private renderResult (r: Result, i: number) {
    const room = this.store.rooms.find(x => x.summary.id === r.roomId)?.summary.alias ?? 'room'
    const at = shownTime(r.message).at
    return html`<li role="option" id="result-${i}" aria-selected=${i === this.active ? 'true' : 'false'}
      @click=${() => this.choose(r)} @mouseenter=${() => { this.active = i }}>
      <div class="meta"><span># ${room}</span><b>${nameTemplate(shownAuthor(r.message.author, this.store.directory.member(r.roomId, r.message.author.key)))}</b><span>${at === null ? '' : `${dayOf(at)} ${timeOf(at)}`}</span></div>
      <div class="text">${highlight(r.message.text ?? '', r.terms).map(p => p.hit ? html`<mark>${p.text}</mark>` : p.text)}</div>
    </li>`
  }

  /** "From": anyone, or one member of the open room. */
  private renderFrom () {
    const room = this.store.active
    if (room === null) return nothing
    const me = this.store.room?.summary.identityKey
    const from = this.from ?? ''
    return html`<label>From <select aria-label="From" .value=${from} @change=${(e: Event) => {
      const key = (e.target as HTMLSelectElement).value
      this.author = key === '' ? null : { room, key }
      void this.run()
      this.input?.focus()
    }}>
      <option value="" ?selected=${from === ''}>Anyone</option>
      ${this.store.directory.members(room).map(m => html`<option value=${m.key} ?selected=${m.key === from}>${nameText(m)}${m.key === me ? ' (you)' : ''}</option>`)}
    </select></label>`
  }

  override render () {
    const results = this.results ?? []
    return html`
      <input type="search" aria-label="Search messages" placeholder="Search messages (Ctrl+K)" autocomplete="off"
        aria-controls="results" aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${this.open && results.length > 0 ? `result-${this.active}` : nothing}
        @input=${this.onInput} @keydown=${this.onKeydown} @focus=${() => { if (this.results !== null) this.open = true }}
        @blur=${this.onLeave}>
      ${this.open
        ? html`<div class="panel" @focusout=${this.onLeave}>
            <div class="bar"><span>${results.length === 0 ? '' : `${results.length} ${results.length === 1 ? 'result' : 'results'}, newest first`}</span>
              <span class="filters">${this.renderFrom()}<label><input type="checkbox" .checked=${this.thisRoom} @mousedown=${(e: Event) => e.preventDefault()}
                @change=${(e: Event) => { this.thisRoom = (e.target as HTMLInputElement).checked; void this.run(); this.input?.focus() }}> This room only</label></span></div>
            ${this.error !== null ? html`<div class="none" role="alert">${this.error}</div>` : nothing}
            ${results.length === 0 && this.error === null
              ? html`<div class="none">No messages match.</div>`
              : html`<ul id="results" role="listbox" aria-label="Search results">${repeat(results, r => r.roomId + r.message.id, (r, i) => this.renderResult(r, i))}</ul>`}
          </div>`
        : nothing}`
  }
}

customElements.define('lu-search', LuSearch)
declare global { interface HTMLElementTagNameMap { 'lu-search': LuSearch } }
