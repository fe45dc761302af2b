import { LitElement, css, html, nothing } from 'lit'
import { markdown } from '../markdown.js'
import type { AvatarCache } from '../controllers/avatar-cache.js'
import type { Message } from '../types.js'
import type { AppStore } from '../store.js'
import { markdownStyles } from './markdown-styles.js'
import { nameStyles, nameTemplate, type Shown } from '../identity.js'
import './lu-avatar.js'
import './lu-attachment.js'
import './lu-time.js'

/**
 * One message: an article with the author's avatar and name, the time, and the text rendered
 * from Markdown and sanitised (ui/markdown.ts). A message that follows one by the same author
 * within a few minutes is grouped: no avatar, the name kept for screen readers only.
 */
export class LuMessage extends LitElement {
  static override properties = {
    message: { attribute: false },
    room: { type: String },
    avatars: { attribute: false },
    store: { attribute: false },
    grouped: { type: Boolean, reflect: true },
    own: { type: Boolean },
    day: { type: String },
    author: { attribute: false }
  }

  declare message: Message
  declare room: string
  declare avatars: AvatarCache | null
  /** For file messages: signed links and download progress. */
  declare store: AppStore | null
  declare grouped: boolean
  declare own: boolean
  /** A day heading to show above this message ("Today"), when it starts a new day. */
  declare day: string | null
  /** How to show the author (ui/identity.ts): the member list's entry for them, when known. */
  declare author: Shown | null

  constructor () {
    super()
    this.room = ''
    this.avatars = null
    this.store = null
    this.grouped = false
    this.own = false
    this.day = null
    this.author = null
  }

  static override styles = [markdownStyles, nameStyles, css`
    *, *::before, *::after { box-sizing: border-box; }
    :host { display: block; }
    .day { display: flex; align-items: center; gap: 12px; margin: 18px 20px 6px; color: var(--lu-text-muted); font-size: 12px; font-weight: 700; }
    .day::before, .day::after { content: ""; flex: 1; height: 1px; background: var(--lu-border); }
    article { display: grid; grid-template-columns: 40px minmax(0, 1fr); column-gap: 12px; padding: 6px 20px 4px; margin-top: 6px; }
    :host([grouped]) article { margin-top: 0; padding-top: 1px; }
    article:hover { background: var(--lu-bg-soft); }
    .gutter { padding-top: 2px; }
    .gutter lu-time { display: block; visibility: hidden; color: var(--lu-text-muted); font-size: 10.5px; line-height: 20px; text-align: right; white-space: nowrap; direction: rtl; }
    article:hover .gutter lu-time { visibility: visible; }
    lu-avatar { width: 40px; height: 40px; }
    header { display: flex; align-items: baseline; gap: 8px; min-width: 0; }
    .author { font-weight: 700; overflow: hidden; white-space: nowrap; max-width: 60ch; min-width: 0; }
    header lu-time { color: var(--lu-text-muted); font-size: 12px; }
    .pending { color: var(--lu-text-muted); font-size: 12px; font-style: italic; }
    .body { min-width: 0; }
    .pending-body { opacity: 0.6; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `]

  private renderBody () {
    const m = this.message
    if (m.type === 'text') return html`<div class="md">${markdown(m.text ?? '')}</div>`
    if (this.store === null) return nothing
    return html`<lu-attachment .store=${this.store} room=${this.room} .message=${m}></lu-attachment>`
  }

  override render () {
    const m = this.message
    const pending = this.own && !m.seen
    return html`
      ${this.day !== null ? html`<div class="day" role="separator">${this.day}</div>` : ''}
      <article aria-labelledby="author" data-id=${m.id} class=${pending ? 'is-pending' : ''}>
        <div class="gutter">
          ${this.grouped
            ? html`<lu-time compact .message=${m}></lu-time>`
            : html`<lu-avatar name=${m.author.name} user-key=${m.author.key} room=${this.room} .avatars=${this.avatars}></lu-avatar>`}
        </div>
        <div class="body ${pending ? 'pending-body' : ''}">
          <header class=${this.grouped ? 'sr-only' : ''}>
            <span class="author" id="author">${nameTemplate(this.author ?? m.author)}</span>
            <lu-time .message=${m}></lu-time>
            ${pending ? html`<span class="pending" title="No peer has received this message yet">pending</span>` : ''}
          </header>
          ${this.renderBody()}
        </div>
      </article>`
  }
}

customElements.define('lu-message', LuMessage)
declare global { interface HTMLElementTagNameMap { 'lu-message': LuMessage } }
